//! Compressed messages to and from the relay (relay feature `deflate`, docs/relay.md):
//! custom message [`MSG_DEFLATE`] whose payload is the raw DEFLATE of one ordinary frame.
//!
//! A catch-up comes as one run ([`MSG_DEFLATE_RUN`], relay `deflate::Run`): one DEFLATE
//! stream across its frames, flushed after each, which [`Run`] inflates frame by frame with
//! one `DecompressionStream`. The app sends no runs: `CompressionStream` cannot flush
//! without ending its stream.
//!
//! The browser compresses and inflates (`CompressionStream` / `DecompressionStream` with
//! `"deflate-raw"`), so the Wasm carries no codec. Frames of at most [`MIN_BYTES`] are
//! sent as they are; so is any frame when the browser cannot compress (then the relay
//! simply gets a plain frame, which it always accepts).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;

/// Tag of a compressed message (custom y-protocol message type), as the relay's.
pub const MSG_DEFLATE: u8 = 101;
/// Tag of one frame of a compressed run (relay to device), as the relay's: varuint `1` if
/// it starts a new run, varuint length inflated, then the run's DEFLATE bytes up to the
/// sync flush after this frame (a lib0 buffer).
pub const MSG_DEFLATE_RUN: u8 = 102;
/// Frames of at most this many bytes go out plain (awareness, acks, small edits).
pub const MIN_BYTES: usize = 256;

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (a readable/writable pair).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// The browser's `DecompressionStream` (a readable/writable pair).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> StreamReadable;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> StreamWritable;

    /// The readable side of a transform stream.
    type StreamReadable;
    #[wasm_bindgen(method, js_name = getReader, catch)]
    fn get_reader(this: &StreamReadable) -> Result<StreamReader, JsValue>;
    /// The writable side of a transform stream.
    type StreamWritable;
    #[wasm_bindgen(method, js_name = getWriter, catch)]
    fn get_writer(this: &StreamWritable) -> Result<StreamWriter, JsValue>;
    /// A `ReadableStreamDefaultReader`.
    type StreamReader;
    #[wasm_bindgen(method)]
    fn read(this: &StreamReader) -> js_sys::Promise;
    /// A `WritableStreamDefaultWriter`.
    type StreamWriter;
    #[wasm_bindgen(method)]
    fn write(this: &StreamWriter, chunk: &Uint8Array) -> js_sys::Promise;
}

/// Whether `frame` is a compressed message or a frame of a run.
pub fn is_compressed(frame: &[u8]) -> bool {
    matches!(frame.first(), Some(&(MSG_DEFLATE | MSG_DEFLATE_RUN)))
}

/// Inflates the frames of one connection's runs, in order: a frame that starts a run
/// starts a new `DecompressionStream`. After an error the run is unusable (its later frames
/// fail too); the connection should end, and the next one starts afresh.
#[derive(Default)]
pub struct Run {
    stream: Option<(StreamWriter, StreamReader)>,
}

impl Run {
    /// The frame inside `frame` (a [`MSG_DEFLATE_RUN`] message); the error says why not.
    pub async fn inflate(&mut self, frame: &[u8]) -> Result<Vec<u8>, String> {
        let mut cursor = Cursor::new(frame);
        let tag: u8 = cursor.read_var().map_err(|e| e.to_string())?;
        if tag != MSG_DEFLATE_RUN {
            return Err(format!("message kind {tag} is not part of a run"));
        }
        let first: u8 = cursor.read_var().map_err(|e| e.to_string())?;
        let len: u64 = cursor.read_var().map_err(|e| e.to_string())?;
        let payload = cursor.read_buf().map_err(|e| e.to_string())?;
        if first == 1 {
            let stream = DecompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
            let writer = stream.writable().get_writer().map_err(|e| format!("{e:?}"))?;
            let reader = stream.readable().get_reader().map_err(|e| format!("{e:?}"))?;
            self.stream = Some((writer, reader));
        }
        // Taken out while in use and put back only after a whole frame: after an error the
        // run has no stream, and its later frames fail.
        let Some((writer, reader)) = self.stream.take() else {
            return Err("a run's frame came before the run started".into());
        };
        // The write settles once the stream took the chunk, which needs reads: read first.
        let written = writer.write(&Uint8Array::from(payload));
        let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 24));
        while (out.len() as u64) < len {
            let chunk = JsFuture::from(reader.read()).await.map_err(|e| format!("{e:?}"))?;
            if js_sys::Reflect::get(&chunk, &"done".into()).map_or(true, |d| d.is_truthy()) {
                return Err("the run ended early".into());
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(|e| format!("{e:?}"))?;
            out.extend(value.unchecked_into::<Uint8Array>().to_vec());
        }
        JsFuture::from(written).await.map_err(|e| format!("{e:?}"))?;
        if out.len() as u64 != len {
            return Err(format!("the frame inflates to {} bytes, not {len}", out.len()));
        }
        self.stream = Some((writer, reader));
        Ok(out)
    }
}

/// Pipes `bytes` through a transform stream (`CompressionStream` or `DecompressionStream`)
/// and collects the output.
async fn transform(bytes: &[u8], pair: &JsValue) -> Result<Vec<u8>, JsValue> {
    let input = web_sys::Response::new_with_opt_buffer_source(Some(&Uint8Array::from(bytes)))?;
    let body = input.body().ok_or_else(|| JsValue::from_str("no body"))?;
    let piped = body.pipe_through(pair.unchecked_ref::<web_sys::ReadableWritablePair>());
    let output = web_sys::Response::new_with_opt_readable_stream(Some(&piped))?;
    let buffer = JsFuture::from(output.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `frame` compressed and wrapped for the relay, or `None` when it is small, would not
/// shrink, or the browser cannot compress.
pub async fn compress(frame: &[u8]) -> Option<Vec<u8>> {
    if frame.len() <= MIN_BYTES || is_compressed(frame) {
        return None;
    }
    let stream = CompressionStream::new("deflate-raw").ok()?;
    let payload = transform(frame, &stream).await.ok()?;
    let mut out = Vec::with_capacity(payload.len() + 6);
    out.write_var(MSG_DEFLATE);
    out.write_buf(&payload);
    (out.len() < frame.len()).then_some(out)
}

/// The ordinary frame inside the compressed message `frame`; the error says why not, in
/// the browser's words.
pub async fn inflate(frame: &[u8]) -> Result<Vec<u8>, String> {
    let mut cursor = Cursor::new(frame);
    let tag: u8 = cursor.read_var().map_err(|e| e.to_string())?;
    if tag != MSG_DEFLATE {
        return Err(format!("message kind {tag} is not compressed"));
    }
    let payload = cursor.read_buf().map_err(|e| e.to_string())?;
    let stream = DecompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
    transform(payload, &stream).await.map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn frames_round_trip_through_the_browser() {
        let frame = include_str!("../../tests/fixtures/deflate-sample.txt").repeat(100).into_bytes();
        let wrapped = compress(&frame).await.expect("compressed");
        assert!(wrapped.len() * 5 < frame.len(), "{} bytes", wrapped.len());
        assert_eq!(inflate(&wrapped).await, Ok(frame));
        assert_eq!(compress(&[0u8; 100]).await, None);
        assert!(inflate(&[MSG_DEFLATE, 3, 0xff, 0xfe, 0xfd]).await.is_err());
    }

    /// The relay's runs (fixture written by the relay's test `the_app_fixture_is_what_a_run_makes`:
    /// three frames of bulletin-like text, each referring back to the ones before).
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn a_run_from_the_relay_inflates_frame_by_frame() {
        let fixture: &[u8] = include_bytes!("../../tests/fixtures/deflate-run.bin");
        let mut cursor = Cursor::new(fixture);
        let mut frames = Vec::new();
        while cursor.has_content() {
            frames.push(cursor.read_buf().expect("fixture frame").to_vec());
        }
        assert_eq!(frames.len(), 3);
        let mut run = Run::default();
        for (i, frame) in frames.iter().enumerate() {
            let sample = include_str!("../../tests/fixtures/deflate-sample.txt");
            let text = format!("{i}: {sample}").repeat(120 + i);
            assert_eq!(run.inflate(frame).await, Ok(text.into_bytes()), "frame {i}");
        }
        // Starting again mid-stream (a frame that does not start a run, with no run) fails.
        assert!(Run::default().inflate(&frames[1]).await.is_err());
        assert!(run.inflate(&[MSG_DEFLATE_RUN, 0, 10, 2, 0xff, 0xff]).await.is_err());
    }
}
