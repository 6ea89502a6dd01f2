//! Test helpers: a relay on an ephemeral 127.0.0.1 port and a minimal Yjs WebSocket client.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use liandong_relay::config::ServeConfig;
use liandong_relay::server::Relay;
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, StateVector, Text, Transact, Update};

/// A relay running in this test's runtime; stopped when dropped.
pub struct TestRelay {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    pub data: tempfile::TempDir,
}

impl TestRelay {
    pub async fn start() -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let config = ServeConfig::new("127.0.0.1:0".parse().expect("addr"), data.path().to_path_buf());
        let relay = Relay::bind(config).await.expect("bind");
        let addr = relay.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(relay.serve(async move {
            let _ = stopped.await;
        }));
        Self { addr, stop: Some(stop), data }
    }

    pub fn url(&self, doc: &str) -> String {
        format!("ws://{}/sync/{}", self.addr, doc)
    }
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A Yjs peer over a real WebSocket: its own `Doc`, speaking the y-websocket protocol.
pub struct Client {
    pub doc: Doc,
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    /// Connects and sends sync step 1.
    pub async fn connect(url: &str) -> Self {
        let (ws, _) = connect_async(url).await.expect("connect");
        let mut client = Self { doc: Doc::new(), ws };
        let sv = client.doc.transact().state_vector();
        client.send(Message::Sync(SyncMessage::SyncStep1(sv))).await;
        client
    }

    pub async fn send(&mut self, msg: Message) {
        self.ws.send(WsMessage::Binary(msg.encode_v1().into())).await.expect("send");
    }

    /// Inserts `text` at the end of the shared text `"t"` and sends the update.
    pub async fn append(&mut self, text: &str) {
        let t = self.doc.get_or_insert_text("t");
        let update = {
            let mut txn = self.doc.transact_mut();
            let len = t.len(&txn);
            t.insert(&mut txn, len, text);
            txn.encode_update_v1()
        };
        self.send(Message::Sync(SyncMessage::Update(update))).await;
    }

    pub fn text(&self) -> String {
        let t = self.doc.get_or_insert_text("t");
        t.get_string(&self.doc.transact())
    }

    /// Reads frames, applying sync messages and answering sync step 1, until `done` holds
    /// or `timeout` passes. Returns whether `done` held.
    pub async fn pump_until(&mut self, timeout: Duration, done: impl Fn(&Self) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(self) {
            let frame = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Ok(Some(Ok(frame))) => frame,
                _ => return done(self),
            };
            if let WsMessage::Binary(bytes) = frame {
                self.handle(&bytes).await;
            }
        }
        true
    }

    async fn handle(&mut self, bytes: &[u8]) {
        let Ok(msg) = Message::decode_v1(bytes) else { return };
        match msg {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send(Message::Sync(SyncMessage::SyncStep2(diff))).await;
            }
            Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) => {
                if let Ok(update) = Update::decode_v1(&u) {
                    let _ = self.doc.transact_mut().apply_update(update);
                }
            }
            _ => {}
        }
    }

    pub fn state_vector(&self) -> StateVector {
        self.doc.transact().state_vector()
    }
}
