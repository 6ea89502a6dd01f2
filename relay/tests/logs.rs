//! Tokens never appear in the relay's logs, also at debug level; client input reaches them
//! escaped and cut short.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Client, claims, free_port, wait_for_metric};
use liandong_core::model::Role;
use liandong_relay::auth::{Keys, now_secs};

/// The relay binary on a free port with its log (at `level`) on a pipe; returns once it
/// listens.
fn relay_logging(data: &std::path::Path, level: &str) -> (std::process::Child, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--data")
        .arg(data)
        .env("RUST_LOG", level)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    (child, port)
}

#[tokio::test]
async fn tokens_never_reach_the_logs() {
    let data = tempfile::tempdir().expect("dir");
    let (mut child, port) = relay_logging(data.path(), "debug");
    let keys = Keys::load_or_create(data.path()).expect("keys");
    let good = keys.issue(&claims(Role::Officer, Some("desheng"), Some("desheng"), now_secs() + 600));
    let expired = keys.issue(&claims(Role::Officer, Some("desheng"), Some("desheng"), now_secs() - 60));
    let url = |t: &str| format!("ws://127.0.0.1:{port}/sync/region/desheng/bulletins?token={t}");
    let mut c = Client::connect(&url(&good)).await;
    c.synced().await;
    c.append("x").await;
    c.round_trip().await;
    let _ = tokio_tungstenite::connect_async(url(&expired)).await;
    let _ = tokio_tungstenite::connect_async(url("garbage-token-value")).await;
    c.close().await;
    // Every connection handled, the close included, before the relay is stopped.
    wait_for_metric(([127, 0, 0, 1], port).into(), "liandong_relay_connections 0").await;
    Command::new("kill").arg(child.id().to_string()).status().expect("kill");
    let mut logs = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut logs).expect("read");
    let _ = child.wait();
    assert!(logs.contains("upgrade refused"), "logs are written at all: {logs}");
    for secret in [&good, &expired, &"garbage-token-value".to_string()] {
        assert!(!logs.contains(secret.as_str()), "a token is in the logs:\n{logs}");
    }
}

/// A refused upgrade's path is the client's: it reaches the log escaped and cut short, and
/// never the answer, so nobody can forge a log line or flood the log through it.
#[tokio::test]
async fn a_refused_path_is_never_echoed_raw() {
    let data = tempfile::tempdir().expect("dir");
    let (mut child, port) = relay_logging(data.path(), "info");
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let forged = "FORGED-LINE ERROR relay stopped";
    let path = format!("/sync/x%0A{}{}", forged.replace(' ', "%20"), "A".repeat(3000));
    let refused = tokio_tungstenite::connect_async(format!("ws://{addr}{path}")).await;
    let Err(tokio_tungstenite::tungstenite::Error::Http(answer)) = refused else { panic!("not refused over HTTP") };
    assert_eq!(answer.status(), 404);
    let body = String::from_utf8_lossy(answer.body().as_deref().unwrap_or_default()).into_owned();
    assert!(body.contains("no such document") && !body.contains("FORGED") && !body.contains("AAAA"), "{body}");
    // The refusal is logged before the answer is sent; then stop the relay and read.
    Command::new("kill").arg(child.id().to_string()).status().expect("kill");
    let mut logs = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut logs).expect("read");
    let _ = child.wait();
    let refusal = logs.lines().find(|l| l.contains("upgrade refused")).unwrap_or_else(|| panic!("not logged: {logs}"));
    assert!(refusal.contains("FORGED") && refusal.len() < 400, "escaped and cut: {refusal}");
    assert!(!logs.lines().any(|l| l.starts_with("FORGED")), "a forged line:\n{logs}");
}
