//! Strong ETags for the built app's files, so a browser (or the app's service worker)
//! revalidating a file that did not change gets `304 Not Modified` and no body, even
//! after a deploy gave every file a new modification date.
//!
//! - A tag is `"` + the first 20 hex digits of the SHA-256 of the bytes sent + `"`: the
//!   file itself, or its Brotli or gzip copy (`NAME.br`, `NAME.gz`) when that is what goes
//!   out, so each encoding has its own tag (the answer also says `Vary: Accept-Encoding`).
//! - Tags are computed lazily, the first time a file is served, and kept with the file's
//!   length and modification time: a file replaced in place (a deploy into the same
//!   folder) gets a new tag on its next request.
//! - It only reads files inside the app's folder: a URL path with `..`, a root or a prefix
//!   component names no file here.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use axum::http::HeaderValue;

/// The tags of one app folder (`liandong-relay serve --static DIR`).
pub struct Etags {
    dir: PathBuf,
    known: Mutex<HashMap<PathBuf, Known>>,
}

/// A computed tag and the file state it was computed for.
struct Known {
    len: u64,
    modified: Option<SystemTime>,
    tag: HeaderValue,
}

impl Etags {
    /// Tags for the files under `dir`; nothing is read yet.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir, known: Mutex::new(HashMap::new()) }
    }

    /// The file on disk that answered a 200 to `url_path` (the request's path, still
    /// percent-encoded) with `Content-Encoding` `encoding` (`None`, `"br"` or `"gzip"`):
    /// the named file, `index.html` for a folder or one of the app's routes (a last
    /// segment without `.`, see [`crate::app_files::app_route`]), plus `.br`/`.gz` for
    /// a compressed answer. `None` for a path that leaves the folder or an unknown
    /// encoding.
    pub fn served_file(&self, url_path: &str, encoding: Option<&str>) -> Option<PathBuf> {
        let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8().ok()?;
        let mut file = self.dir.clone();
        for component in Path::new(decoded.trim_start_matches('/')).components() {
            match component {
                Component::Normal(part) => file.push(part),
                Component::CurDir => {}
                Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
            }
        }
        if file.is_dir() {
            file.push("index.html");
        } else if !file.is_file() {
            let last = decoded.rsplit('/').next().unwrap_or_default();
            if last.contains('.') {
                return None;
            }
            file = self.dir.join("index.html");
        }
        let suffix = match encoding {
            None | Some("identity") => return Some(file),
            Some("br") => ".br",
            Some("gzip") => ".gz",
            Some(_) => return None,
        };
        let mut name = file.into_os_string();
        name.push(suffix);
        Some(PathBuf::from(name))
    }

    /// The strong ETag of `file`'s current bytes, computed (on a blocking thread) when the
    /// file is new or changed since last asked. `None` when the file cannot be read.
    pub async fn tag(&self, file: &Path) -> Option<HeaderValue> {
        let metadata = tokio::fs::metadata(file).await.ok()?;
        let (len, modified) = (metadata.len(), metadata.modified().ok());
        if let Ok(known) = self.known.lock()
            && let Some(k) = known.get(file)
            && k.len == len
            && k.modified == modified
        {
            return Some(k.tag.clone());
        }
        let path = file.to_owned();
        let tag =
            tokio::task::spawn_blocking(move || std::fs::read(&path).ok().map(|bytes| tag_of(&bytes))).await.ok()??;
        if let Ok(mut known) = self.known.lock() {
            known.insert(file.to_owned(), Known { len, modified, tag: tag.clone() });
        }
        Some(tag)
    }
}

/// The strong ETag of `bytes`: `"` + 20 hex digits of their SHA-256 + `"`.
pub fn tag_of(bytes: &[u8]) -> HeaderValue {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    let hex: String = digest.as_ref()[..10].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Whether an `If-None-Match` header value matches `tag`: `*`, or one of its
/// comma-separated tags equal to `tag` (weak comparison, as RFC 9110 asks for
/// `If-None-Match`: a `W/` prefix is ignored).
pub fn none_match(if_none_match: &HeaderValue, tag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else { return false };
    let tag = tag.to_str().unwrap_or_default();
    list.split(',').map(str::trim).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_are_compared_weakly() {
        let tag = HeaderValue::from_static("\"abc\"");
        for yes in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
            assert!(none_match(&HeaderValue::from_static(yes), &tag), "{yes}");
        }
        for no in ["\"abd\"", "abc", "", "\"x\""] {
            assert!(!none_match(&HeaderValue::from_static(no), &tag), "{no}");
        }
    }

    #[test]
    fn paths_never_leave_the_folder() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("index.html"), "page").expect("write");
        std::fs::write(dir.path().join("a.js"), "a").expect("write");
        let etags = Etags::new(dir.path().to_path_buf());
        assert_eq!(etags.served_file("/", Some("br")), Some(dir.path().join("index.html.br")));
        assert_eq!(etags.served_file("/a.js", Some("gzip")), Some(dir.path().join("a.js.gz")));
        assert_eq!(etags.served_file("/roster", None), Some(dir.path().join("index.html")));
        assert_eq!(etags.served_file("/missing.js", None), None);
        assert_eq!(etags.served_file("/../etc/passwd", None), None);
        assert_eq!(etags.served_file("/%2e%2e/etc/passwd", None), None);
        assert_eq!(etags.served_file("/a.js", Some("zstd")), None);
    }
}
