//! The relay relays: clients on one document converge, late joiners get everything,
//! clients of other documents get nothing.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, desheng_officer};

const DOC: &str = "region/desheng/bulletins";

#[tokio::test]
async fn two_clients_converge_and_a_third_joining_later_receives_everything() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    relay.two_converge_and_a_late_joiner_catches_up(DOC, &token).await;
}

#[tokio::test]
async fn clients_on_other_documents_receive_nothing() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    let mut c = Client::connect(&relay.url("region/desheng/command", &token)).await;
    a.synced().await;
    c.synced().await;
    a.append("only for the bulletins").await;
    // The relay has passed A's update on to its readers once it answers A's next message;
    // whatever reached C's connection by then has arrived once C's own round trip returns.
    a.round_trip().await;
    c.round_trip().await;
    assert!(c.text().is_empty(), "a client of another document received {:?}", c.text());
}

#[tokio::test]
async fn a_path_that_names_no_document_is_refused_at_the_upgrade() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let err = tokio_tungstenite::connect_async(relay.url("region/desheng/../../etc", &token))
        .await
        .expect_err("upgrade should be refused");
    let tokio_tungstenite::tungstenite::Error::Http(response) = err else {
        panic!("expected an HTTP refusal, got {err}");
    };
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn many_clients_opening_a_new_document_at_once_share_one_copy() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = relay.url(DOC, &token);
    let mut clients = futures::future::join_all((0..30).map(|_| Client::connect(&url))).await;
    for c in clients.iter_mut() {
        c.synced().await;
    }
    assert_eq!(relay.metrics.documents_loaded.get(), 1, "one in-memory copy");
    clients[0].append("一份").await;
    for c in clients.iter_mut().skip(1) {
        assert!(c.pump_until(Duration::from_secs(5), |c| c.text() == "一份").await);
    }
}

#[tokio::test]
async fn a_document_unloads_when_idle_and_reloads_from_storage() {
    let relay = TestRelay::start_with(|c| c.idle_unload = Duration::from_millis(200)).await;
    let token = desheng_officer(&relay);
    let url = relay.url(DOC, &token);
    let mut a = Client::connect(&url).await;
    a.synced().await;
    a.append("持久").await;
    a.round_trip().await;
    a.close().await;
    for _ in 0..50 {
        if relay.metrics.documents_loaded.get() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(relay.metrics.documents_loaded.get(), 0, "unloaded after the idle time");
    let mut b = Client::connect(&url).await;
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == "持久").await, "reloaded: {:?}", b.text());
}

#[tokio::test]
async fn a_client_reconnecting_while_its_document_unloads_finds_its_data() {
    let relay = TestRelay::start_with(|c| c.idle_unload = Duration::from_millis(1)).await;
    let token = desheng_officer(&relay);
    let url = relay.url(DOC, &token);
    for round in 0..20 {
        let mut a = Client::connect(&url).await;
        a.synced().await;
        a.append(&format!("{round},")).await;
        a.round_trip().await;
        a.close().await;
    }
    let mut b = Client::connect(&url).await;
    let expected: String = (0..20).map(|r| format!("{r},")).collect();
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == expected).await, "got {:?}", b.text());
}

#[tokio::test]
async fn health_and_metrics_answer() {
    let relay = TestRelay::start().await;
    let health = relay.get("/healthz").await.text();
    assert_eq!(health, "ok");
    let token = desheng_officer(&relay);
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    a.synced().await;
    a.append("x").await;
    a.round_trip().await;
    let metrics = relay.get("/metrics").await.text();
    assert!(metrics.contains("liandong_relay_connections 1"), "{metrics}");
    assert!(metrics.contains("liandong_relay_updates_in_total 1"), "{metrics}");
    assert!(metrics.contains("liandong_relay_storage_commit_seconds_count"), "{metrics}");
}

/// The stock y-websocket client percent-encodes its query: `features=progress%2Cack` asks for
/// both features, as `progress,ack` does.
#[tokio::test]
async fn percent_encoded_features_are_understood() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let mut a = Client::connect(&format!("{}&features=progress%2Cack", relay.url(DOC, &token))).await;
    a.append("编码的参数").await;
    let mine = a.state_vector();
    assert!(a.pump_until(Duration::from_secs(5), |c| c.relay_svs.last() == Some(&mine)).await, "no ack: {:?}", a.kinds);
}
