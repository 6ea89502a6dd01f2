//! What an operator sets when starting the relay.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::store::sqlite::Durability;
use crate::tls::TlsPaths;

/// Settings of a running relay.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// Folder of the relay's own files (database, signing key). Created if missing.
    pub data: PathBuf,
    /// Folder of the built app (Trunk's `dist/`); `None` serves no app, only the API.
    pub static_dir: Option<PathBuf>,
    /// Largest WebSocket frame or message accepted, in bytes (default 16 MiB).
    pub max_frame_bytes: usize,
    /// Outbound frames that may wait for one slow connection before it is closed (1024).
    pub outbound_queue: usize,
    /// Messages per second one connection may send on average (200) ...
    pub messages_per_second: f64,
    /// ... and in a burst (2000).
    pub message_burst: f64,
    /// Time a document stays in memory without connections (60 s).
    pub idle_unload: Duration,
    /// Log entries of a document after which it is compacted into a snapshot (200).
    pub compact_after: usize,
    /// SQLite durability.
    pub durability: Durability,
    /// Address officers' devices use to reach the relay, for login links (default
    /// `http://{addr}`, or `https://{addr}` with [`ServeConfig::tls`]).
    pub public_url: Option<String>,
    /// Certificate and key to serve HTTPS and `wss://` with; `None` serves plain HTTP.
    pub tls: Option<TlsPaths>,
    /// Seed the demo county on first start and print demo login links.
    pub demo: bool,
}

impl ServeConfig {
    /// Defaults for everything but the address and data folder.
    pub fn new(addr: SocketAddr, data: PathBuf) -> Self {
        Self {
            addr,
            data,
            static_dir: None,
            max_frame_bytes: 16 * 1024 * 1024,
            outbound_queue: 1024,
            messages_per_second: 200.0,
            message_burst: 2000.0,
            idle_unload: Duration::from_secs(60),
            compact_after: 200,
            durability: Durability::Full,
            public_url: None,
            tls: None,
            demo: false,
        }
    }

    /// The address for login links and the start-up message, without a trailing slash:
    /// [`ServeConfig::public_url`] if set, else `https://{bound}` with TLS and
    /// `http://{bound}` without (`bound` is the address actually bound, for port 0).
    pub fn public_base(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None if self.tls.is_some() => format!("https://{bound}"),
            None => format!("http://{bound}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_public_address_follows_tls() {
        let bound: SocketAddr = "10.8.0.1:8443".parse().expect("addr");
        let mut config = ServeConfig::new(bound, PathBuf::from("data"));
        assert_eq!(config.public_base(bound), "http://10.8.0.1:8443");
        config.tls = Some(TlsPaths { cert: "cert.pem".into(), key: "key.pem".into() });
        assert_eq!(config.public_base(bound), "https://10.8.0.1:8443");
        config.public_url = Some("https://relay.county.example/".into());
        assert_eq!(config.public_base(bound), "https://relay.county.example");
    }
}
