//! One y-websocket client over a real WebSocket: connect, sync with the relay, send updates,
//! and apply what arrives to its own Yjs document.
//!
//! It speaks only the sync part of the protocol (step 1, step 2, update); awareness and
//! other messages are read and ignored. It does not measure anything itself.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async_with_config};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::BoxError;

/// Read buffer per connection. tungstenite zero-fills its whole read buffer before every
/// read attempt, so its 128 KiB default costs the load generator a 128 KiB memset per
/// read; frames larger than this still arrive (the buffer grows for them).
const READ_BUFFER: usize = 8 * 1024;

/// A frame as read from the socket (`None` once the stream ended).
pub type Frame = Option<Result<WsMessage, tokio_tungstenite::tungstenite::Error>>;

/// What handling one frame amounted to.
#[derive(Debug)]
pub enum Event {
    /// A sync step 2 or an update was applied. `senders` has one entry per Yjs client id
    /// with blocks in the update (its lowest clock there), which tells whose changes it
    /// carries.
    Applied {
        /// Client ids with blocks in the update (lower bound of their clocks).
        senders: StateVector,
        /// Whether it was the relay's sync step 2 (the answer to our step 1).
        step2: bool,
    },
    /// Something that needs no action from the caller (answered step 1, awareness, ping).
    Other,
    /// The relay closed the connection: close code and reason (1005 without a frame).
    Closed(u16, String),
}

/// A connected client with its own document.
pub struct Peer {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The client's replica of the document.
    pub doc: Doc,
}

impl Peer {
    /// Connects to `url` (with TCP_NODELAY, as browsers do) and sends sync step 1 with
    /// `doc`'s state vector.
    pub async fn connect(url: &str, doc: Doc) -> Result<Self, BoxError> {
        let config = WebSocketConfig::default().read_buffer_size(READ_BUFFER);
        let (ws, _) = connect_async_with_config(url, Some(config), true).await?;
        let mut peer = Self { ws, doc };
        let sv = peer.doc.transact().state_vector();
        peer.send(&Message::Sync(SyncMessage::SyncStep1(sv))).await?;
        Ok(peer)
    }

    /// Connects and reads until the relay's sync step 2 has been applied, within `timeout`.
    pub async fn connect_synced(url: &str, doc: Doc, timeout: Duration) -> Result<Self, BoxError> {
        let sync = async {
            let mut peer = Self::connect(url, doc).await?;
            loop {
                let frame = peer.recv().await;
                match peer.handle(frame).await? {
                    Event::Applied { step2: true, .. } => return Ok::<_, BoxError>(peer),
                    Event::Applied { .. } | Event::Other => {}
                    Event::Closed(code, reason) => return Err(format!("closed while syncing: {code} {reason}").into()),
                }
            }
        };
        tokio::time::timeout(timeout, sync).await.map_err(|_| format!("not synced within {timeout:?}"))?
    }

    /// Sends one message as a binary frame.
    pub async fn send(&mut self, message: &Message) -> Result<(), BoxError> {
        self.ws.send(WsMessage::Binary(message.encode_v1().into())).await?;
        Ok(())
    }

    /// Sends `update` (lib0 v1 bytes) as a sync update message.
    pub async fn send_update(&mut self, update: Vec<u8>) -> Result<(), BoxError> {
        self.send(&Message::Sync(SyncMessage::Update(update))).await
    }

    /// Waits for the next frame. Cancel-safe (nothing is lost if the future is dropped), so
    /// it may race other branches in `tokio::select!`; pass the frame to [`Peer::handle`].
    pub async fn recv(&mut self) -> Frame {
        self.ws.next().await
    }

    /// Handles one frame: answers sync step 1, applies step 2 and updates to the document.
    /// Errors: the socket failed, or the relay sent bytes that are not a valid message.
    pub async fn handle(&mut self, frame: Frame) -> Result<Event, BoxError> {
        let bytes = match frame {
            None => return Ok(Event::Closed(1006, "connection ended without a close frame".into())),
            Some(Err(e)) => return Err(e.into()),
            Some(Ok(WsMessage::Binary(bytes))) => bytes,
            Some(Ok(WsMessage::Close(frame))) => {
                let (code, reason) = frame.map_or((1005, String::new()), |f| (u16::from(f.code), f.reason.to_string()));
                return Ok(Event::Closed(code, reason));
            }
            Some(Ok(_)) => return Ok(Event::Other),
        };
        match Message::decode_v1(&bytes)? {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send(&Message::Sync(SyncMessage::SyncStep2(diff))).await?;
                Ok(Event::Other)
            }
            Message::Sync(SyncMessage::SyncStep2(update)) => self.apply(&update, true),
            Message::Sync(SyncMessage::Update(update)) => self.apply(&update, false),
            Message::Auth(Some(reason)) => Err(format!("relay refused our update: {reason}").into()),
            _ => Ok(Event::Other),
        }
    }

    fn apply(&mut self, bytes: &[u8], step2: bool) -> Result<Event, BoxError> {
        let update = Update::decode_v1(bytes)?;
        let senders = update.state_vector_lower();
        self.doc.transact_mut().apply_update(update)?;
        Ok(Event::Applied { senders, step2 })
    }

    /// Sends a normal close frame and gives the relay `grace` to answer.
    pub async fn close(mut self, grace: Duration) {
        let frame = CloseFrame { code: CloseCode::Normal, reason: "".into() };
        let _ = tokio::time::timeout(grace, async {
            let _ = self.ws.close(Some(frame)).await;
            while let Some(Ok(_)) = self.ws.next().await {}
        })
        .await;
    }
}
