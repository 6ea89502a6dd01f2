//! The floor under test: `floor-relay` (bench/src/bin/floor-relay.rs), a fan-out with no
//! document, storage or access check, started from beside the bench's own binary. Its CPU
//! per delivery is what the kernel and WebSocket framing cost any relay at this load.

use tokio::process::Command;

use crate::BoxError;
use crate::target::{Target, free_loopback_addr};

/// What the floor relay prints on stdout once it listens.
const READY: &str = "floor relay listening";

/// Starts `floor-relay` (built with the bench: `cargo build --release -p liandong-bench`) on
/// a free loopback port.
pub async fn start() -> Result<Target, BoxError> {
    let bin = std::env::current_exe()?.with_file_name("floor-relay");
    if !bin.exists() {
        return Err(
            format!("{} not found: build it with `cargo build --release -p liandong-bench`", bin.display()).into()
        );
    }
    let addr = free_loopback_addr()?;
    let mut command = Command::new(&bin);
    command.arg(addr.to_string());
    Target::spawn("floor (fan-out only)", command, addr, READY, None, None).await
}
