//! The relay binary's one-shot subcommands, run as an operator would.

use std::process::Command;

fn relay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
}

#[test]
fn the_demo_countys_coverage_report_prints_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("demo.json");
    let out = relay().arg("demo-county").output().expect("run demo-county");
    assert!(out.status.success());
    std::fs::write(&file, &out.stdout).expect("write");

    let out = relay().args(["coverage", "--today", "2026-11-29"]).arg(&file).output().expect("run coverage");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("联动示范县：4 个联动区域，17 个派出所"), "{text}");
    assert!(text.contains("翠月湖派出所：未划入任何联动区域"), "{text}");

    let out = relay().args(["coverage", "--lang", "en", "--today", "2026-11-29"]).arg(&file).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("One district, one office: districts with an office"));
}

#[test]
fn a_malformed_county_file_exits_non_zero_and_names_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"format": "liandong-county", "version": 1, "county": {"code": "x", "name": "X"},
        "skills": [], "regions": [], "stations": [{"code": "a", "name": "A", "kind": "village"}]}"#,
    )
    .expect("write");
    let out = relay().arg("coverage").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stations[0].kind"), "{err}");
    assert!(out.stdout.is_empty());

    let out = relay().args(["coverage", "/nonexistent/county.json"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_imported_county_gets_tokens_with_a_login_link_and_qr_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let file = dir.path().join("demo.json");
    let out = relay().arg("demo-county").output().expect("run demo-county");
    std::fs::write(&file, &out.stdout).expect("write");

    let out = relay().arg("import").arg("--data").arg(&data).arg(&file).output().expect("import");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 regions, 17 stations"));
    let again = relay().arg("import").arg("--data").arg(&data).arg(&file).output().expect("import again");
    assert_eq!(again.status.code(), Some(1), "a county is imported once");

    let out = relay()
        .args(["token", "issue", "--officer", "410401", "--days", "7", "--url", "https://relay.example:8443"])
        .arg("--data")
        .arg(&data)
        .output()
        .expect("token issue");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("大庙派出所"), "{text}");
    assert!(text.contains("login: https://relay.example:8443/login#token="), "{text}");
    assert!(text.contains('█') || text.contains('▀'), "no QR code: {text}");

    let out = relay().args(["token", "issue", "--officer", "999999"]).arg("--data").arg(&data).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no officer"));

    // `--days 0` once issued a one-day token without a word.
    let out = relay().args(["token", "issue", "--officer", "410401", "--days", "0"]).arg("--data").arg(&data).output();
    let out = out.expect("run");
    assert!(!out.status.success(), "a token of 0 days was issued");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--days"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).is_empty(), "nothing is issued");
}

#[test]
fn tls_self_signed_writes_a_ca_a_certificate_and_a_private_key_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("tls");
    let out = relay()
        .args(["tls", "self-signed", "--host", "10.8.0.1", "--host", "relay.county.test", "--days", "30", "--out"])
        .arg(&out_dir)
        .output()
        .expect("run tls self-signed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (ca, cert, key) = (out_dir.join("ca.pem"), out_dir.join("cert.pem"), out_dir.join("key.pem"));
    for file in [&ca, &cert, &key] {
        assert!(text.contains(&file.display().to_string()), "{} not listed: {text}", file.display());
    }
    let read = |p: &std::path::Path| std::fs::read_to_string(p).expect("read");
    assert_eq!(read(&ca).matches("-----BEGIN CERTIFICATE-----").count(), 1);
    assert_eq!(read(&cert).matches("-----BEGIN CERTIFICATE-----").count(), 2, "server certificate, then the CA");
    assert!(read(&cert).ends_with(&read(&ca)), "the chain ends with the CA");
    assert!(read(&key).starts_with("-----BEGIN PRIVATE KEY-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("key metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "key.pem is private");
    }
    // The pair works for serve, and the printed SPKI hash is that of key.pem's public key.
    let paths = liandong_relay::tls::TlsPaths { cert: cert.clone(), key: key.clone() };
    assert!(liandong_relay::tls::load(&paths).is_ok());
    let key_pair = rcgen::KeyPair::from_pem(&read(&key)).expect("key");
    let spki = rcgen::PublicKeyData::subject_public_key_info(&key_pair);
    let digest = ring::digest::digest(&ring::digest::SHA256, &spki);
    let hash = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, digest);
    assert!(text.contains(&format!("SPKI SHA-256 of key.pem (base64): {hash}\n")), "{text}");
    assert!(text.contains(&format!("--ignore-certificate-errors-spki-list={hash}")), "{text}");
    assert!(text.contains("10.8.0.1, relay.county.test, localhost, 127.0.0.1"), "{text}");
    assert!(
        text.contains(&format!(
            "liandong-relay serve --addr 0.0.0.0:8443 --data DATA --static DIST --tls-cert {} --tls-key {} --public-url https://10.8.0.1:8443",
            cert.display(),
            key.display()
        )),
        "{text}"
    );

    // A second run refuses and leaves every file as it was.
    let before: Vec<String> = [&ca, &cert, &key].iter().map(|p| read(p)).collect();
    let again =
        relay().args(["tls", "self-signed", "--host", "10.8.0.2", "--out"]).arg(&out_dir).output().expect("run");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("not overwriting"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let after: Vec<String> = [&ca, &cert, &key].iter().map(|p| read(p)).collect();
    assert_eq!(before, after);

    // Even one file in the way stops it, and nothing is written.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("dir");
    std::fs::write(other.join("key.pem"), "mine").expect("write");
    let out = relay().args(["tls", "self-signed", "--host", "10.8.0.2", "--out"]).arg(&other).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(!other.join("ca.pem").exists() && !other.join("cert.pem").exists());
    assert_eq!(read(&other.join("key.pem")), "mine");

    let out =
        relay().args(["tls", "self-signed", "--host", "10.8.0.1:8443", "--out"]).arg(dir.path().join("x")).output();
    let out = out.expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no port"), "{}", String::from_utf8_lossy(&out.stderr));
}
