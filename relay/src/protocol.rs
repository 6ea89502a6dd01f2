//! The y-websocket wire format: each binary WebSocket frame carries one lib0-encoded
//! message (yrs [`Message`]: sync step 1 / step 2 / update, awareness, awareness query,
//! auth). This module decodes and encodes frames and names the close codes the relay uses.
//!
//! [`decode`] is the relay's one door for a device's bytes: before yrs decodes anything it
//! checks the counts a frame declares ([`precheck`]), walks every update without recursion
//! ([`liandong_core::update_guard`]: values nested deeper than
//! [`MAX_VALUE_DEPTH`](liandong_core::update_guard::MAX_VALUE_DEPTH) are refused) and
//! refuses awareness states that are not JSON (every JavaScript client would throw on them).

use liandong_core::update_guard::{self, GuardError, MAX_CLIENT_ID};
use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector, Transact};

/// Close code: the frame could not be decoded or was of an unknown kind (RFC 6455 1007/1008 family).
pub const CLOSE_PROTOCOL_ERROR: u16 = 1002;
/// Close code: the frame is well formed but carries data the relay refuses (a value nested
/// too deep, an awareness state that is not JSON): RFC 6455 "invalid frame payload data".
pub const CLOSE_INVALID_DATA: u16 = 1007;
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
    /// Well formed, but refused: a value nested too deep, an awareness state that is not
    /// JSON.
    #[error("{0}")]
    Refused(String),
}

impl FrameError {
    /// The WebSocket close code that goes with the refusal.
    pub fn close_code(&self) -> u16 {
        match self {
            FrameError::Refused(_) => CLOSE_INVALID_DATA,
            _ => CLOSE_PROTOCOL_ERROR,
        }
    }
}

/// Checks the counts a frame declares before yrs decodes it: yrs reserves memory for the
/// declared number of entries first, so a 10-byte frame claiming 2^29 state-vector entries
/// would cost gigabytes (found by the fuzzer, relay/fuzz/README.md). A count larger than
/// the bytes that follow could hold, or a client id above 53 bits, refuses the frame.
fn precheck(frame: &[u8]) -> Result<(), String> {
    use yrs::encoding::read::{Cursor, Read};
    let err = |e: yrs::encoding::read::Error| e.to_string();
    let mut cursor = Cursor::new(frame);
    let kind: u8 = cursor.read_var().map_err(err)?;
    match kind {
        yrs::sync::protocol::MSG_SYNC => {
            let sync: u8 = cursor.read_var().map_err(err)?;
            let body = cursor.read_buf().map_err(err)?;
            let mut inner = Cursor::new(body);
            let count: u64 = inner.read_var().map_err(err)?;
            match sync {
                yrs::sync::protocol::MSG_SYNC_STEP_1 => {
                    if count > body.len() as u64 / 2 {
                        return Err(format!("state vector claims {count} entries in {} bytes", body.len()));
                    }
                    for _ in 0..count {
                        let client: u64 = inner.read_var().map_err(err)?;
                        let _clock: u64 = inner.read_var().map_err(err)?;
                        if client > MAX_CLIENT_ID {
                            return Err(format!("client id {client} is above 53 bits"));
                        }
                    }
                }
                _ => {
                    if count > body.len() as u64 / 3 {
                        return Err(format!("update claims {count} clients in {} bytes", body.len()));
                    }
                }
            }
        }
        yrs::sync::protocol::MSG_AWARENESS => {
            let body = cursor.read_buf().map_err(err)?;
            let mut inner = Cursor::new(body);
            let count: u64 = inner.read_var().map_err(err)?;
            if count > body.len() as u64 / 3 {
                return Err(format!("awareness update claims {count} clients in {} bytes", body.len()));
            }
            for _ in 0..count {
                let client: u64 = inner.read_var().map_err(err)?;
                let _clock: u64 = inner.read_var().map_err(err)?;
                let _state = inner.read_string().map_err(err)?;
                if client > MAX_CLIENT_ID {
                    return Err(format!("client id {client} is above 53 bits"));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Decodes one binary frame into a message. Trailing bytes after the message are an error,
/// so a frame is never half-understood; declared counts are checked first ([`precheck`]).
pub fn decode(frame: &[u8]) -> Result<Message, FrameError> {
    precheck(frame).map_err(FrameError::Malformed)?;
    let mut decoder = yrs::updates::decoder::DecoderV1::from(frame);
    let msg = Message::decode(&mut decoder).map_err(|e| FrameError::Malformed(e.to_string()))?;
    if let Message::Custom(tag, _) = msg {
        return Err(FrameError::Unsupported(tag));
    }
    if yrs::encoding::read::Read::read_u8(&mut decoder).is_ok() {
        return Err(FrameError::Malformed("trailing bytes after the message".into()));
    }
    match &msg {
        Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
            update_guard::check_strict(update).map_err(|e| match e {
                GuardError::Malformed(why) => FrameError::Malformed(why),
                refused => FrameError::Refused(refused.to_string()),
            })?;
        }
        Message::Awareness(update) => {
            for (client, entry) in &update.clients {
                if serde_json::from_str::<serde::de::IgnoredAny>(&entry.json).is_err() {
                    return Err(FrameError::Refused(format!("awareness state of client {client} is not JSON")));
                }
            }
        }
        _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs the fuzzer found (relay/fuzz/repro/): each must be refused fast and cheaply.
    #[test]
    fn frames_that_declare_absurd_counts_are_refused_before_decoding() {
        for frame in [
            &[0x00, 0x00, 0x05, 0x80, 0x80, 0x80, 0x80, 0x02][..],
            &[0x01, 0x08, 0xc5, 0xc5, 0xc5, 0xc5, 0x00, 0xbc, 0x00, 0xbc][..],
            &[0x00, 0x02, 0x05, 0x80, 0x80, 0x80, 0x80, 0x01][..],
        ] {
            let started = std::time::Instant::now();
            assert!(matches!(decode(frame), Err(FrameError::Malformed(_))), "{frame:?} accepted");
            assert!(started.elapsed() < std::time::Duration::from_millis(50), "{frame:?} was slow");
        }
    }

    #[test]
    fn ordinary_frames_still_decode() {
        let doc = yrs::Doc::new();
        let awareness = Awareness::new(doc);
        assert!(decode(&sync_step1(&awareness)).is_ok());
        assert!(decode(&sync_step2(&awareness, &StateVector::default())).is_ok());
        let client_id_too_big = [0x00, 0x00, 0x0b, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00];
        assert!(decode(&client_id_too_big).is_err());
    }
}
