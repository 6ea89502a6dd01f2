//! Many documents on one socket (`/sync/mux`, the app's connection): each channel syncs
//! its own document with the devices on plain `/sync` connections; a document the officer
//! may not read is refused on its channel alone; a refused frame ends its channel and
//! nothing else; a frame that names no channel ends the socket.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{TestRelay, desheng_officer};
use futures::{SinkExt, StreamExt};
use liandong_relay::mux::{self, MSG_CLOSED};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};
use yrs::encoding::read::{Cursor, Read as _};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

const BULLETINS: &str = "region/desheng/bulletins";
const COMMUNITY: &str = "station/desheng/community";
const OTHER_REGION: &str = "region/leigu/bulletins";

/// A device on one multiplexed socket: a Yjs document per channel.
struct MuxClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    docs: HashMap<u64, Doc>,
    /// Channels the relay ended: code and reason.
    ended: HashMap<u64, (u16, String)>,
    /// The socket's close frame, once received.
    closed: Option<u16>,
    /// Channels whose document the relay has sent (its sync step 2 arrived).
    synced: std::collections::HashSet<u64>,
}

impl MuxClient {
    async fn connect(relay: &TestRelay, token: &str) -> Self {
        let (ws, _) = connect_async(format!("ws://{}/sync/mux?token={token}", relay.addr)).await.expect("connect");
        Self { ws, docs: HashMap::new(), ended: HashMap::new(), closed: None, synced: Default::default() }
    }

    /// Opens `doc` on `channel` and sends sync step 1, as the app does.
    async fn open(&mut self, channel: u64, doc: &str) {
        let _ = self.ws.send(WsMessage::Binary(mux::open_frame(channel, doc))).await;
        let ydoc = Doc::new();
        let step1 = Message::Sync(SyncMessage::SyncStep1(ydoc.transact().state_vector()));
        self.docs.insert(channel, ydoc);
        self.send(channel, &step1.encode_v1()).await;
    }

    async fn send(&mut self, channel: u64, inner: &[u8]) {
        let _ = self.ws.send(WsMessage::Binary(mux::framed(channel, inner))).await;
    }

    async fn append(&mut self, channel: u64, text: &str) {
        let update = {
            let doc = &self.docs[&channel];
            let t = doc.get_or_insert_text("t");
            let mut txn = doc.transact_mut();
            let len = t.get_string(&txn).len() as u32;
            t.insert(&mut txn, len, text);
            txn.encode_update_v1()
        };
        self.send(channel, &Message::Sync(SyncMessage::Update(update)).encode_v1()).await;
    }

    fn text(&self, channel: u64) -> String {
        let doc = &self.docs[&channel];
        doc.get_or_insert_text("t").get_string(&doc.transact())
    }

    /// Reads and handles frames until `done` holds or `timeout` passes.
    async fn pump_until(&mut self, timeout: Duration, done: impl Fn(&Self) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(self) {
            let frame = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Ok(Some(Ok(frame))) => frame,
                _ => return done(self),
            };
            match frame {
                WsMessage::Binary(bytes) => self.handle(&bytes).await,
                WsMessage::Close(frame) => self.closed = Some(frame.map_or(1005, |f| u16::from(f.code))),
                _ => {}
            }
        }
        true
    }

    async fn handle(&mut self, bytes: &[u8]) {
        let (channel, inner) = mux::split(bytes).expect("every frame names its channel");
        if inner.first() == Some(&MSG_CLOSED) {
            let mut cursor = Cursor::new(&inner[1..]);
            let code: u16 = cursor.read_var().expect("code");
            let reason = cursor.read_string().expect("reason").to_owned();
            self.ended.insert(channel, (code, reason));
            return;
        }
        let Some(doc) = self.docs.get(&channel) else { return };
        match Message::decode_v1(inner) {
            Ok(Message::Sync(SyncMessage::SyncStep1(sv))) => {
                let diff = doc.transact().encode_state_as_update_v1(&sv);
                self.send(channel, &Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1()).await;
            }
            Ok(Message::Sync(SyncMessage::SyncStep2(u))) => {
                if let Ok(update) = Update::decode_v1(&u) {
                    let _ = doc.transact_mut().apply_update(update);
                }
                self.synced.insert(channel);
            }
            Ok(Message::Sync(SyncMessage::Update(u))) => {
                if let Ok(update) = Update::decode_v1(&u) {
                    let _ = doc.transact_mut().apply_update(update);
                }
            }
            _ => {}
        }
    }
}

#[tokio::test]
async fn two_documents_on_one_socket_each_sync_with_plain_connections() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let token = desheng_officer(&relay);
    let mut device = MuxClient::connect(&relay, &token).await;
    device.open(1, BULLETINS).await;
    device.open(2, COMMUNITY).await;
    device.append(1, "通报：河口村摩托车被盗").await;

    let mut other = relay.connect(BULLETINS, &token).await;
    assert!(
        other.pump_until(Duration::from_secs(5), |c| c.text() == "通报：河口村摩托车被盗").await,
        "a plain connection of the same document received the channel's update"
    );
    let mut community = relay.connect(COMMUNITY, &token).await;
    community.synced().await;
    community.append("排班").await;
    assert!(
        device.pump_until(Duration::from_secs(5), |d| d.text(2) == "排班").await,
        "the community document's change reached channel 2"
    );
    assert_eq!(device.text(1), "通报：河口村摩托车被盗", "channel 1 kept its own document");
    assert!(device.ended.is_empty() && device.closed.is_none(), "nothing ended: {:?}", device.ended);
}

#[tokio::test]
async fn a_document_the_officer_may_not_read_is_refused_on_its_channel_alone() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let token = desheng_officer(&relay);
    let mut device = MuxClient::connect(&relay, &token).await;
    device.open(1, BULLETINS).await;
    device.open(2, OTHER_REGION).await;
    device.open(3, "no/such/document").await;
    assert!(device.pump_until(Duration::from_secs(5), |d| d.ended.len() == 2).await, "refusals: {:?}", device.ended);
    assert_eq!(device.ended[&2].0, 1008, "{:?}", device.ended[&2]);
    assert!(device.ended[&2].1.contains("may not open"), "{:?}", device.ended[&2]);
    assert_eq!(device.ended[&3].0, 1008);

    let mut writer = relay.connect(BULLETINS, &token).await;
    writer.synced().await;
    writer.append("区域通报").await;
    assert!(device.pump_until(Duration::from_secs(5), |d| d.text(1) == "区域通报").await, "channel 1 still syncs");
    assert!(!device.ended.contains_key(&1) && device.closed.is_none());
}

#[tokio::test]
async fn a_refused_frame_ends_its_channel_and_the_others_carry_on() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let token = desheng_officer(&relay);
    let mut device = MuxClient::connect(&relay, &token).await;
    device.open(1, BULLETINS).await;
    device.open(2, COMMUNITY).await;
    assert!(
        device.pump_until(Duration::from_secs(5), |d| d.synced.contains(&1) && d.synced.contains(&2)).await,
        "the channels did not open"
    );
    // A sync update whose declared length runs past the frame.
    device.send(1, &[0, 2, 0xff, 0xff, 0x03, 1, 2]).await;
    assert!(device.pump_until(Duration::from_secs(5), |d| d.ended.contains_key(&1)).await, "channel 1 was not ended");
    assert!(matches!(device.ended[&1].0, 1002 | 1007), "{:?}", device.ended[&1]);

    device.append(2, "值班").await;
    let mut community = relay.connect(COMMUNITY, &token).await;
    assert!(community.pump_until(Duration::from_secs(5), |c| c.text() == "值班").await, "channel 2 still syncs");
    assert!(device.closed.is_none(), "the socket stayed open");

    // Reopened, channel 1 syncs again.
    device.open(1, BULLETINS).await;
    let mut writer = relay.connect(BULLETINS, &token).await;
    writer.synced().await;
    writer.append("重开").await;
    assert!(device.pump_until(Duration::from_secs(5), |d| d.text(1) == "重开").await, "the reopened channel syncs");
}

#[tokio::test]
async fn a_frame_without_a_channel_number_closes_the_socket_not_the_relay() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let token = desheng_officer(&relay);
    let mut device = MuxClient::connect(&relay, &token).await;
    device.open(1, BULLETINS).await;
    // Channel 1 synced first: an answer the device sent after the relay closed the socket
    // would make the kernel reset the connection, and the close frame would be lost.
    assert!(device.pump_until(Duration::from_secs(5), |d| d.synced.contains(&1)).await, "channel 1 did not open");
    let _ = device.ws.send(WsMessage::Binary(vec![0xff].into())).await;
    assert!(device.pump_until(Duration::from_secs(5), |d| d.closed.is_some()).await, "not closed");
    assert_eq!(device.closed, Some(1002));
    relay.two_converge_and_a_late_joiner_catches_up(BULLETINS, &token).await;
}

#[tokio::test]
async fn a_forged_token_is_refused_at_the_upgrade() {
    let relay = TestRelay::start().await;
    let result = connect_async(format!("ws://{}/sync/mux?token=forged", relay.addr)).await;
    let Err(tokio_tungstenite::tungstenite::Error::Http(response)) = result else { panic!("upgrade accepted") };
    assert_eq!(response.status().as_u16(), 401);
}
