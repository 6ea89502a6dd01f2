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
    writer.synced().await;
    for i in 0..updates {
        writer.append(&format!("{i:05}{}", "报".repeat(size / 3))).await;
        if i % 20 == 0 {
            // Paced by the relay: the updates so far are stored before more are sent.
            writer.round_trip().await;
        }
    }
    writer.round_trip().await;
    writer.text()
}

#[tokio::test]
async fn a_device_far_behind_gets_pieces_after_a_progress_header() {
    let relay = TestRelay::start_with(|c| c.compact_after = 50).await;
    let token = desheng_officer(&relay);
    let expected = fill(&relay, &token, 300, 2048).await;
    assert!(expected.len() > 600_000, "{} bytes", expected.len());
    // Compaction runs in the background once the log is long: wait until it has merged it.
    let mut stored = relay.store.load(&common::stored_key(DOC)).await.expect("load");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while stored.updates.len() >= 300 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await; // polling interval
        stored = relay.store.load(&common::stored_key(DOC)).await.expect("load");
    }
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
    a.synced().await;
    let before = a.relay_svs.len();
    a.append("签收").await;
    let mine = a.doc.transact().state_vector();
    assert!(a.pump_until(Duration::from_secs(3), |c| c.relay_svs.len() > before).await, "no ack");
    let acked = a.relay_svs.last().expect("sv");
    assert_eq!(acked.get(&a.doc.client_id()), mine.get(&a.doc.client_id()));
}

/// Two tabs of one browser share a change made offline; both send it when they reconnect,
/// wrapped by `wrap` (as an update of their own, or as sync step 2, their answer to the
/// relay's step 1). The second brings nothing new but must still learn that its change is
/// at the relay, or it counts it as waiting until its next reconnect.
async fn the_second_tab_is_acked(wrap: fn(Vec<u8>) -> yrs::sync::SyncMessage) {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let shared = yrs::Doc::new();
    let change = common::append_offline(&shared, "两个标签页");
    let mut first = Client::connect(&url).await;
    let mut second = Client::connect(&url).await;
    first.synced().await;
    second.synced().await;
    first.send(yrs::sync::Message::Sync(wrap(change.clone()))).await;
    // The relay has the change (from the first tab) before the second sends it.
    first.round_trip().await;
    let before = second.relay_svs.len();
    second.send(yrs::sync::Message::Sync(wrap(change))).await;
    assert!(second.pump_until(Duration::from_secs(3), |c| c.relay_svs.len() > before).await, "no ack");
    let acked = second.relay_svs.last().expect("sv");
    assert_eq!(acked.get(&shared.client_id()), shared.transact().state_vector().get(&shared.client_id()));
}

#[tokio::test]
async fn a_device_that_sends_changes_the_relay_already_has_is_acked_too() {
    the_second_tab_is_acked(yrs::sync::SyncMessage::Update).await;
}

#[tokio::test]
async fn a_step2_answer_with_changes_another_tab_brought_first_is_acked() {
    the_second_tab_is_acked(yrs::sync::SyncMessage::SyncStep2).await;
}

#[tokio::test]
async fn answering_the_relays_step1_with_nothing_new_ends_the_exchange() {
    // A document with a deletion: a device's answer to the relay's step 1 then always
    // carries the delete set, even when the relay lacks nothing. The relay must not ack
    // it with another step 1, or the two would ping-pong until the flood limit closes
    // the connection.
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let doc = yrs::Doc::new();
    {
        use yrs::{Map, Transact};
        let map = doc.get_or_insert_map("bulletins");
        map.insert(&mut doc.transact_mut(), "x", "一条");
        map.remove(&mut doc.transact_mut(), "x");
    }
    let mut client = Client::connect(&url).await;
    let all = {
        use yrs::{ReadTxn, Transact};
        doc.transact().encode_state_as_update_v1(&yrs::StateVector::default())
    };
    client.send(yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(all))).await;
    let sent = doc.transact().state_vector().get(&doc.client_id());
    let acked = |c: &Client| c.relay_svs.last().is_some_and(|sv| sv.get(&doc.client_id()) == sent);
    assert!(client.pump_until(Duration::from_secs(5), acked).await, "not acked");
    let relay_sv = client.relay_svs.last().cloned().expect("acked");
    let before = client.relay_svs.len();
    let answer = {
        use yrs::{ReadTxn, Transact};
        doc.transact().encode_state_as_update_v1(&relay_sv)
    };
    assert_ne!(answer, yrs::Update::EMPTY_V1.to_vec(), "the delete set makes the answer non-empty");
    client.send(yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep2(answer))).await;
    // The relay handles a connection's messages in order: an ack of that step 2 would
    // have come before its answer to the next message.
    client.round_trip().await;
    assert_eq!(client.relay_svs.len(), before, "no step 1 in answer to a step 2 that brought nothing");
}
