//! Our relay under test: `liandong-relay serve` on a loopback port with a fresh data folder
//! on disk and a signing key the bench can issue tokens with.

use std::path::PathBuf;

use liandong_relay::auth::Keys;
use liandong_relay::store::sqlite::Durability;
use tokio::process::Command;

use crate::BoxError;
use crate::target::{Target, free_loopback_addr};

/// What the relay prints on stdout once it listens.
const READY: &str = "relay listening";

/// How to start our relay.
#[derive(Debug, Clone)]
pub struct Options {
    /// The `liandong-relay` binary (release build).
    pub bin: PathBuf,
    /// `--durability` of the relay.
    pub durability: Durability,
    /// Folder in which the fresh data folder is created (on a real disk, so commits are real).
    pub data_parent: PathBuf,
}

/// Starts our relay on a free loopback port with an empty data folder whose signing key
/// the bench creates first (so it can issue tokens).
pub async fn start(options: &Options) -> Result<Target, BoxError> {
    if !options.bin.exists() {
        return Err(format!(
            "{} not found: build it with `cargo build --profile relay -p liandong-relay`",
            options.bin.display()
        )
        .into());
    }
    let data = tempfile::Builder::new().prefix("liandong-bench-").tempdir_in(&options.data_parent)?;
    let keys = Keys::load_or_create(data.path())?;
    let addr = free_loopback_addr()?;
    let durability = durability_name(options.durability);
    let mut command = Command::new(&options.bin);
    command
        .arg("serve")
        .args(["--addr", &addr.to_string(), "--durability", durability])
        .arg("--data")
        .arg(data.path())
        .env("RUST_LOG", "warn");
    let name = format!("liandong-relay ({durability})");
    Target::spawn(&name, command, addr, READY, Some(keys), Some(data)).await
}

/// The command-line spelling of `durability` (`full`, `normal`).
pub fn durability_name(durability: Durability) -> &'static str {
    match durability {
        Durability::Full => "full",
        Durability::Normal => "normal",
    }
}
