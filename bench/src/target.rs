//! A relay under test: a child process on a loopback port, how to reach its documents, its
//! /proc figures, and how to stop it. [`crate::ours`] and [`crate::reference`] start one.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use liandong_core::model::Role;
use liandong_relay::auth::{Claims, Keys, now_secs};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::oneshot;

use crate::BoxError;
use crate::procfs::{self, CpuTime, Pid};

/// How long a relay may take to print its ready line.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a relay may take to stop after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);

/// A running relay process. Killed when dropped.
pub struct Target {
    /// Name in the tables (`liandong-relay`, `reference (node)`).
    pub name: String,
    child: Child,
    pid: u32,
    addr: SocketAddr,
    /// Signs one access token per document (our relay); `None` for a relay without access
    /// control (the reference ignores the token).
    keys: Option<Keys>,
    /// The data folder (our relay), kept until the target is dropped.
    data: Option<tempfile::TempDir>,
}

impl Target {
    /// Starts `command` with stdout piped and waits until a line containing `ready` appears.
    /// The rest of its stdout is drained in the background; stderr goes to ours.
    pub async fn spawn(
        name: &str,
        mut command: Command,
        addr: SocketAddr,
        ready: &'static str,
        keys: Option<Keys>,
        data: Option<tempfile::TempDir>,
    ) -> Result<Self, BoxError> {
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit()).kill_on_drop(true);
        let mut child = command.spawn().map_err(|e| format!("{name}: cannot start: {e}"))?;
        let pid = child.id().ok_or_else(|| format!("{name}: exited at once"))?;
        let stdout = child.stdout.take().ok_or_else(|| format!("{name}: no stdout"))?;
        let (ready_tx, ready_rx) = oneshot::channel();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            let mut ready_tx = Some(ready_tx);
            while let Ok(Some(line)) = lines.next_line().await {
                if line.contains(ready)
                    && let Some(tx) = ready_tx.take()
                {
                    let _ = tx.send(());
                }
            }
        });
        match tokio::time::timeout(START_TIMEOUT, ready_rx).await {
            Ok(Ok(())) => Ok(Self { name: name.to_owned(), child, pid, addr, keys, data }),
            Ok(Err(_)) => Err(format!("{name}: exited before it was ready").into()),
            Err(_) => Err(format!("{name}: not ready after {START_TIMEOUT:?}").into()),
        }
    }

    /// The WebSocket URL of the bulletins document of region `code`
    /// (`ws://ADDR/sync/region/{code}/bulletins`, with a token our relay accepts for it).
    pub fn url(&self, code: &str) -> String {
        let base = format!("ws://{}/sync/region/{code}/bulletins", self.addr);
        match &self.keys {
            Some(keys) => format!("{base}?token={}", keys.issue(&claims_for(code))),
            None => base,
        }
    }

    /// The process's CPU time so far (all threads).
    pub fn cpu_time(&self) -> Result<CpuTime, BoxError> {
        Ok(procfs::cpu_time(Pid::Of(self.pid)).map_err(|e| format!("{}: /proc: {e}", self.name))?)
    }

    /// The process's peak resident set size so far, in bytes.
    pub fn peak_rss(&self) -> Result<u64, BoxError> {
        Ok(procfs::peak_rss(Pid::Of(self.pid)).map_err(|e| format!("{}: /proc: {e}", self.name))?)
    }

    /// The address the relay listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The data folder, if the relay has one.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.data.as_ref().map(|d| d.path().to_path_buf())
    }

    /// Kills the process at once (SIGKILL), as a crash or power cut would, and waits for it.
    pub async fn kill(&mut self) {
        let _ = self.child.kill().await;
    }

    /// Sends SIGTERM and waits for the process to end (killing it after a while).
    pub async fn stop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return; // already ended (and reaped): its pid may belong to another process now
        }
        if let Ok(pid) = libc::pid_t::try_from(self.pid) {
            // SAFETY: kill(2) with a pid we spawned and still own (not yet reaped).
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        if tokio::time::timeout(STOP_TIMEOUT, self.child.wait()).await.is_err() {
            eprintln!("{}: did not stop after SIGTERM; killing it", self.name);
            let _ = self.child.kill().await;
        }
    }
}

/// A free TCP port on 127.0.0.1 (bound, read and released).
pub fn free_loopback_addr() -> Result<SocketAddr, BoxError> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

/// Claims of an officer whose region is `code`: they may write `region/{code}/bulletins`.
fn claims_for(code: &str) -> Claims {
    Claims {
        sub: format!("bench-{code}"),
        badge: "000000".into(),
        name: "压测".into(),
        role: Role::Officer,
        county: "demo".into(),
        station: Some("desheng".into()),
        station_name: None,
        region: Some(code.to_owned()),
        region_name: None,
        iat: now_secs(),
        exp: now_secs() + 24 * 3600,
    }
}
