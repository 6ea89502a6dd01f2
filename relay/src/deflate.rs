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
//! A catch-up in pieces ([`crate::catch_up`]) is compressed as one run instead ([`Run`],
//! custom message [`MSG_DEFLATE_RUN`]): one DEFLATE stream across its frames, flushed at
//! each frame's end (`Z_SYNC_FLUSH`), so a piece may refer back to text of the pieces
//! before it. Pieces compressed on their own lose that: 50 bulletins of 15 KiB of random
//! Chinese characters, 774,913 bytes as their 50 updates, are 285,581 bytes compressed one
//! by one and 246,582 as one run (whole: 244,584). The compressor lives only while the
//! run's frames are made, so no connection keeps one (zlib state is ~256 KiB). Devices
//! never send runs: the browser's `CompressionStream` cannot flush without ending.
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
/// Tag of one frame of a compressed run (custom y-protocol message type), relay to device
/// only. Payload (lib0): varuint `1` if this frame starts a new run (the device starts a
/// new inflater) else `0`, varuint length of the frame inflated, then a varuint length and
/// that many bytes: the run's DEFLATE stream up to and including the sync flush after
/// this frame.
pub const MSG_DEFLATE_RUN: u8 = 102;
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

/// Whether `frame` is a compressed message or a frame of a run (its first byte is the tag;
/// lib0 varuints below 128 are one byte).
pub fn is_compressed(frame: &[u8]) -> bool {
    matches!(frame.first(), Some(&(MSG_DEFLATE | MSG_DEFLATE_RUN)))
}

/// One DEFLATE stream across several frames sent in order on one connection (a catch-up):
/// each frame is compressed up to a sync flush and wrapped as [`MSG_DEFLATE_RUN`]. Every
/// frame given to [`Run::frame`] must reach the device, in order: skipping one would leave
/// the device's inflater out of step.
pub struct Run {
    compress: flate2::Compress,
    started: bool,
}

impl Default for Run {
    fn default() -> Self {
        Self::new()
    }
}

impl Run {
    /// A new run (level 6, raw DEFLATE, 32 KiB window).
    pub fn new() -> Self {
        Self { compress: flate2::Compress::new(Compression::default(), false), started: false }
    }

    /// `frame` compressed as the run's next frame. `None` only if the compressor fails,
    /// which miniz_oxide does not do on valid input and memory; the run is then unusable.
    pub fn frame(&mut self, frame: &[u8]) -> Option<Vec<u8>> {
        let mut payload = Vec::with_capacity(frame.len() / 2 + 64);
        let start_in = self.compress.total_in();
        loop {
            let consumed = usize::try_from(self.compress.total_in() - start_in).ok()?;
            if payload.capacity() - payload.len() < 64 {
                payload.reserve(frame.len() / 4 + 64);
            }
            let status =
                self.compress.compress_vec(&frame[consumed..], &mut payload, flate2::FlushCompress::Sync).ok()?;
            let consumed = usize::try_from(self.compress.total_in() - start_in).ok()?;
            // Done once all input is in and the flush fit (space left in the output).
            if consumed == frame.len() && payload.len() < payload.capacity() {
                break;
            }
            if status == flate2::Status::BufError && payload.len() < payload.capacity() {
                return None;
            }
        }
        let mut out = Vec::with_capacity(payload.len() + 12);
        out.write_var(MSG_DEFLATE_RUN);
        out.write_var(u8::from(!std::mem::replace(&mut self.started, true)));
        out.write_var(frame.len() as u64);
        out.write_buf(&payload);
        Some(out)
    }
}

/// The device's side of [`Run`], for Rust clients and tests (the app has its own, on the
/// browser's `DecompressionStream`): inflates the frames of one connection's runs in order,
/// starting a new inflater where a run starts.
#[derive(Default)]
pub struct RunInflater {
    inflater: Option<flate2::Decompress>,
}

impl RunInflater {
    /// The frame inside the run frame `frame`, at most `max_bytes` long. Errors: not a run
    /// frame, no run started, bytes that do not inflate or not to the length announced
    /// ([`InflateError::Garbage`]), or a length over `max_bytes` ([`InflateError::TooBig`]).
    pub fn inflate(&mut self, frame: &[u8], max_bytes: usize) -> Result<Vec<u8>, InflateError> {
        let garbage = |e: &dyn std::fmt::Display| InflateError::Garbage(e.to_string());
        let mut cursor = Cursor::new(frame);
        let tag: u8 = cursor.read_var().map_err(|e| garbage(&e))?;
        if tag != MSG_DEFLATE_RUN {
            return Err(InflateError::Garbage(format!("message kind {tag} is not part of a run")));
        }
        let first: u8 = cursor.read_var().map_err(|e| garbage(&e))?;
        let len: u64 = cursor.read_var().map_err(|e| garbage(&e))?;
        let payload = cursor.read_buf().map_err(|e| garbage(&e))?;
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        if len > max_bytes {
            return Err(InflateError::TooBig(max_bytes));
        }
        if first == 1 {
            self.inflater = Some(flate2::Decompress::new(false));
        }
        let inflater = self.inflater.as_mut().ok_or_else(|| InflateError::Garbage("no run was started".into()))?;
        // One byte of room past the length: a frame that inflates longer is caught.
        let mut out = Vec::with_capacity(len + 1);
        inflater.decompress_vec(payload, &mut out, flate2::FlushDecompress::Sync).map_err(|e| garbage(&e))?;
        if out.len() != len {
            self.inflater = None;
            return Err(InflateError::Garbage(format!("run frame inflates to {} bytes, not {len}", out.len())));
        }
        Ok(out)
    }
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
pub(crate) mod tests {
    use super::*;

    /// Inflates the frames of runs as a device does: a new inflater at each run's start.
    pub(crate) fn inflate_runs(frames: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let mut inflater = RunInflater::default();
        frames.iter().map(|f| inflater.inflate(f, 1 << 24).expect("inflates")).collect()
    }

    /// Frame `i` of bulletin-like text: `tests/fixtures/deflate-sample.txt` numbered `i` and
    /// repeated, as the app's test of the same fixture rebuilds it.
    fn frame_like_bulletins(i: usize) -> Vec<u8> {
        let sample = include_str!("../../tests/fixtures/deflate-sample.txt");
        format!("{i}: {sample}").repeat(120 + i).into_bytes()
    }

    fn frames_like_bulletins(n: usize) -> Vec<Vec<u8>> {
        (0..n).map(frame_like_bulletins).collect()
    }

    #[test]
    fn a_run_inflates_frame_by_frame_and_is_smaller_than_frames_alone() {
        let frames = frames_like_bulletins(12);
        let mut run = Run::new();
        let mut wrapped: Vec<Vec<u8>> = frames.iter().map(|f| run.frame(f).expect("compressed")).collect();
        // A second run on the same connection starts afresh.
        let mut second = Run::new();
        wrapped.extend(frames[..3].iter().map(|f| second.frame(f).expect("compressed")));
        let inflated = inflate_runs(&wrapped);
        assert_eq!(inflated[..12], frames[..]);
        assert_eq!(inflated[12..], frames[..3]);
        let run_bytes: usize = wrapped[..12].iter().map(Vec::len).sum();
        let alone: usize = frames.iter().map(|f| compress(f).expect("shrinks").len()).sum();
        assert!(run_bytes * 2 < alone, "run {run_bytes} bytes, frames alone {alone}");
        assert!(is_compressed(&wrapped[0]));
        assert_eq!(compress(&wrapped[0]), None, "never compressed twice");
    }

    #[test]
    fn a_frame_larger_than_the_first_output_buffer_compresses_whole() {
        // Incompressible bytes: the output outgrows the first buffer.
        let mut x = 12345u32;
        let noise: Vec<u8> = (0..300_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let mut run = Run::new();
        let frames = vec![noise.clone(), b"short".to_vec(), noise];
        let wrapped: Vec<Vec<u8>> = frames.iter().map(|f| run.frame(f).expect("compressed")).collect();
        assert_eq!(inflate_runs(&wrapped), frames);
    }

    /// The fixture the app's browser test inflates (`src/sync/deflate.rs`): the relay's runs
    /// and the browser's inflater must agree. Regenerate with
    /// `LIANDONG_WRITE_FIXTURE=1 cargo test -p liandong-relay deflate`.
    #[test]
    fn the_app_fixture_is_what_a_run_makes() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/deflate-run.bin");
        let mut run = Run::new();
        let mut fixture = Vec::new();
        for frame in frames_like_bulletins(3) {
            fixture.write_buf(run.frame(&frame).expect("compressed"));
        }
        if std::env::var_os("LIANDONG_WRITE_FIXTURE").is_some() {
            std::fs::write(&path, &fixture).expect("fixture written");
        }
        assert_eq!(std::fs::read(&path).expect("fixture"), fixture, "{}", path.display());
    }

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
