//! Cache headers and content types of the built app's files (Trunk's `dist/`), as a
//! middleware on the static fallback only; the API routes set their own (`no-store`).
//!
//! - Files whose name carries Trunk's content hash (`-` and 8 to 16 lowercase hex digits
//!   before the extension or before `_bg.wasm`, e.g. `liandong-8f1e49d07086b583_bg.wasm`;
//!   Trunk writes the 64-bit hash without leading zeros, so `liandong-667c966f76069f8.js`
//!   has 15) never change under that name: `Cache-Control: public, max-age=31536000, immutable`.
//! - A missing file (a name with an extension) is 404 ([`app_route`]); only the app's own
//!   routes (`/roster`, `/bulletins/…`) are answered with `index.html`. A service worker
//!   storing a deploy's files must never keep the page under a script's name.
//! - Everything else, `index.html`, the app's routes answered with `index.html`, `sw.js`,
//!   the manifest and icons: `Cache-Control: no-cache` (the browser revalidates each time,
//!   so a new build is picked up at the next load).
//! - Every file may come as its Brotli or gzip copy (`NAME.br`, `NAME.gz`, written at build
//!   time), chosen by the request's `Accept-Encoding`: `Vary: Accept-Encoding` on all of
//!   them, so no cache between gives one browser's answer to another.
//! - Every file answered 200 carries a strong `ETag` (a content hash of the bytes sent, one
//!   per encoding: [`crate::etags`]); a request whose `If-None-Match` holds it gets `304`
//!   with no body, whatever the file's modification date (every deploy gives new dates, so
//!   `If-Modified-Since` alone would refetch every file). `If-None-Match` takes precedence
//!   over `If-Modified-Since` (RFC 9110), which is then not looked at.
//! - Content types the app depends on are set by extension whatever the MIME table says:
//!   `.wasm` `application/wasm` (streaming compilation), `.webmanifest`
//!   `application/manifest+json` (installability), `.js`/`.mjs` `text/javascript`
//!   (module scripts and the service worker).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

/// `Cache-Control` of a file that never changes under its name (one year).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of a file the browser must revalidate before each use.
pub const NO_CACHE: &str = "no-cache";

use crate::etags::{self, Etags};

/// The middleware: sets `Cache-Control`, `Vary` and `ETag`, corrects `Content-Type` of the
/// response to a request for an app file, and answers `304` when the request's
/// `If-None-Match` holds the file's tag (`etags`: the app folder's).
pub async fn headers(State(etags): State<Arc<Etags>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let name = path.rsplit('/').next().unwrap_or_default().to_owned();
    let conditional = matches!(*request.method(), Method::GET | Method::HEAD);
    let if_none_match = request.headers_mut().remove(header::IF_NONE_MATCH).filter(|_| conditional);
    if if_none_match.is_some() {
        request.headers_mut().remove(header::IF_MODIFIED_SINCE);
    }
    let mut response = next.run(request).await;
    // At debug level, one line per file request (what a deploy downloads; the e2e tests count them).
    tracing::debug!(path = %crate::server::shown(&path), status = response.status().as_u16(), "app file");
    // A missing file is 404 ([`app_route`]), so only a file of the build is ever kept long;
    // the app's routes (answered with index.html) have no extension, so never look hashed.
    let found = matches!(response.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED);
    let cache = if found && is_hashed(&name) { IMMUTABLE } else { NO_CACHE };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if found
        && headers.contains_key(header::CONTENT_TYPE)
        && let Some(mime) = content_type(&name)
    {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    }
    if response.status() == StatusCode::OK {
        let encoding = response.headers().get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok());
        let file = etags.served_file(&path, encoding);
        if let Some(file) = file
            && let Some(tag) = etags.tag(&file).await
        {
            if if_none_match.as_ref().is_some_and(|wanted| etags::none_match(wanted, &tag)) {
                return not_modified(&response, tag);
            }
            response.headers_mut().insert(header::ETAG, tag);
        }
    }
    response
}

/// `304 Not Modified` for `full` (the answer the request would have had): no body, and of
/// its headers only those a cache needs to refresh its copy (RFC 9110, 15.4.5).
fn not_modified(full: &Response, tag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    for name in [header::CACHE_CONTROL, header::VARY, header::CONTENT_LOCATION, header::EXPIRES] {
        if let Some(value) = full.headers().get(&name) {
            headers.insert(name, value.clone());
        }
    }
    headers.insert(header::ETAG, tag);
    response
}

/// The content type the app needs for a file named `name`, if it is one the app depends on.
pub fn content_type(name: &str) -> Option<&'static str> {
    let (_, extension) = name.rsplit_once('.')?;
    match extension {
        "wasm" => Some("application/wasm"),
        "webmanifest" => Some("application/manifest+json"),
        "js" | "mjs" => Some("text/javascript"),
        _ => None,
    }
}

/// Whether `name` (a file name, no folder) carries Trunk's content hash: `-` and 8 to 16
/// lowercase hex digits right before `_bg.wasm` or before the extension, or, for the
/// initializer Trunk copies (`6c1f0a9d2b7e4f31-loader.js`), the hex digits and `-` first.
pub fn is_hashed(name: &str) -> bool {
    let hex = |s: &str| (8..=16).contains(&s.len()) && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if let Some((first, rest)) = name.split_once('-')
        && hex(first)
        && rest.rsplit_once('.').is_some_and(|(stem, extension)| !stem.is_empty() && !extension.is_empty())
    {
        return true;
    }
    let stem = match name.strip_suffix("_bg.wasm") {
        Some(stem) => stem,
        None => match name.rsplit_once('.') {
            Some((stem, extension)) if !extension.is_empty() => stem,
            _ => return false,
        },
    };
    stem.rsplit_once('-').is_some_and(|(_, digits)| hex(digits))
}

/// The answer for a path that names no file of the build: `index.html` (from `index`) for
/// the app's own routes, 404 for a name with an extension (a file of another build, a typo).
pub async fn app_route(index: std::path::PathBuf, request: Request) -> Response {
    let name = request.uri().path().rsplit('/').next().unwrap_or_default();
    if name.contains('.') {
        return (StatusCode::NOT_FOUND, "no such file in this build of the app").into_response();
    }
    match tower_http::services::ServeFile::new(index).precompressed_br().precompressed_gzip().oneshot(request).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        for name in [
            "liandong-8f1e49d07086b583.js",
            "liandong-8f1e49d07086b583_bg.wasm",
            "main-ad943f5b6aea74aa.css",
            "liandong-667c966f76069f8.js",
            "liandong-667c966f76069f8_bg.wasm",
            "中文-ad943f5b6aea74aa.js",
            "6c1f0a9d2b7e4f31-loader.js",
            // The split's modules and loader (scripts/hash-split.mjs).
            "chunk_12-0123456789abcdef.wasm",
            "split___roster_route_view_16629765343131527572-0123456789abcdef.wasm",
            "__wasm_split-0f70842445840406.js",
        ] {
            assert!(is_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "manifest.webmanifest",
            "icon-192.png",
            "liandong_bg.wasm",
            "main-AD943F5B6AEA74AA.css",
            "icon-192.png",
            "apple-touch-icon.png",
            "main-ad943f5.css",
            "main_ad943f5b6aea74aa.css",
            "main-ad943f5b6aea74aa",
            "main-ad943f5b6aea74aa.",
            "文ad943f5b6aea74aa.js",
            "6c1f0a9d2b7e4f31-.js",
            "6c1f0a9d-loader",
            "chunk_12.wasm",
            "__wasm_split.js",
            "",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
    }

    #[test]
    fn the_apps_content_types_are_fixed_by_extension() {
        assert_eq!(content_type("liandong-8f1e49d07086b583_bg.wasm"), Some("application/wasm"));
        assert_eq!(content_type("manifest.webmanifest"), Some("application/manifest+json"));
        assert_eq!(content_type("sw.js"), Some("text/javascript"));
        assert_eq!(content_type("icon-192.png"), None);
        assert_eq!(content_type("robots"), None);
    }
}
