//! Bad input closes that one connection with a reason; the relay and every other
//! connection carry on, and nothing of the bad frame is stored.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, desheng_officer};
use tokio_tungstenite::tungstenite::Message as WsMessage;

const DOC: &str = "region/desheng/bulletins";

async fn closed_with(relay: &TestRelay, frame: WsMessage) -> (u16, String) {
    let token = desheng_officer(relay);
    let mut bad = Client::connect(&relay.url(DOC, &token)).await;
    bad.synced().await;
    bad.send_raw(frame).await;
    assert!(bad.pump_until(Duration::from_secs(3), |c| c.closed.is_some()).await, "not closed");
    bad.closed.clone().unwrap_or_default()
}

#[tokio::test]
async fn bad_frames_close_only_their_connection() {
    let relay = TestRelay::start_with(|c| c.max_frame_bytes = 64 * 1024).await;
    let token = desheng_officer(&relay);
    let mut good = Client::connect(&relay.url(DOC, &token)).await;
    good.synced().await;

    let cases: Vec<(&str, WsMessage, u16)> = vec![
        ("truncated update", WsMessage::Binary(vec![0, 2, 50, 1, 2].into()), 1002),
        ("unknown message type", WsMessage::Binary(vec![9, 1, 0].into()), 1002),
        ("garbage", WsMessage::Binary(vec![0xff; 40].into()), 1002),
        ("empty frame", WsMessage::Binary(Vec::new().into()), 1002),
        ("text frame", WsMessage::Text("hello".into()), 1002),
        ("malformed update inside a valid message", WsMessage::Binary(vec![0, 2, 3, 200, 200, 200].into()), 1002),
        ("oversized frame", WsMessage::Binary(vec![0u8; 200 * 1024].into()), 1009),
    ];
    for (what, frame, code) in cases {
        let (got, reason) = closed_with(&relay, frame).await;
        assert_eq!(got, code, "{what}: closed with {got} {reason}");
        assert!(!reason.is_empty() || code == 1009, "{what}: no reason");
    }

    good.append("仍然正常").await;
    let mut other = Client::connect(&relay.url(DOC, &token)).await;
    assert!(
        other.pump_until(Duration::from_secs(3), |c| c.text() == "仍然正常").await,
        "relay broken: {:?}",
        other.text()
    );
    let stored = relay.store.load(&common::stored_key(DOC)).await.expect("load");
    assert_eq!(stored.updates.len(), 1, "only the good update was stored");
}

#[tokio::test]
async fn a_message_flood_closes_the_flooding_connection() {
    let relay = TestRelay::start_with(|c| {
        c.messages_per_second = 50.0;
        c.message_burst = 100.0;
    })
    .await;
    let token = desheng_officer(&relay);
    let mut flooder = Client::connect(&relay.url(DOC, &token)).await;
    let query = yrs::sync::Message::AwarenessQuery;
    for _ in 0..1000 {
        flooder.send(query.clone()).await;
    }
    assert!(flooder.pump_until(Duration::from_secs(5), |c| c.closed.is_some()).await, "flood not stopped");
    assert_eq!(flooder.closed.as_ref().map(|c| c.0), Some(1008));
    let mut calm = Client::connect(&relay.url(DOC, &token)).await;
    calm.synced().await;
    calm.append("ok").await;
    calm.round_trip().await;
    assert_eq!(relay.store.load(&common::stored_key(DOC)).await.expect("load").updates.len(), 1);
}

#[tokio::test]
async fn a_reader_that_falls_behind_is_closed_so_it_resyncs() {
    let relay = TestRelay::start_with(|c| c.outbound_queue = 8).await;
    let token = desheng_officer(&relay);
    let mut writer = Client::connect(&relay.url(DOC, &token)).await;
    let mut sleeper = Client::connect(&relay.url(DOC, &token)).await;
    writer.synced().await;
    sleeper.synced().await;
    // The sleeper stops reading; 300 updates of 32 KiB overflow its socket and its queue.
    let chunk = "慢".repeat(32 * 1024 / 3);
    for _ in 0..300 {
        writer.append(&chunk).await;
        writer.settle(Duration::from_millis(1)).await;
    }
    assert!(sleeper.pump_until(Duration::from_secs(10), |c| c.closed.is_some()).await, "never closed");
    assert_eq!(sleeper.closed.as_ref().map(|c| c.0), Some(4008));
}
