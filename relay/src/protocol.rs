//! The y-websocket wire format: each binary WebSocket frame carries one lib0-encoded
//! message (yrs [`Message`]: sync step 1 / step 2 / update, awareness, awareness query,
//! auth). This module decodes and encodes frames and names the close codes the relay uses.

use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact};

/// Close code: the frame could not be decoded or was of an unknown kind (RFC 6455 1007/1008 family).
pub const CLOSE_PROTOCOL_ERROR: u16 = 1002;
/// Close code: the frame was larger than the relay accepts.
pub const CLOSE_TOO_BIG: u16 = 1009;
/// Close code: the relay is shutting down; reconnect later.
pub const CLOSE_GOING_AWAY: u16 = 1001;
/// Close code: the connection fell too far behind; reconnect and resync (custom 4000 range).
pub const CLOSE_TOO_SLOW: u16 = 4008;
/// Close code: the connection sent messages faster than allowed (policy violation).
pub const CLOSE_POLICY: u16 = 1008;
/// Close code: the relay cannot serve the document now (storage failure); retry later.
pub const CLOSE_INTERNAL_ERROR: u16 = 1011;

/// What a read-only device is told (in a y-protocol auth "permission denied" message) when
/// it sends a change: the app shows it as "refused: read-only".
pub const READ_ONLY_REASON: &str = "read-only: your role may read this document but not change it";

/// Why a frame was refused.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The bytes are not a y-websocket message.
    #[error("malformed frame: {0}")]
    Malformed(String),
    /// A message kind the relay does not handle.
    #[error("unsupported message kind {0}")]
    Unsupported(u8),
}

/// Decodes one binary frame into a message. Trailing bytes after the message are an error,
/// so a frame is never half-understood.
pub fn decode(frame: &[u8]) -> Result<Message, FrameError> {
    let mut decoder = yrs::updates::decoder::DecoderV1::from(frame);
    let msg = Message::decode(&mut decoder).map_err(|e| FrameError::Malformed(e.to_string()))?;
    if let Message::Custom(tag, _) = msg {
        return Err(FrameError::Unsupported(tag));
    }
    if yrs::encoding::read::Read::read_u8(&mut decoder).is_ok() {
        return Err(FrameError::Malformed("trailing bytes after the message".into()));
    }
    Ok(msg)
}

/// Encodes a message as one frame.
pub fn encode(msg: &Message) -> Vec<u8> {
    msg.encode_v1()
}

/// Sync step 1 of `awareness`'s document: "here is my state vector, send me what I lack".
pub fn sync_step1(awareness: &Awareness) -> Vec<u8> {
    let sv = awareness.doc().transact().state_vector();
    encode(&Message::Sync(SyncMessage::SyncStep1(sv)))
}

/// Sync step 2: the part of the document that a peer with state vector `sv` lacks.
pub fn sync_step2(awareness: &Awareness, sv: &StateVector) -> Vec<u8> {
    let diff = awareness.doc().transact().encode_state_as_update_v1(sv);
    encode(&Message::Sync(SyncMessage::SyncStep2(diff)))
}

/// An update message carrying `update` (lib0 v1 bytes).
pub fn update(update: Vec<u8>) -> Vec<u8> {
    encode(&Message::Sync(SyncMessage::Update(update)))
}
