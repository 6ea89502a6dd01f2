//! One WebSocket connection: reads frames into its room and writes the room's frames out.
//!
//! The reader decodes each binary frame ([`crate::protocol::decode`]); a frame that does
//! not decode closes this connection alone with a reason. The writer drains a bounded
//! queue; when the room finds the queue full it closes the connection (the client then
//! reconnects and resyncs) instead of dropping frames silently.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use futures::{SinkExt, StreamExt};
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::protocol::{self, CLOSE_GOING_AWAY, CLOSE_PROTOCOL_ERROR, CLOSE_TOO_BIG};
use crate::room::{CloseReason, Command, ConnId, Outbox};
use crate::rooms::Rooms;

static NEXT_CONN: AtomicU64 = AtomicU64::new(1);

/// Serves one upgraded WebSocket on document `doc_id` until either side closes it or the
/// relay shuts down (`shutdown`), then leaves the room.
pub async fn serve(socket: WebSocket, doc_id: String, rooms: Rooms, queue: usize, shutdown: CancellationToken) {
    let conn: ConnId = NEXT_CONN.fetch_add(1, Ordering::Relaxed);
    let (frames_tx, mut frames_rx) = mpsc::channel::<Vec<u8>>(queue);
    let (close_tx, mut close_rx) = watch::channel::<Option<CloseReason>>(None);
    let outbox = Outbox { frames: frames_tx, close: close_tx };
    let room = rooms.join(&doc_id, conn, outbox.clone()).await;
    tracing::debug!(doc = %doc_id, conn, "connection joined");

    let (mut sink, mut stream) = socket.split();

    let writer = async {
        let reason = loop {
            tokio::select! {
                frame = frames_rx.recv() => match frame {
                    Some(frame) => {
                        if sink.send(WsMessage::Binary(frame.into())).await.is_err() {
                            break None;
                        }
                    }
                    None => break None,
                },
                changed = close_rx.changed() => {
                    if changed.is_err() { break None; }
                    if let Some(reason) = close_rx.borrow().clone() { break Some(reason); }
                }
                _ = shutdown.cancelled() => {
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
        while let Some(frame) = stream.next().await {
            match frame {
                Ok(WsMessage::Binary(bytes)) => match protocol::decode(&bytes) {
                    Ok(message) => {
                        if !room.send(Command::Message { conn, message }) {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::info!(doc = %doc_id, conn, error = %e, "refused frame");
                        outbox.close(CLOSE_PROTOCOL_ERROR, e.to_string());
                        break;
                    }
                },
                Ok(WsMessage::Text(_)) => {
                    outbox.close(CLOSE_PROTOCOL_ERROR, "text frames are not part of the protocol");
                    break;
                }
                Ok(WsMessage::Close(_)) => break,
                Ok(WsMessage::Ping(_) | WsMessage::Pong(_)) => {}
                Err(e) => {
                    let text = e.to_string();
                    if text.contains("too long") || text.contains("too big") || text.contains("Space limit") {
                        outbox.close(CLOSE_TOO_BIG, "frame larger than the relay accepts");
                    }
                    tracing::debug!(doc = %doc_id, conn, error = %text, "read error");
                    break;
                }
            }
        }
        // The reader is done: tell the writer to finish unless a reason is already set.
        if outbox.close.borrow().is_none() {
            outbox.close.send_replace(Some(CloseReason { code: 1000, reason: String::new() }));
        }
    };

    tokio::join!(writer, reader);
    room.send(Command::Leave { conn });
    tracing::debug!(doc = %doc_id, conn, "connection left");
}

/// A close reason must fit in a control frame (123 bytes); cut on a character boundary.
fn truncate_reason(reason: &str) -> String {
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason[..end].to_string()
}
