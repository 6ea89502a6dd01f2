//! One WebSocket connection: reads frames into its room and writes the room's frames out.
//!
//! The reader decodes each binary frame ([`crate::protocol::decode`]) and hands it to the
//! room, waiting when the room is busy (so a fast sender is slowed down, never buffered
//! without bound). A frame that does not decode, a text frame, an oversized frame or a
//! flood of messages closes this connection alone with a reason. A connection that asked
//! for `deflate` may send compressed frames: they are inflated up to the frame limit
//! (more closes it with 1009, bytes that do not inflate with 1007) and then decoded like
//! any frame; its outgoing frames are compressed here ([`crate::deflate`]). The writer drains a
//! bounded queue; when the room finds the queue full it closes the connection (the client
//! then reconnects and resyncs) instead of dropping frames silently.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use futures::{SinkExt, StreamExt};
use liandong_core::access::Rights;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::deflate::{self, InflateError};
use crate::metrics::Metrics;
use crate::protocol::{
    self, CLOSE_GOING_AWAY, CLOSE_INTERNAL_ERROR, CLOSE_INVALID_DATA, CLOSE_POLICY, CLOSE_PROTOCOL_ERROR, CLOSE_TOO_BIG,
};
use crate::room::{CloseReason, ConnId, Data, Features, Outbox};
use crate::rooms::Rooms;

/// The next connection id (channels of a multiplexed connection take theirs here too).
pub(crate) static NEXT_CONN: AtomicU64 = AtomicU64::new(1);

/// Limits of one connection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Frames that may wait in the outbound queue.
    pub outbound_queue: usize,
    /// Messages per second a connection may send on average.
    pub messages_per_second: f64,
    /// Messages it may send in a burst.
    pub message_burst: f64,
    /// Largest frame accepted, in bytes. The WebSocket layer reads frames up to twice this
    /// ([`read_limit`]) so that a frame somewhat too large is read to its end and refused
    /// with 1009 and a reason; a larger one is cut off there (the peer may then see 1006).
    pub max_frame_bytes: usize,
}

/// Frames up to this size are read whole before being refused, so the peer receives the
/// close frame (1009) instead of a reset: closing a socket with unread bytes makes the
/// kernel answer with RST.
pub fn read_limit(max_frame_bytes: usize) -> usize {
    max_frame_bytes.saturating_mul(2)
}

/// How long a connection the relay closes keeps reading (and discarding) for the peer's
/// answering close frame.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(2);

/// After the relay sent its close frame: reads on (discarding) until the peer answers it,
/// at most [`DRAIN`], so the peer receives the frame and its reason rather than a reset.
pub(crate) async fn drain_peer_close(stream: &mut futures::stream::SplitStream<WebSocket>) {
    let _ = tokio::time::timeout(DRAIN, async {
        while let Some(Ok(frame)) = stream.next().await {
            if matches!(frame, WsMessage::Close(_)) {
                break;
            }
        }
    })
    .await;
}

/// A token bucket: `burst` messages at once, refilled at `rate` per second.
pub(crate) struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket for `limits`.
    pub(crate) fn new(limits: &Limits) -> Self {
        Self {
            tokens: limits.message_burst,
            rate: limits.messages_per_second,
            burst: limits.message_burst,
            last: Instant::now(),
        }
    }

    /// Takes one message's token; `false` when the sender floods.
    pub(crate) fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.last).as_secs_f64() * self.rate).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Everything a connection needs besides its socket.
pub struct Session {
    /// The document.
    pub doc_id: String,
    /// Who is connected (badge number), for logs.
    pub who: String,
    /// What the device may do.
    pub rights: Rights,
    /// Protocol extensions it asked for.
    pub features: Features,
    /// The rooms.
    pub rooms: Rooms,
    /// Limits.
    pub limits: Limits,
    /// Cancelled when the relay shuts down.
    pub shutdown: CancellationToken,
    /// Figures.
    pub metrics: Arc<Metrics>,
}

/// Serves one upgraded WebSocket until either side closes it or the relay shuts down,
/// then leaves the room.
pub async fn serve(socket: WebSocket, session: Session) {
    let Session { doc_id, who, rights, features, rooms, limits, shutdown, metrics } = session;
    let conn: ConnId = NEXT_CONN.fetch_add(1, Ordering::Relaxed);
    let (frames_tx, mut frames_rx) = mpsc::channel::<Bytes>(limits.outbound_queue.max(1));
    let (close_tx, mut close_rx) = watch::channel::<Option<CloseReason>>(None);
    let outbox = Outbox { frames: frames_tx, close: close_tx };
    let (mut sink, mut stream) = socket.split();
    metrics.connections.inc();

    let room = match rooms.join(&doc_id, conn, outbox.clone(), rights, features).await {
        Ok(room) => room,
        Err(reason) => {
            let frame = CloseFrame { code: CLOSE_INTERNAL_ERROR, reason: truncate_reason(&reason).into() };
            let _ = sink.send(WsMessage::Close(Some(frame))).await;
            metrics.connections.dec();
            return;
        }
    };
    tracing::debug!(doc = %doc_id, conn, %who, ?rights, "connection joined");

    let writer = async {
        let reason = loop {
            tokio::select! {
                frame = frames_rx.recv() => match frame {
                    Some(frame) => {
                        let frame = match features.deflate.then(|| deflate::compress(&frame)).flatten() {
                            Some(compressed) => Bytes::from(compressed),
                            None => frame,
                        };
                        let len = frame.len() as u64;
                        if sink.send(WsMessage::Binary(frame)).await.is_err() {
                            break None;
                        }
                        metrics.frames_out.inc();
                        metrics.bytes_out.inc_by(len);
                    }
                    None => break None,
                },
                changed = close_rx.changed() => {
                    if changed.is_err() { break None; }
                    if let Some(reason) = close_rx.borrow().clone() { break Some(reason); }
                }
                _ = shutdown.cancelled() => {
                    // Also stops the reader, which would otherwise wait for the peer's reply.
                    outbox.close(CLOSE_GOING_AWAY, "relay shutting down");
                    break Some(CloseReason { code: CLOSE_GOING_AWAY, reason: "relay shutting down".into() });
                }
            }
        };
        if let Some(CloseReason { code, reason }) = reason {
            let frame = CloseFrame { code, reason: truncate_reason(&reason).into() };
            let _ = sink.send(WsMessage::Close(Some(frame))).await;
        }
        let _ = sink.close().await;
    };

    let reader = async {
        let mut bucket = Bucket::new(&limits);
        let refused = |outbox: &Outbox, code, reason: String| {
            tracing::info!(doc = %doc_id, conn, %who, %reason, "closing connection");
            metrics.refused_connections.inc();
            outbox.close(code, reason);
        };
        let mut closing = outbox.close.subscribe();
        // Ends with whether the relay closes the connection (then it reads on for the
        // peer's answer) rather than the peer or the network.
        let we_close = loop {
            let frame = tokio::select! {
                frame = stream.next() => frame,
                _ = closing.wait_for(|reason| reason.is_some()) => break true,
            };
            let Some(frame) = frame else { break false };
            match frame {
                Ok(WsMessage::Binary(bytes)) => {
                    metrics.bytes_in.inc_by(bytes.len() as u64);
                    if !bucket.take() {
                        refused(&outbox, CLOSE_POLICY, "too many messages; slow down and reconnect".into());
                        break true;
                    }
                    match read_frame(bytes, features, &limits) {
                        Ok(message) => {
                            if !room.send(Data::Message { conn, message }).await {
                                break true;
                            }
                        }
                        Err((code, reason)) => {
                            refused(&outbox, code, reason);
                            break true;
                        }
                    }
                }
                Ok(WsMessage::Text(_)) => {
                    refused(&outbox, CLOSE_PROTOCOL_ERROR, "text frames are not part of the protocol".into());
                    break true;
                }
                Ok(WsMessage::Close(_)) => break false,
                Ok(WsMessage::Ping(_) | WsMessage::Pong(_)) => {}
                Err(e) => {
                    let text = e.to_string();
                    if text.contains("too long") || text.contains("too big") || text.contains("Space limit") {
                        let reason = format!("frame larger than the relay accepts ({} bytes)", limits.max_frame_bytes);
                        refused(&outbox, CLOSE_TOO_BIG, reason);
                    }
                    tracing::debug!(doc = %doc_id, conn, error = %text, "read error");
                    break false; // the stream is finished after an error
                }
            }
        };
        // The reader is done: leave the room at once, and tell the writer to finish unless
        // a reason is already set.
        room.send(Data::Leave { conn }).await;
        outbox.close(1000, "");
        if we_close {
            drain_peer_close(&mut stream).await;
        }
    };

    tokio::join!(writer, reader);
    metrics.connections.dec();
    tracing::debug!(doc = %doc_id, conn, "connection left");
}

/// One binary frame from a device, as a message for its room: refused (with the close
/// code and reason for the device) when larger than the frame limit, when it is compressed
/// and does not inflate within the limit, or when [`protocol::decode`] refuses it.
pub(crate) fn read_frame(
    bytes: Bytes,
    features: Features,
    limits: &Limits,
) -> Result<yrs::sync::Message, (u16, String)> {
    if bytes.len() > limits.max_frame_bytes {
        return Err((
            CLOSE_TOO_BIG,
            format!("frame of {} bytes; the relay accepts {}", bytes.len(), limits.max_frame_bytes),
        ));
    }
    let bytes = if features.deflate && deflate::is_compressed(&bytes) {
        match deflate::inflate(&bytes, limits.max_frame_bytes) {
            Ok(inflated) => Bytes::from(inflated),
            Err(e) => {
                let code = match e {
                    InflateError::TooBig(_) => CLOSE_TOO_BIG,
                    InflateError::Garbage(_) => CLOSE_INVALID_DATA,
                };
                return Err((code, e.to_string()));
            }
        }
    } else {
        bytes
    };
    protocol::decode(&bytes).map_err(|e| (e.close_code(), e.to_string()))
}

/// A close reason must fit in a control frame (123 bytes); cut on a character boundary.
pub(crate) fn truncate_reason(reason: &str) -> String {
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason[..end].to_string()
}
