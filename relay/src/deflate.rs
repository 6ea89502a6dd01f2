//! Compressed messages (feature `deflate`): one ordinary y-websocket message, compressed
//! with raw DEFLATE (RFC 1951) and wrapped in a custom message, so a device on a slow link
//! downloads and uploads about a third to a half of the bytes.
//!
//! Wire format: custom message [`MSG_DEFLATE`] (lib0: varuint `101`, then a varuint length
//! and that many bytes) whose payload is the raw DEFLATE stream of one whole ordinary frame
//! (sync, awareness, progress header...). Only a connection that asked for the feature
//! (`features=…,deflate`) receives such messages or may send them; a stock y-websocket
//! client never sees one. Frames of at most [`MIN_BYTES`] are sent as they are, and so is a
//! frame that compression would not make smaller.
//!
//! What this module will not do: decide whether a frame's contents are acceptable. An
//! inflated frame goes through [`crate::protocol::decode`] like any other; here only its
//! size is bounded ([`inflate`] stops at the relay's frame limit, so a deflate bomb costs
//! at most that much memory).

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use yrs::encoding::read::{Cursor, Read as _};
use yrs::encoding::write::Write as _;

/// Tag of a compressed message (custom y-protocol message type).
pub const MSG_DEFLATE: u8 = 101;
/// Frames of at most this many bytes are not worth compressing (the wrapper and the
/// DEFLATE block header cost ~10 bytes; awareness and acks are smaller than this).
pub const MIN_BYTES: usize = 256;

/// Why a compressed message was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InflateError {
    /// The payload is not a raw DEFLATE stream (or the wrapper is cut short).
    #[error("compressed message does not inflate: {0}")]
    Garbage(String),
    /// The payload inflates to more than the relay accepts for one frame.
    #[error("compressed message inflates past {0} bytes, the relay's frame limit")]
    TooBig(usize),
}

/// Whether `frame` is a compressed message (its first byte is the tag; lib0 varuints below
/// 128 are one byte).
pub fn is_compressed(frame: &[u8]) -> bool {
    frame.first() == Some(&MSG_DEFLATE)
}

/// `frame` compressed and wrapped, or `None` when it is at most [`MIN_BYTES`], already
/// compressed, or would not shrink.
pub fn compress(frame: &[u8]) -> Option<Vec<u8>> {
    if frame.len() <= MIN_BYTES || is_compressed(frame) {
        return None;
    }
    // Level 6: within a few per cent of level 9 on Yjs updates, several times faster.
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(frame.len() / 2), Compression::default());
    encoder.write_all(frame).ok()?;
    let payload = encoder.finish().ok()?;
    let mut out = Vec::with_capacity(payload.len() + 6);
    out.write_var(MSG_DEFLATE);
    out.write_buf(&payload);
    (out.len() < frame.len()).then_some(out)
}

/// The frame inside the compressed message `frame` (which starts with [`MSG_DEFLATE`]),
/// inflating at most `max_bytes`: more is [`InflateError::TooBig`], bytes after the
/// wrapped payload or a payload that is not DEFLATE are [`InflateError::Garbage`].
pub fn inflate(frame: &[u8], max_bytes: usize) -> Result<Vec<u8>, InflateError> {
    let mut cursor = Cursor::new(frame);
    let tag: u8 = cursor.read_var().map_err(|e| InflateError::Garbage(e.to_string()))?;
    if tag != MSG_DEFLATE {
        return Err(InflateError::Garbage(format!("message kind {tag} is not compressed")));
    }
    let len: u64 = cursor.read_var().map_err(|e| InflateError::Garbage(e.to_string()))?;
    let payload = &frame[cursor.next..];
    if payload.len() as u64 != len {
        return Err(InflateError::Garbage(format!(
            "compressed message declares {len} bytes, carries {}",
            payload.len()
        )));
    }
    let mut out = Vec::with_capacity(payload.len().saturating_mul(3).min(max_bytes));
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    DeflateDecoder::new(payload).take(limit).read_to_end(&mut out).map_err(|e| InflateError::Garbage(e.to_string()))?;
    if out.len() > max_bytes {
        return Err(InflateError::TooBig(max_bytes));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_small_ones_stay_plain() {
        let frame: Vec<u8> = "警情通报".repeat(200).into_bytes();
        let wrapped = compress(&frame).expect("compressed");
        assert!(wrapped.len() < frame.len() / 10, "{} bytes", wrapped.len());
        assert_eq!(inflate(&wrapped, 1 << 20), Ok(frame));
        assert_eq!(compress(&[0u8; 100]), None);
        assert_eq!(compress(&wrapped), None, "never compressed twice");
    }

    #[test]
    fn a_bomb_stops_at_the_limit_and_garbage_is_refused() {
        let bomb = compress(&vec![0u8; 50 << 20]).expect("compressed");
        assert!(bomb.len() < 100_000);
        assert_eq!(inflate(&bomb, 1 << 20), Err(InflateError::TooBig(1 << 20)));
        let garbage = [MSG_DEFLATE, 4, 0xff, 0xff, 0xff, 0xff];
        assert!(matches!(inflate(&garbage, 1 << 20), Err(InflateError::Garbage(_))));
        let cut = [MSG_DEFLATE, 40, 1, 2];
        assert!(matches!(inflate(&cut, 1 << 20), Err(InflateError::Garbage(_))));
    }
}
