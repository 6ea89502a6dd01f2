//! The relay relays: two real WebSocket clients on one document see each other's edits.

mod common;

use std::time::Duration;

use common::{Client, TestRelay};

#[tokio::test]
async fn an_update_from_one_client_reaches_the_other() {
    let relay = TestRelay::start().await;
    let url = relay.url("region/desheng/bulletins");
    let mut a = Client::connect(&url).await;
    let mut b = Client::connect(&url).await;
    // Let both finish the handshake before A edits.
    a.pump_until(Duration::from_millis(200), |_| false).await;
    b.pump_until(Duration::from_millis(200), |_| false).await;

    a.append("得胜所通报: 五一期间流窜诈骗").await;

    let got = b.pump_until(Duration::from_secs(5), |c| c.text().contains("流窜诈骗")).await;
    assert!(got, "B never received A's update; B has {:?}", b.text());
}

#[tokio::test]
async fn clients_on_other_documents_receive_nothing() {
    let relay = TestRelay::start().await;
    let mut a = Client::connect(&relay.url("region/desheng/bulletins")).await;
    let mut c = Client::connect(&relay.url("region/guandu/bulletins")).await;
    a.pump_until(Duration::from_millis(200), |_| false).await;
    a.append("only for Desheng").await;
    let leaked = c.pump_until(Duration::from_millis(500), |c| !c.text().is_empty()).await;
    assert!(!leaked, "a client of another document received {:?}", c.text());
}

#[tokio::test]
async fn a_path_that_names_no_document_is_refused_at_the_upgrade() {
    let relay = TestRelay::start().await;
    let err = tokio_tungstenite::connect_async(relay.url("region/desheng/../../etc"))
        .await
        .expect_err("upgrade should be refused");
    let tokio_tungstenite::tungstenite::Error::Http(response) = err else {
        panic!("expected an HTTP refusal, got {err}");
    };
    assert_eq!(response.status(), 404);
}
