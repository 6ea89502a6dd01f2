//! HTTPS: with a trial certificate the relay answers over TLS (ALPN http/1.1), clients
//! sync over `wss://`, shutdown closes them with "going away" and keeps their edits, the
//! certificate is checked (names, CA), and a bad certificate or key stops the start with
//! an error naming the file.

mod common;

use std::ffi::OsStr;
use std::io::BufRead;
use std::time::Duration;

use common::{
    Client, RelayProcess, TestRelay, desheng_officer, free_port, https_get, stored_text, tls_client_config,
    tls_handshake, trial_certificate,
};
use liandong_relay::config::ServeConfig;
use liandong_relay::server::{Relay, StartError};
use liandong_relay::tls::TlsPaths;

const DOC: &str = "region/desheng/bulletins";

#[tokio::test]
async fn healthz_answers_over_https_for_each_name_in_the_certificate_with_http1_alpn() {
    let relay = TestRelay::start_tls(&["relay.county.test", "10.8.0.1"]).await;
    let trial = relay.trial.clone().expect("trial files");
    // The browser offers h2 first; the relay must choose http/1.1 (WebSockets upgrade there).
    let tls = tls_client_config(&trial.ca, &[b"h2", b"http/1.1"]);
    for name in ["127.0.0.1", "localhost", "relay.county.test"] {
        let response = https_get(relay.addr, name, "/healthz", tls.clone()).await;
        assert_eq!(response.status, 200, "{name}");
        assert_eq!(response.text(), "ok", "{name}");
        assert_eq!(response.alpn.as_deref(), Some(&b"http/1.1"[..]), "{name}");
    }
    // A name not in the certificate, and a client trusting another CA, are refused.
    assert!(tls_handshake(relay.addr, "elsewhere.test", tls.clone()).await.is_err(), "name not in the certificate");
    let other = tempfile::tempdir().expect("dir");
    let other = trial_certificate(&["relay.county.test"], other.path());
    assert!(tls_handshake(relay.addr, "127.0.0.1", tls_client_config(&other.ca, &[])).await.is_err(), "other CA");
    // Plain HTTP on the HTTPS port gets no answer.
    let plain = common::http_get_raw(relay.addr, "/healthz").await;
    assert!(!plain.starts_with(b"HTTP/1.1 200"), "plain HTTP answered: {:?}", String::from_utf8_lossy(&plain));
}

#[tokio::test]
async fn two_clients_converge_over_wss_and_a_late_joiner_receives_everything() {
    let relay = TestRelay::start_tls(&["10.8.0.1"]).await;
    let token = desheng_officer(&relay);
    assert!(relay.url(DOC, &token).starts_with("wss://"));
    relay.two_converge_and_a_late_joiner_catches_up(DOC, &token).await;
}

#[tokio::test]
async fn stopping_an_https_relay_closes_wss_clients_with_going_away_and_keeps_their_edits() {
    let mut relay = TestRelay::start_tls(&["10.8.0.1"]).await;
    let token = desheng_officer(&relay);
    let mut a = relay.connect(DOC, &token).await;
    a.synced().await;
    for i in 0..20 {
        a.append(&format!("{i};")).await;
    }
    a.round_trip().await;
    let (stopped, closed) = tokio::join!(
        tokio::time::timeout(Duration::from_secs(15), relay.stop()),
        a.pump_until(Duration::from_secs(5), |c| c.closed.is_some())
    );
    assert!(stopped.is_ok(), "the relay did not stop within 15 s");
    assert!(closed, "the wss client was not closed");
    assert_eq!(a.closed.as_ref().map(|c| c.0), Some(1001), "going away");
    let expected: String = (0..20).map(|i| format!("{i};")).collect();
    assert_eq!(stored_text(relay.data.path(), DOC).await, expected);
}

#[tokio::test]
async fn a_bad_certificate_or_key_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let good = trial_certificate(&["10.8.0.1"], &dir.path().join("good"));
    let other = trial_certificate(&["10.8.0.1"], &dir.path().join("other"));
    let der = dir.path().join("cert.der");
    std::fs::write(&der, [0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]).expect("write");
    let missing = dir.path().join("missing.pem");

    let cases = [
        (missing.clone(), good.key.clone(), missing.clone(), "cannot read the TLS certificate"),
        (good.cert.clone(), missing.clone(), missing.clone(), "cannot read the TLS private key"),
        (der.clone(), good.key.clone(), der.clone(), "not a PEM certificate file"),
        (good.key.clone(), good.cert.clone(), good.key.clone(), "not a PEM certificate file"),
        (good.cert.clone(), good.cert.clone(), good.cert.clone(), "not a PEM private key file"),
        (good.cert.clone(), other.key.clone(), other.key.clone(), "does not belong to the certificate"),
    ];
    for (cert, key, named, problem) in cases {
        let data = dir.path().join("data");
        let mut config = ServeConfig::new("127.0.0.1:0".parse().expect("addr"), data.clone());
        config.tls = Some(TlsPaths { cert: cert.clone(), key: key.clone() });
        let err = match Relay::bind(config).await {
            Ok(_) => panic!("{} / {} accepted", cert.display(), key.display()),
            Err(e) => e,
        };
        assert!(matches!(err, StartError::Tls(_)), "{err:?}");
        let message = err.to_string();
        assert!(message.starts_with(&named.display().to_string()), "{message}");
        assert!(message.contains(problem), "{message}");
        assert!(!data.exists(), "the data folder was created although the start failed");
    }
    assert!(matches!(
        liandong_relay::tls::load(&TlsPaths { cert: good.cert.clone(), key: good.key.clone() }),
        Ok(config) if config.alpn_protocols == [b"http/1.1".to_vec()]
    ));
}

#[test]
fn serve_with_a_bad_key_exits_non_zero_and_starts_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let good = trial_certificate(&["10.8.0.1"], &dir.path().join("tls"));
    let data = dir.path().join("data");
    let missing = dir.path().join("no-such-key.pem");
    let port = free_port();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--data")
        .arg(&data)
        .arg("--tls-cert")
        .arg(&good.cert)
        .env("LIANDONG_TLS_KEY", &missing)
        .output()
        .expect("run serve");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}: cannot read the TLS private key", missing.display())), "{err}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(!data.exists(), "data folder created");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
        .arg("serve")
        .arg("--data")
        .arg(&data)
        .arg("--tls-cert")
        .arg(&good.cert)
        .env_remove("LIANDONG_TLS_KEY")
        .output()
        .expect("run serve");
    assert_eq!(out.status.code(), Some(2), "--tls-cert without --tls-key is a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-key"));
    assert!(!data.exists(), "data folder created");
}

#[tokio::test]
async fn the_relay_binary_serves_https_and_announces_an_https_address() {
    let dir = tempfile::tempdir().expect("dir");
    let trial = trial_certificate(&["10.8.0.1"], &dir.path().join("tls"));
    let port = free_port();
    let args: [&OsStr; 4] =
        ["--tls-cert".as_ref(), trial.cert.as_os_str(), "--tls-key".as_ref(), trial.key.as_os_str()];
    let mut relay = RelayProcess::start_with(&dir.path().join("data"), port, &args);
    let stdout = relay.child.stdout.take().expect("stdout");
    let mut lines = std::io::BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("read");
    assert!(first.contains(&format!("Open https://127.0.0.1:{port}/")), "{first}");
    let response = https_get(relay.addr, "10.8.0.1", "/healthz", tls_client_config(&trial.ca, &[])).await;
    assert_eq!(response.text(), "ok");
    let token = relay.token(liandong_core::model::Role::Officer, Some("desheng"), Some("desheng"));
    let url = format!("wss://{}/sync/{DOC}?token={token}", relay.addr);
    let mut a = Client::connect_tls(&url, tls_client_config(&trial.ca, &[])).await;
    a.append("经 wss 写入").await;
    a.round_trip().await;
    let status = tokio::task::spawn_blocking(move || relay.signal("TERM")).await.expect("join");
    assert!(status.success(), "graceful exit: {status:?}");
    assert!(a.pump_until(Duration::from_secs(2), |c| c.closed.is_some()).await);
    assert_eq!(a.closed.as_ref().map(|c| c.0), Some(1001), "going away");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("relay stopped")), "{rest:?}");
    assert_eq!(stored_text(&dir.path().join("data"), DOC).await, "经 wss 写入");
}
