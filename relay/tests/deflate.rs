//! Compressed sync (feature `deflate`): a device that asks for it downloads (a catch-up as
//! one compressed run) and uploads compressed messages and converges; a stock client gets the plain protocol; a deflate
//! bomb or bytes that do not inflate close only the connection that sent them.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, desheng_officer};
use liandong_relay::deflate;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::encoder::Encode;

const DOC: &str = "region/desheng/bulletins";

/// About `bytes` of bulletin-like text, written by one client: what a device that was
/// offline lacks.
async fn fill(relay: &TestRelay, token: &str, bytes: usize) -> String {
    let mut writer = Client::connect(&relay.url(DOC, token)).await;
    writer.synced().await;
    let words = ["流窜诈骗预警", "被盗摩托车线索", "嫌疑人驾驶面包车", "乡镇派出所联动", "区域巡逻"];
    for i in 0..bytes / 2048 {
        let body: String = (0..110).map(|j| words[(i * 7 + j * 3 + j / 5) % words.len()]).collect();
        writer.append(&format!("第{i}条：{body}\n")).await;
        if i % 20 == 0 {
            // Paced by the relay: the updates so far are stored before more are sent.
            writer.round_trip().await;
        }
    }
    writer.round_trip().await;
    writer.text()
}

#[tokio::test]
async fn a_device_asking_for_deflate_downloads_less_and_a_stock_client_gets_plain_frames() {
    let relay = TestRelay::start_with(|c| c.compact_after = 50).await;
    let token = desheng_officer(&relay);
    let expected = fill(&relay, &token, 400_000).await;
    assert!(expected.len() > 300_000, "{} bytes", expected.len());

    let url = format!("{}&features=progress,ack,deflate", relay.url(DOC, &token));
    let mut compressed = Client::connect(&url).await;
    assert!(compressed.pump_until(Duration::from_secs(10), |c| c.text() == expected).await, "did not converge");
    assert!(compressed.kinds.contains(&"progress"), "pieces with progress: {:?}", compressed.kinds);
    assert!(compressed.compressed >= 2, "compressed messages: {}", compressed.compressed);

    let mut plain = Client::connect(&relay.url(DOC, &token)).await;
    assert!(plain.pump_until(Duration::from_secs(10), |c| c.text() == expected).await, "stock client");
    assert_eq!(plain.compressed, 0, "a stock client never sees a compressed message");
    assert!(
        compressed.wire_bytes * 3 < plain.wire_bytes,
        "compressed {} bytes vs plain {}",
        compressed.wire_bytes,
        plain.wire_bytes
    );
    println!("download: {} bytes compressed, {} plain", compressed.wire_bytes, plain.wire_bytes);
}

#[tokio::test]
async fn a_compressed_upload_is_stored_and_reaches_stock_clients() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let mut watcher = Client::connect(&relay.url(DOC, &token)).await;
    watcher.synced().await;

    let url = format!("{}&features=ack,deflate", relay.url(DOC, &token));
    let mut device = Client::connect(&url).await;
    device.synced().await;
    let text = "离线一周的走访记录。".repeat(500);
    let update = common::append_offline(&device.doc, &text);
    let frame = Message::Sync(SyncMessage::Update(update)).encode_v1();
    let wrapped = deflate::compress(&frame).expect("compresses");
    assert!(wrapped.len() * 5 < frame.len());
    let acks = device.relay_svs.len();
    device.send_raw(WsMessage::Binary(wrapped.into())).await;
    assert!(device.pump_until(Duration::from_secs(3), |c| c.relay_svs.len() > acks).await, "no ack");
    assert!(watcher.pump_until(Duration::from_secs(3), |c| c.text() == text).await, "not forwarded");

    let stored = relay.store.load(&common::stored_key(DOC)).await.expect("load");
    assert_eq!(stored.updates.len(), 1, "the upload was stored");
    let mut late = Client::connect(&relay.url(DOC, &token)).await;
    assert!(late.pump_until(Duration::from_secs(3), |c| c.text() == text).await);
}

async fn closed_after(relay: &TestRelay, url: &str, frame: Vec<u8>) -> (u16, String) {
    let mut bad = Client::connect(url).await;
    bad.synced().await;
    bad.send_raw(WsMessage::Binary(frame.into())).await;
    assert!(bad.pump_until(Duration::from_secs(5), |c| c.closed.is_some()).await, "not closed");
    let _ = relay;
    bad.closed.clone().unwrap_or_default()
}

#[tokio::test]
async fn a_deflate_bomb_or_garbage_closes_only_that_connection() {
    let relay = TestRelay::start_with(|c| c.max_frame_bytes = 1024 * 1024).await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=deflate", relay.url(DOC, &token));
    let mut good = Client::connect(&url).await;
    good.synced().await;

    // 200 MB of zeros inflating from ~200 KB: refused at 1 MiB, not held in memory.
    let bomb = deflate::compress(&vec![0u8; 200 << 20]).expect("compresses");
    assert!(bomb.len() < 1024 * 1024);
    let (code, reason) = closed_after(&relay, &url, bomb).await;
    assert_eq!(code, 1009, "{reason}");
    assert!(reason.contains("frame limit"), "{reason}");

    let garbage = vec![deflate::MSG_DEFLATE, 5, 0xff, 0xfe, 0xfd, 0xfc, 0xfb];
    let (code, reason) = closed_after(&relay, &url, garbage).await;
    assert_eq!(code, 1007, "{reason}");

    // Runs go from the relay to devices only: a device's run frame is refused.
    let mut run = deflate::Run::new();
    let run_frame = run.frame(&Message::Sync(SyncMessage::SyncStep1(Default::default())).encode_v1()).expect("run");
    let (code, reason) = closed_after(&relay, &url, run_frame).await;
    assert_eq!(code, 1007, "{reason}");

    // An inflated frame is checked like any other: an unknown message kind inside.
    let inner = deflate::compress(&[9u8; 400]).expect("compresses");
    let (code, _) = closed_after(&relay, &url, inner).await;
    assert_eq!(code, 1002);

    // A client that did not ask for the feature may not send compressed messages.
    let frame = Message::Sync(SyncMessage::Update(common::append_offline(&yrs::Doc::new(), &"无".repeat(300))));
    let wrapped = deflate::compress(&frame.encode_v1()).expect("compresses");
    let (code, _) = closed_after(&relay, &relay.url(DOC, &token), wrapped).await;
    assert_eq!(code, 1002);

    good.append("仍然正常").await;
    let mut other = Client::connect(&url).await;
    assert!(other.pump_until(Duration::from_secs(3), |c| c.text() == "仍然正常").await, "relay broken");
    let stored = relay.store.load(&common::stored_key(DOC)).await.expect("load");
    assert_eq!(stored.updates.len(), 1, "only the good update was stored");
}
