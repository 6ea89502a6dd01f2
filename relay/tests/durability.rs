//! Durability with the real binary: SIGTERM and kill -9 lose nothing that was accepted,
//! a client that dropped and edited offline gets its edits through, opening documents
//! without edits writes nothing, and a backup can be taken while serving.

mod common;

use std::time::Duration;

use common::{Client, RelayProcess, append_offline, free_port, stored_text, wait_for_metric};
use liandong_core::model::Role;

const DOC: &str = "region/desheng/bulletins";

#[tokio::test]
async fn everything_written_before_sigterm_is_there_after_restart() {
    let data = tempfile::tempdir().expect("dir");
    let port = free_port();
    let mut relay = RelayProcess::start(data.path(), port);
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    for i in 0..50 {
        a.append(&format!("{i};")).await;
    }
    a.round_trip().await;
    let status = tokio::task::spawn_blocking(move || relay.signal("TERM")).await.expect("join");
    assert!(status.success(), "graceful exit: {status:?}");
    assert!(a.pump_until(Duration::from_secs(2), |c| c.closed.is_some()).await);
    assert_eq!(a.closed.as_ref().map(|c| c.0), Some(1001), "going away");

    let relay = RelayProcess::start(data.path(), port);
    let mut b = Client::connect(&relay.url(DOC, &token)).await;
    let expected: String = (0..50).map(|i| format!("{i};")).collect();
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == expected).await, "after restart: {:?}", b.text());
}

#[tokio::test]
async fn an_update_another_client_received_survives_kill_9() {
    let data = tempfile::tempdir().expect("dir");
    let port = free_port();
    let mut relay = RelayProcess::start(data.path(), port);
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    let mut b = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    b.synced().await;
    a.append("被盗摩托车85辆").await;
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == "被盗摩托车85辆").await);
    relay.signal("KILL");
    assert_eq!(stored_text(data.path(), DOC).await, "被盗摩托车85辆", "forwarded means stored");
}

#[tokio::test]
async fn a_client_that_dropped_and_edited_offline_gets_its_edits_through() {
    let data = tempfile::tempdir().expect("dir");
    let relay = RelayProcess::start(data.path(), free_port());
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    let mut b = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    a.append("上线时：").await;
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == "上线时：").await);

    let doc = a.drop_connection();
    append_offline(&doc, "离线时写的");
    let mut a = Client::connect_with(&relay.url(DOC, &token), doc).await;
    // Its answer to the relay's step 1 carries the offline edits.
    a.synced().await;
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == "上线时：离线时写的").await, "B has {:?}", b.text());
    assert_eq!(stored_text(data.path(), DOC).await, "上线时：离线时写的");
}

fn files_of(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("liandong.db"))
        .filter(|e| !e.file_name().to_string_lossy().ends_with("-shm"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn twenty_clients_opening_and_closing_without_edits_write_nothing() {
    let data = tempfile::tempdir().expect("dir");
    let relay = RelayProcess::start(data.path(), free_port());
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    a.append("已有内容").await;
    a.round_trip().await;
    a.close().await;
    wait_for_metric(relay.addr, "liandong_relay_connections 0").await;
    let before = files_of(data.path());

    for _ in 0..20 {
        let mut c = Client::connect(&relay.url(DOC, &token)).await;
        assert!(c.pump_until(Duration::from_secs(3), |c| c.text() == "已有内容").await);
        c.close().await;
    }
    wait_for_metric(relay.addr, "liandong_relay_connections 0").await;
    // "Nothing was written": the relay has handled every client's close (above); this
    // pause only lets a late write show before the files are compared.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(files_of(data.path()), before, "the database changed");
}

#[tokio::test]
async fn a_backup_taken_while_serving_holds_the_data() {
    let data = tempfile::tempdir().expect("dir");
    let relay = RelayProcess::start(data.path(), free_port());
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    a.append("备份内容").await;
    a.round_trip().await;

    let copy = tempfile::tempdir().expect("dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
        .arg("backup")
        .arg("--data")
        .arg(data.path())
        .arg("--to")
        .arg(copy.path().join("liandong.db"))
        .output()
        .expect("backup");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stored_text(copy.path(), DOC).await, "备份内容");
}
