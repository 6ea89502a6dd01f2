//! Compressed messages to and from the relay (relay feature `deflate`, docs/relay.md):
//! custom message [`MSG_DEFLATE`] whose payload is the raw DEFLATE of one ordinary frame.
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
}

/// Whether `frame` is a compressed message.
pub fn is_compressed(frame: &[u8]) -> bool {
    frame.first() == Some(&MSG_DEFLATE)
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
        let frame = "辖区巡逻记录；".repeat(100).into_bytes();
        let wrapped = compress(&frame).await.expect("compressed");
        assert!(wrapped.len() * 5 < frame.len(), "{} bytes", wrapped.len());
        assert_eq!(inflate(&wrapped).await, Ok(frame));
        assert_eq!(compress(&[0u8; 100]).await, None);
        assert!(inflate(&[MSG_DEFLATE, 3, 0xff, 0xfe, 0xfd]).await.is_err());
    }
}
