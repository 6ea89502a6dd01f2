//! What an operator sets when starting the relay.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::store::sqlite::Durability;

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
    /// `http://{addr}`).
    pub public_url: Option<String>,
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
            demo: false,
        }
    }
}
