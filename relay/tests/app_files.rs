//! Cache headers and content types of the built app's files, as a browser (and the app's
//! service worker) sees them, and `no-store` on the relay's own answers.

mod common;

use common::TestRelay;

/// A built app as Trunk leaves it in dist/.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let files: [(&str, &[u8]); 8] = [
        ("index.html", b"<!doctype html><title>\xe8\x81\x94\xe5\x8a\xa8</title>"),
        ("sw.js", b"self.addEventListener('fetch', () => {});"),
        ("liandong-8f1e49d07086b583.js", b"export default function init() {}"),
        ("liandong-8f1e49d07086b583_bg.wasm", b"\0asm\x01\0\0\0"),
        ("main-ad943f5b6aea74aa.css", b"body { margin: 0 }"),
        ("manifest.webmanifest", br#"{"name": "Liandong", "start_url": "/"}"#),
        ("icon-192.png", b"\x89PNG\r\n\x1a\n"),
        ("robots.txt", b"User-agent: *\nDisallow: /\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[tokio::test]
async fn app_files_carry_their_cache_headers_and_content_types() {
    let dist = dist();
    let relay = TestRelay::start_with(|c| c.static_dir = Some(dist.path().to_path_buf())).await;
    let expected = [
        ("/", "no-cache", "text/html"),
        ("/index.html", "no-cache", "text/html"),
        ("/districts/desheng", "no-cache", "text/html"),
        ("/sw.js", "no-cache", "text/javascript"),
        ("/liandong-8f1e49d07086b583.js", IMMUTABLE, "text/javascript"),
        ("/liandong-8f1e49d07086b583_bg.wasm", IMMUTABLE, "application/wasm"),
        ("/main-ad943f5b6aea74aa.css", IMMUTABLE, "text/css"),
        ("/manifest.webmanifest", "no-cache", "application/manifest+json"),
        ("/icon-192.png", "no-cache", "image/png"),
        ("/robots.txt", "no-cache", "text/plain"),
    ];
    for (path, cache, content_type) in expected {
        let response = relay.get(path).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("cache-control"), Some(cache), "{path}");
        let got = response.header("content-type").unwrap_or_default();
        assert!(got.starts_with(content_type), "{path}: {got}");
    }
    let index = relay.get("/districts/desheng").await;
    assert_eq!(index.text(), "<!doctype html><title>联动</title>");
    // A file that is not in this build (an old build's script, a typo) is not the page:
    // a service worker storing a deploy must fail on it rather than keep HTML as a script.
    for path in ["/liandong-0000000000000000.js", "/liandong-667c966f76069f8_bg.wasm", "/icon-1024.png"] {
        let response = relay.get(path).await;
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
}

/// A browser that accepts Brotli or gzip gets the copy written at build time
/// (scripts/precompress.mjs), with the file's own content type and cache header; one that
/// accepts neither gets the file. Either way the answer varies with `Accept-Encoding`.
#[tokio::test]
async fn compressed_copies_go_to_browsers_that_accept_them() {
    let dist = dist();
    let wasm = "liandong-8f1e49d07086b583_bg.wasm";
    std::fs::write(dist.path().join(format!("{wasm}.br")), b"brotli copy").expect("write");
    std::fs::write(dist.path().join(format!("{wasm}.gz")), b"gzip copy").expect("write");
    std::fs::write(dist.path().join("index.html.br"), b"brotli page").expect("write");
    let relay = TestRelay::start_with(|c| c.static_dir = Some(dist.path().to_path_buf())).await;
    let cases = [
        ("br, gzip, deflate", Some("br"), &b"brotli copy"[..]),
        ("gzip", Some("gzip"), &b"gzip copy"[..]),
        ("identity", None, &b"\0asm\x01\0\0\0"[..]),
        ("", None, &b"\0asm\x01\0\0\0"[..]),
    ];
    for (accept, encoding, body) in cases {
        let extra = if accept.is_empty() { String::new() } else { format!("Accept-Encoding: {accept}\r\n") };
        let response = common::http_get_with(relay.addr, &format!("/{wasm}"), &extra).await;
        assert_eq!(response.status, 200, "{accept}");
        assert_eq!(response.header("content-encoding"), encoding, "{accept}");
        assert_eq!(response.body, body, "{accept}");
        assert_eq!(response.header("content-type"), Some("application/wasm"), "{accept}");
        assert_eq!(response.header("cache-control"), Some(IMMUTABLE), "{accept}");
        assert_eq!(response.header("vary").map(str::to_ascii_lowercase).as_deref(), Some("accept-encoding"));
    }
    let page = common::http_get_with(relay.addr, "/", "Accept-Encoding: br\r\n").await;
    assert_eq!((page.header("content-encoding"), page.body.as_slice()), (Some("br"), &b"brotli page"[..]));
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    // A login link opens an app route (/login?…): the same page, compressed too.
    let route = common::http_get_with(relay.addr, "/login?token=x", "Accept-Encoding: br\r\n").await;
    assert_eq!((route.status, route.header("content-encoding")), (200, Some("br")));
    assert_eq!(route.body, b"brotli page");
}

#[tokio::test]
async fn the_relays_own_answers_are_not_stored() {
    let dist = dist();
    let relay = TestRelay::start_with(|c| c.static_dir = Some(dist.path().to_path_buf())).await;
    for (path, status) in [
        ("/healthz", 200),
        ("/metrics", 200),
        ("/session", 401),
        // Not a WebSocket upgrade: refused by the route itself.
        ("/sync/region/desheng/bulletins", 400),
    ] {
        let response = relay.get(path).await;
        assert_eq!(response.status, status, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-store"), "{path}");
    }
}

#[tokio::test]
async fn app_files_over_https_carry_the_same_headers() {
    let dist = dist();
    let dir = tempfile::tempdir().expect("dir");
    let trial = common::trial_certificate(&["10.8.0.1"], dir.path());
    let relay = TestRelay::start_with(|c| {
        c.static_dir = Some(dist.path().to_path_buf());
        c.tls = Some(liandong_relay::tls::TlsPaths { cert: trial.cert.clone(), key: trial.key.clone() });
    })
    .await;
    let tls = common::tls_client_config(&trial.ca, &[]);
    let wasm = common::https_get(relay.addr, "10.8.0.1", "/liandong-8f1e49d07086b583_bg.wasm", tls.clone()).await;
    assert_eq!(wasm.header("cache-control"), Some(IMMUTABLE));
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    let health = common::https_get(relay.addr, "10.8.0.1", "/healthz", tls).await;
    assert_eq!(health.header("cache-control"), Some("no-store"));
}

/// Every deploy gives every file a new modification date, so a browser revalidating an
/// unchanged file by date alone downloads it again; with the content's tag it gets `304`
/// and no body, for the plain file and for each compressed copy (each its own tag), and
/// the new content once the file changed.
#[tokio::test]
async fn unchanged_files_revalidate_by_etag_for_each_encoding() {
    let dist = dist();
    let wasm = "liandong-8f1e49d07086b583_bg.wasm";
    std::fs::write(dist.path().join(format!("{wasm}.br")), b"brotli copy").expect("write");
    std::fs::write(dist.path().join(format!("{wasm}.gz")), b"gzip copy").expect("write");
    let relay = TestRelay::start_with(|c| c.static_dir = Some(dist.path().to_path_buf())).await;
    let mut tags = Vec::new();
    for (accept, encoding) in [("br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
        let first =
            common::http_get_with(relay.addr, &format!("/{wasm}"), &format!("Accept-Encoding: {accept}\r\n")).await;
        assert_eq!((first.status, first.header("content-encoding")), (200, encoding), "{accept}");
        let tag = first.header("etag").expect("an ETag").to_owned();
        assert!(tag.starts_with('"') && !tag.starts_with("W/"), "a strong tag: {tag}");
        // What a browser sends when its copy is older than the deploy's dates.
        let again = format!(
            "Accept-Encoding: {accept}\r\nIf-None-Match: {tag}\r\nIf-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
        );
        let revalidated = common::http_get_with(relay.addr, &format!("/{wasm}"), &again).await;
        assert_eq!(revalidated.status, 304, "{accept}");
        assert!(revalidated.body.is_empty(), "{accept}");
        assert_eq!(revalidated.header("etag"), Some(tag.as_str()), "{accept}");
        assert_eq!(revalidated.header("cache-control"), Some(IMMUTABLE), "{accept}");
        assert_eq!(revalidated.header("vary").map(str::to_ascii_lowercase).as_deref(), Some("accept-encoding"));
        tags.push(tag);
    }
    assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2], "one tag per encoding: {tags:?}");
    // Another encoding's tag does not validate this one.
    let crossed = common::http_get_with(
        relay.addr,
        &format!("/{wasm}"),
        &format!("Accept-Encoding: gzip\r\nIf-None-Match: {}\r\n", tags[0]),
    )
    .await;
    assert_eq!((crossed.status, crossed.body.as_slice()), (200, &b"gzip copy"[..]));

    // The page and sw.js, revalidated on every load: 304 while unchanged, the new content
    // (with a new tag) after a deploy into the same folder.
    for (path, file) in [("/", "index.html"), ("/sw.js", "sw.js"), ("/districts/desheng", "index.html")] {
        let first = relay.get(path).await;
        let tag = first.header("etag").expect("an ETag").to_owned();
        let same = common::http_get_with(relay.addr, path, &format!("If-None-Match: {tag}\r\n")).await;
        assert_eq!(same.status, 304, "{path}");
        assert_eq!(same.header("cache-control"), Some("no-cache"), "{path}");
        let before = std::fs::read(dist.path().join(file)).expect("read");
        std::fs::write(dist.path().join(file), [before.as_slice(), b"<!-- next deploy -->"].concat()).expect("write");
        let changed = common::http_get_with(relay.addr, path, &format!("If-None-Match: {tag}\r\n")).await;
        assert_eq!(changed.status, 200, "{path}");
        assert!(changed.body.ends_with(b"<!-- next deploy -->"), "{path}");
        assert_ne!(changed.header("etag"), Some(tag.as_str()), "{path}");
        std::fs::write(dist.path().join(file), before).expect("write");
    }
}
