//! Access: bad tokens are refused at the upgrade (401), documents outside the token's
//! scope too (403), and a read-only device's updates are refused, not applied, not stored,
//! not forwarded, and it is told.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, claims, desheng_officer};
use liandong_core::model::Role;
use liandong_relay::auth::{Keys, now_secs};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

async fn status_of(url: &str) -> u16 {
    match tokio_tungstenite::connect_async(url).await {
        Ok(_) => 101,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[tokio::test]
async fn missing_malformed_forged_and_expired_tokens_get_401() {
    let relay = TestRelay::start().await;
    let doc = "region/desheng/bulletins";
    assert_eq!(status_of(&format!("ws://{}/sync/{doc}", relay.addr)).await, 401, "missing");
    assert_eq!(status_of(&relay.url(doc, "not-a-jwt")).await, 401, "malformed");
    let forged = Keys::from_secret(&[9; 32]).expect("keys").issue(&claims(
        Role::Officer,
        Some("desheng"),
        Some("desheng"),
        now_secs() + 600,
    ));
    assert_eq!(status_of(&relay.url(doc, &forged)).await, 401, "forged");
    let expired = relay.keys.issue(&claims(Role::Officer, Some("desheng"), Some("desheng"), now_secs() - 5));
    assert_eq!(status_of(&relay.url(doc, &expired)).await, 401, "expired");
    assert_eq!(status_of(&relay.url(doc, &desheng_officer(&relay))).await, 101, "valid");
    assert!(relay.metrics.refused_connections.get() >= 4);
}

#[tokio::test]
async fn documents_of_another_region_station_or_county_get_403() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let officer = desheng_officer(&relay);
    assert_eq!(status_of(&relay.url("region/guandu/bulletins", &officer)).await, 403, "other region");
    assert_eq!(status_of(&relay.url("station/liulin/roster", &officer)).await, 403, "station of another region");
    assert_eq!(
        status_of(&relay.url("station/damiao/community", &officer)).await,
        403,
        "another station's community work"
    );
    assert_eq!(status_of(&relay.url("county/elsewhere/directory", &officer)).await, 403, "other county");
    assert_eq!(status_of(&relay.url("station/damiao/roster", &officer)).await, 101, "a roster of its own region");
}

#[tokio::test]
async fn key_persons_stay_in_their_station_the_center_liaison_and_commander_included() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let exp = now_secs() + 3600;
    let liaison = relay.keys.issue(&claims(Role::Liaison, Some("desheng"), Some("desheng"), exp));
    let commander = relay.keys.issue(&claims(Role::Commander, None, Some("desheng"), exp));
    let damiao = relay.keys.issue(&claims(Role::Officer, Some("damiao"), Some("desheng"), exp));
    let workbook = "station/damiao/community";
    assert_eq!(status_of(&relay.url(workbook, &liaison)).await, 403, "the center station's liaison");
    assert_eq!(status_of(&relay.url(workbook, &commander)).await, 403, "the region's commander");
    assert_eq!(status_of(&relay.url(workbook, &damiao)).await, 101, "the station's own officer");
    assert_eq!(status_of(&relay.url("station/desheng/community", &liaison)).await, 101, "the liaison's own station");
}

#[tokio::test]
async fn a_token_offered_as_a_subprotocol_is_accepted() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let mut request =
        format!("ws://{}/sync/region/desheng/bulletins", relay.addr).into_client_request().expect("request");
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", format!("liandong, liandong.token.{token}").parse().expect("header"));
    let (_, response) = tokio_tungstenite::connect_async(request).await.expect("upgrade");
    assert_eq!(response.headers().get("sec-websocket-protocol").and_then(|v| v.to_str().ok()), Some("liandong"));
}

/// The demo county's 大庙 roster with a token of its station head (who may write it) and
/// of one of its officers (who may only read it).
async fn damiao_roster() -> (TestRelay, &'static str, String, String) {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let head = relay.token(Role::StationHead, Some("damiao"), Some("desheng"));
    let reader = relay.token(Role::Officer, Some("damiao"), Some("desheng"));
    (relay, "station/damiao/roster", head, reader)
}

#[tokio::test]
async fn a_read_only_devices_update_is_refused_and_it_is_told() {
    let (relay, doc, head, reader) = damiao_roster().await;

    let mut writer = Client::connect(&relay.url(doc, &head)).await;
    let mut read_only = Client::connect(&relay.url(doc, &reader)).await;
    writer.synced().await;
    read_only.synced().await;

    read_only.append("未经授权的修改").await;
    assert!(read_only.pump_until(Duration::from_secs(3), |c| !c.denied.is_empty()).await, "not told");
    assert!(read_only.denied[0].contains("read-only"), "{:?}", read_only.denied);

    writer.append("所长的修改").await;
    assert!(
        read_only.pump_until(Duration::from_secs(3), |c| c.text().contains("所长的修改")).await,
        "reader still syncs"
    );
    // The reader's update was refused before the head wrote; once the relay has answered
    // the head after its own write, anything it forwarded from the reader has arrived.
    writer.round_trip().await;
    assert!(!writer.text().contains("未经授权"), "forwarded: {:?}", writer.text());
    assert_eq!(relay.metrics.refused_updates.get(), 1);

    let mut later = Client::connect(&relay.url(doc, &head)).await;
    later.synced().await;
    assert!(!later.text().contains("未经授权") && later.text().contains("所长的修改"), "stored: {:?}", later.text());
}

#[tokio::test]
async fn a_read_only_device_that_only_syncs_a_document_with_deletions_is_not_refused() {
    // Its answer to the relay's sync step 1 carries the document's delete set, which the
    // relay already has: that is no write, and the officer must not see "只读" refusals.
    let (relay, doc, head, reader) = damiao_roster().await;

    let mut writer = Client::connect(&relay.url(doc, &head)).await;
    writer.synced().await;
    writer.append("所长的修改（作废）").await;
    let deletion = {
        use yrs::{Text as _, Transact as _};
        let text = writer.doc.get_or_insert_text("t");
        let mut txn = writer.doc.transact_mut();
        // Lengths count in the document's offset kind (UTF-8 bytes): "（作废）" is 12.
        let len = text.len(&txn);
        text.remove_range(&mut txn, len - 12, 12);
        txn.encode_update_v1()
    };
    writer.send(yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(deletion))).await;
    writer.round_trip().await;

    let mut read_only = Client::connect(&relay.url(doc, &reader)).await;
    assert!(read_only.pump_until(Duration::from_secs(3), |c| c.text().ends_with("所长的修改")).await, "synced");
    // Opened again the next day with the document as stored on the device.
    let stored = read_only.drop_connection();
    let mut read_only = Client::connect_with(&relay.url(doc, &reader), stored).await;
    // Its answer to the relay's step 1 went first; the relay has judged it once it answers
    // the next message, and a refusal would have come before that answer.
    read_only.round_trip().await;
    assert!(read_only.denied.is_empty(), "refused a plain sync: {:?}", read_only.denied);
    assert_eq!(relay.metrics.refused_updates.get(), 0);
}
