//! Slow links: a device far behind gets the difference in pieces after a progress header;
//! compaction keeps the log in pieces of at most 64 KiB; a device that asks for acks
//! learns what reached the relay, also when another device brought it first.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, desheng_officer};
use liandong_relay::store::BUCKET_BYTES;
use yrs::{ReadTxn, Transact};

const DOC: &str = "region/desheng/bulletins";

async fn fill(relay: &TestRelay, token: &str, updates: usize, size: usize) -> String {
    let mut writer = Client::connect(&relay.url(DOC, token)).await;
    writer.settle(Duration::from_millis(100)).await;
    for i in 0..updates {
        writer.append(&format!("{i:05}{}", "报".repeat(size / 3))).await;
        if i % 20 == 0 {
            writer.settle(Duration::from_millis(5)).await;
        }
    }
    writer.settle(Duration::from_millis(500)).await;
    writer.text()
}

#[tokio::test]
async fn a_device_far_behind_gets_pieces_after_a_progress_header() {
    let relay = TestRelay::start_with(|c| c.compact_after = 50).await;
    let token = desheng_officer(&relay);
    let expected = fill(&relay, &token, 300, 2048).await;
    assert!(expected.len() > 600_000, "{} bytes", expected.len());
    tokio::time::sleep(Duration::from_millis(300)).await;

    let stored = relay.store.load(DOC).await.expect("load");
    assert!(stored.updates.len() < 300, "compaction merged the log: {} entries", stored.updates.len());
    assert!(stored.updates.iter().all(|u| u.len() <= BUCKET_BYTES + 4096), "pieces stay small");

    let url = format!("{}&features=progress", relay.url(DOC, &token));
    let mut late = Client::connect(&url).await;
    assert!(late.pump_until(Duration::from_secs(10), |c| c.text() == expected).await, "did not converge");
    assert_eq!(late.kinds.iter().filter(|k| **k == "progress").count(), 1, "{:?}", late.kinds);
    assert!(late.kinds.iter().filter(|k| **k == "update").count() >= 8, "pieces: {:?}", late.kinds);

    let mut plain = Client::connect(&relay.url(DOC, &token)).await;
    assert!(plain.pump_until(Duration::from_secs(10), |c| c.text() == expected).await);
    assert!(!plain.kinds.contains(&"progress"), "a plain client gets the plain protocol");
}

#[tokio::test]
async fn a_device_that_asks_for_acks_learns_what_reached_the_relay() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let mut a = Client::connect(&url).await;
    a.settle(Duration::from_millis(100)).await;
    let before = a.relay_svs.len();
    a.append("签收").await;
    let mine = a.doc.transact().state_vector();
    assert!(a.pump_until(Duration::from_secs(3), |c| c.relay_svs.len() > before).await, "no ack");
    let acked = a.relay_svs.last().expect("sv");
    assert_eq!(acked.get(&a.doc.client_id()), mine.get(&a.doc.client_id()));
}

#[tokio::test]
async fn a_device_that_sends_changes_the_relay_already_has_is_acked_too() {
    // Two tabs of one browser share a change offline; the first to reconnect brings it, the
    // second sends it again and must still learn that it reached the relay.
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let shared = yrs::Doc::new();
    let change = common::append_offline(&shared, "两个标签页");
    let mut first = Client::connect(&url).await;
    first.send(yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(change.clone()))).await;
    first.settle(Duration::from_millis(200)).await;

    let mut second = Client::connect(&url).await;
    second.settle(Duration::from_millis(200)).await;
    let before = second.relay_svs.len();
    second.send(yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(change))).await;
    assert!(second.pump_until(Duration::from_secs(3), |c| c.relay_svs.len() > before).await, "no ack");
    let acked = second.relay_svs.last().expect("sv");
    assert_eq!(acked.get(&shared.client_id()), shared.transact().state_vector().get(&shared.client_id()));
}
