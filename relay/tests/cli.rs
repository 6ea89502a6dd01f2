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
}
