//! What an operator sets when starting the relay.

use std::net::SocketAddr;
use std::path::PathBuf;

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
    /// Outbound messages that may wait for one slow connection before it is closed.
    pub outbound_queue: usize,
}

impl ServeConfig {
    /// Defaults for everything but the address and data folder.
    pub fn new(addr: SocketAddr, data: PathBuf) -> Self {
        Self { addr, data, static_dir: None, max_frame_bytes: 16 * 1024 * 1024, outbound_queue: 1024 }
    }
}
