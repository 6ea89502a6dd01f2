//! The reference relay under test: npm `@y/websocket-server` (`y-websocket-server`) run by
//! Node on a loopback port. It keeps documents in memory only (no persistence unless
//! `YPERSISTENCE` is set, which the bench never sets), accepts any path as the room name
//! and ignores the token.

use std::path::PathBuf;

use tokio::process::Command;

use crate::BoxError;
use crate::target::{Target, free_loopback_addr};

/// What the server prints on stdout once it listens (`running at '127.0.0.1' on port N`).
const READY: &str = "running at";

/// How to start the reference relay.
#[derive(Debug, Clone)]
pub struct Options {
    /// The `node` executable.
    pub node: PathBuf,
    /// `node_modules/@y/websocket-server/src/server.js`.
    pub script: PathBuf,
}

/// Starts `node server.js` with `HOST=127.0.0.1` and a free `PORT`. The node process
/// itself is the child, so /proc figures are Node's own.
pub async fn start(options: &Options) -> Result<Target, BoxError> {
    if !options.script.exists() {
        return Err(format!("{} not found: run scripts/setup.sh (npm ci)", options.script.display()).into());
    }
    let addr = free_loopback_addr()?;
    let mut command = Command::new(&options.node);
    command
        .arg(&options.script)
        .env("HOST", addr.ip().to_string())
        .env("PORT", addr.port().to_string())
        .env_remove("YPERSISTENCE")
        .env_remove("CALLBACK_URL");
    Target::spawn("reference (node)", command, addr, READY, None, None).await
}
