//! Many documents over one WebSocket (`GET /sync/mux`): the app's connection.
//!
//! Browsers open WebSockets to one host one at a time (Chromium lets a single one be
//! connecting), so ten documents on ten sockets took ten handshakes in a row: about 9 s at
//! 50 kbit/s and 600 ms, and the token (1.1 KB) went up ten times. Here the device opens one
//! socket with its token and features and speaks to each document on a **channel**.
//!
//! Wire format: every binary frame, both ways, is lib0 varuint `channel` followed by one
//! frame exactly as a `/sync/{document}` connection would carry it (y-protocol messages,
//! compressed ones included, [`crate::deflate`]). Two messages manage channels:
//! - [`MSG_OPEN`] (device → relay, lib0: varuint `110`, varstring document id): the first
//!   frame of a channel. The relay checks the device's right to read that document, as at
//!   a `/sync/{document}` upgrade, and joins the channel to the document's room, which
//!   answers with sync step 1 as on a new connection. Opening a channel that is open leaves
//!   the old document first.
//! - [`MSG_CLOSED`] (both ways, lib0: varuint `111`, varuint close code, varstring reason):
//!   the relay ends a channel (no right to the document, a refused frame, the room
//!   ended) with the code and reason a `/sync` connection would be closed with; the device
//!   ends one it no longer wants (code and reason are then ignored).
//!
//! A refused frame (malformed, refused data, too large) ends **its channel** alone; the
//! socket and the other documents carry on. The socket itself closes on a frame without a
//! channel number, a frame for a channel that was never opened, a text frame, a flood
//! (the message budget is per socket) or shutdown. Each channel has its own outbound
//! queue, like a connection: a full one ends that channel with 4008.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket};
use futures::{SinkExt, StreamExt};
use liandong_core::DocumentId;
use liandong_core::access::Claims;
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;
use yrs::encoding::read::{Cursor, Read as _};
use yrs::encoding::write::Write as _;

use crate::auth::access::Access;
use crate::connection::{Bucket, Limits, NEXT_CONN, read_frame, truncate_reason};
use crate::deflate;
use crate::metrics::Metrics;
use crate::protocol::{CLOSE_GOING_AWAY, CLOSE_INTERNAL_ERROR, CLOSE_POLICY, CLOSE_PROTOCOL_ERROR};
use crate::room::{CloseReason, ConnId, Data, Features, Outbox, RoomHandle};
use crate::rooms::Rooms;
use crate::store::keys as storage_keys;

/// Opens a channel (custom y-protocol message type).
pub const MSG_OPEN: u8 = 110;
/// Ends a channel (custom y-protocol message type).
pub const MSG_CLOSED: u8 = 111;
/// Channels one socket may have open at once (the app has about ten documents).
pub const MAX_CHANNELS: usize = 64;
/// Frames waiting for the socket's writer, from all channels.
const WRITER_QUEUE: usize = 64;

/// Everything a multiplexed socket needs besides the socket.
pub struct MuxSession {
    /// Who is connected.
    pub claims: Claims,
    /// Access checks, per document opened.
    pub access: Access,
    /// Protocol extensions the device asked for (for every channel).
    pub features: Features,
    /// The rooms.
    pub rooms: Rooms,
    /// Limits (the frame limit and outbound queue per channel, the message rate per socket).
    pub limits: Limits,
    /// Cancelled when the relay shuts down.
    pub shutdown: CancellationToken,
    /// Figures.
    pub metrics: Arc<Metrics>,
}

/// `channel` then `frame`, as one frame of the socket.
pub fn framed(channel: u64, frame: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(frame.len() + 4);
    out.write_var(channel);
    out.extend_from_slice(frame);
    Bytes::from(out)
}

/// The frame that ends `channel` with `code` and `reason`.
pub fn closed_frame(channel: u64, code: u16, reason: &str) -> Bytes {
    let mut inner = Vec::new();
    inner.write_var(MSG_CLOSED);
    inner.write_var(code);
    inner.write_string(&truncate_reason(reason));
    framed(channel, &inner)
}

/// The frame that opens `channel` on document `doc` (what the app sends).
pub fn open_frame(channel: u64, doc: &str) -> Bytes {
    let mut inner = Vec::new();
    inner.write_var(MSG_OPEN);
    inner.write_string(doc);
    framed(channel, &inner)
}

/// Splits a frame into its channel and the inner frame; `None` when it has no channel.
pub fn split(frame: &[u8]) -> Option<(u64, &[u8])> {
    let mut cursor = Cursor::new(frame);
    let channel: u64 = cursor.read_var().ok()?;
    Some((channel, &frame[cursor.next..]))
}

/// What an inner frame asks of the channels.
enum Control {
    Open(String),
    Close,
    Data,
}

fn control(inner: &[u8]) -> Control {
    match inner.first() {
        Some(&MSG_OPEN) => {
            let mut cursor = Cursor::new(&inner[1..]);
            match cursor.read_string() {
                Ok(doc) => Control::Open(doc.to_owned()),
                Err(_) => Control::Open(String::new()),
            }
        }
        Some(&MSG_CLOSED) => Control::Close,
        _ => Control::Data,
    }
}

/// One open channel.
struct Channel {
    conn: ConnId,
    room: RoomHandle,
    outbox: Outbox,
    doc: String,
}

/// Serves one multiplexed socket until either side closes it or the relay shuts down.
pub async fn serve(socket: WebSocket, session: MuxSession) {
    let MuxSession { claims, access, features, rooms, limits, shutdown, metrics } = session;
    let who = claims.badge.clone();
    let (out_tx, mut out_rx) = mpsc::channel::<Bytes>(WRITER_QUEUE);
    let (end_tx, end_rx) = watch::channel::<Option<CloseReason>>(None);
    let (mut sink, mut stream) = socket.split();
    let end = |code: u16, reason: String| {
        end_tx.send_if_modified(|current| {
            if current.is_none() {
                *current = Some(CloseReason { code, reason });
                true
            } else {
                false
            }
        });
    };

    let writer = async {
        let mut end_rx = end_rx.clone();
        let reason = loop {
            tokio::select! {
                frame = out_rx.recv() => match frame {
                    Some(frame) => {
                        let len = frame.len() as u64;
                        if sink.send(WsMessage::Binary(frame)).await.is_err() {
                            break None;
                        }
                        metrics.frames_out.inc();
                        metrics.bytes_out.inc_by(len);
                    }
                    None => break None,
                },
                changed = end_rx.changed() => {
                    if changed.is_err() { break None; }
                    if let Some(reason) = end_rx.borrow().clone() { break Some(reason); }
                }
                _ = shutdown.cancelled() => {
                    end(CLOSE_GOING_AWAY, "relay shutting down".into());
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
        let mut channels: HashMap<u64, Channel> = HashMap::new();
        let mut ending = end_rx.clone();
        let refuse_socket = |code: u16, reason: String| {
            tracing::info!(%who, %reason, "closing multiplexed connection");
            metrics.refused_connections.inc();
            end(code, reason);
        };
        loop {
            let frame = tokio::select! {
                frame = stream.next() => frame,
                _ = ending.wait_for(|reason| reason.is_some()) => break,
            };
            let bytes = match frame {
                Some(Ok(WsMessage::Binary(bytes))) => bytes,
                Some(Ok(WsMessage::Text(_))) => {
                    refuse_socket(CLOSE_PROTOCOL_ERROR, "text frames are not part of the protocol".into());
                    break;
                }
                Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => continue,
                Some(Ok(WsMessage::Close(_))) | Some(Err(_)) | None => break,
            };
            metrics.bytes_in.inc_by(bytes.len() as u64);
            if !bucket.take() {
                refuse_socket(CLOSE_POLICY, "too many messages; slow down and reconnect".into());
                break;
            }
            let Some((number, inner)) = split(&bytes) else {
                refuse_socket(CLOSE_PROTOCOL_ERROR, "frame without a channel number".into());
                break;
            };
            // A channel the relay ended: frames the device sent before it knew are dropped.
            if channels.get(&number).is_some_and(|c| c.outbox.close.borrow().is_some())
                && let Some(gone) = channels.remove(&number)
            {
                gone.room.send(Data::Leave { conn: gone.conn }).await;
            }
            match control(inner) {
                Control::Open(doc_id) => {
                    if let Some(old) = channels.remove(&number) {
                        old.outbox.close(1000, "");
                        old.room.send(Data::Leave { conn: old.conn }).await;
                    }
                    if channels.len() >= MAX_CHANNELS {
                        refuse_socket(CLOSE_POLICY, format!("more than {MAX_CHANNELS} documents on one connection"));
                        break;
                    }
                    match open(&doc_id, &claims, &access, &rooms, features, &limits, &out_tx, number, &metrics).await {
                        Ok(channel) => {
                            tracing::debug!(doc = %channel.doc, conn = channel.conn, %who, channel = number, "channel joined");
                            channels.insert(number, channel);
                        }
                        Err((code, reason)) => {
                            tracing::info!(doc = %crate::server::shown(&doc_id), %who, %reason, "channel refused");
                            metrics.refused_connections.inc();
                            if out_tx.send(closed_frame(number, code, &reason)).await.is_err() {
                                break;
                            }
                        }
                    }
                }
                Control::Close => {
                    if let Some(gone) = channels.remove(&number) {
                        gone.outbox.close(1000, "");
                        gone.room.send(Data::Leave { conn: gone.conn }).await;
                    }
                }
                Control::Data => {
                    let Some(channel) = channels.get(&number) else {
                        // Never opened, or ended by the relay (the device was told): the
                        // frames it sent meanwhile carry nothing that can be placed.
                        continue;
                    };
                    match read_frame(Bytes::copy_from_slice(inner), features, &limits) {
                        Ok(message) => {
                            if !channel.room.send(Data::Message { conn: channel.conn, message }).await {
                                channel.outbox.close(CLOSE_INTERNAL_ERROR, "the document was unloaded; open it again");
                            }
                        }
                        Err((code, reason)) => {
                            tracing::info!(doc = %channel.doc, conn = channel.conn, %who, %reason, "closing channel");
                            metrics.refused_connections.inc();
                            channel.outbox.close(code, reason);
                        }
                    }
                }
            }
        }
        let we_close = end_rx.borrow().is_some();
        end(1000, String::new());
        for (_, channel) in channels.drain() {
            channel.outbox.close(1000, "");
            channel.room.send(Data::Leave { conn: channel.conn }).await;
        }
        if we_close {
            crate::connection::drain_peer_close(&mut stream).await;
        }
    };

    metrics.connections.inc();
    tokio::join!(writer, reader);
    metrics.connections.dec();
}

/// Opens channel `number` on `doc_id` for `claims`: checks the right to read it, joins the
/// room and starts the task that forwards the room's frames to the socket's writer.
#[allow(clippy::too_many_arguments)]
async fn open(
    doc_id: &str,
    claims: &Claims,
    access: &Access,
    rooms: &Rooms,
    features: Features,
    limits: &Limits,
    out: &mpsc::Sender<Bytes>,
    number: u64,
    metrics: &Arc<Metrics>,
) -> Result<Channel, (u16, String)> {
    let doc: DocumentId = doc_id.parse().map_err(|_| (CLOSE_POLICY, "no such document".to_owned()))?;
    let rights = access.rights(claims, &doc).await;
    if !rights.can_read() {
        return Err((CLOSE_POLICY, format!("{} may not open {doc}", claims.badge)));
    }
    let conn: ConnId = NEXT_CONN.fetch_add(1, Ordering::Relaxed);
    let (frames_tx, mut frames_rx) = mpsc::channel::<Bytes>(limits.outbound_queue.max(1));
    let (close_tx, mut close_rx) = watch::channel::<Option<CloseReason>>(None);
    let outbox = Outbox { frames: frames_tx, close: close_tx };
    let key = storage_keys::key(&claims.county, &doc);
    let room = rooms
        .join(&key, conn, outbox.clone(), rights, features)
        .await
        .map_err(|reason| (CLOSE_INTERNAL_ERROR, reason))?;
    let out = out.clone();
    let metrics = metrics.clone();
    let forwarding_room = room.clone();
    tokio::spawn(async move {
        metrics.channels.inc();
        let reason = loop {
            tokio::select! {
                biased;
                frame = frames_rx.recv() => match frame {
                    Some(frame) => {
                        let frame = match features.deflate.then(|| deflate::compress(&frame)).flatten() {
                            Some(compressed) => compressed,
                            None => frame.to_vec(),
                        };
                        if out.send(framed(number, &frame)).await.is_err() {
                            break None;
                        }
                    }
                    None => break None,
                },
                changed = close_rx.changed() => {
                    if changed.is_err() { break None; }
                    if let Some(reason) = close_rx.borrow().clone() { break Some(reason); }
                }
            }
        };
        // Ended by the relay (not by the device, whose close has code 1000): say why.
        if let Some(CloseReason { code, reason }) = reason
            && code != 1000
        {
            let _ = out.send(closed_frame(number, code, &reason)).await;
        }
        forwarding_room.send(Data::Leave { conn }).await;
        metrics.channels.dec();
    });
    Ok(Channel { conn, room, outbox, doc: doc.to_string() })
}
