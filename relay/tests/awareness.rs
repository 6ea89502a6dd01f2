//! Awareness: when a connection ends, the relay removes the states it introduced (and only
//! those) and tells the others.

mod common;

use std::time::Duration;

use common::{Client, TestRelay, desheng_officer};
use yrs::Doc;
use yrs::sync::{Awareness, Message};

fn awareness_of(client_id: u64, name: &str) -> Message {
    let doc = Doc::with_client_id(client_id);
    let mut awareness = Awareness::new(doc);
    awareness.set_local_state_raw(format!("{{\"user\":\"{name}\"}}"));
    Message::Awareness(awareness.update().expect("update"))
}

#[tokio::test]
async fn a_leaving_connections_awareness_is_removed_and_announced() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = relay.url("region/desheng/bulletins", &token);
    let mut a = Client::connect(&url).await;
    let mut b = Client::connect(&url).await;
    let mut c = Client::connect(&url).await;
    a.send(awareness_of(1001, "张伟")).await;
    b.send(awareness_of(2002, "李娜")).await;
    assert!(c.pump_until(Duration::from_secs(3), |c| c.awareness.iter().filter(|(_, gone)| !gone).count() >= 2).await);

    a.close().await;
    assert!(c.pump_until(Duration::from_secs(3), |c| c.awareness.contains(&(1001, true))).await, "{:?}", c.awareness);
    // The relay announced A's removal when A left; a removal of B's state would have gone
    // out in the same step, before the relay answers C's next message.
    c.round_trip().await;
    assert!(!c.awareness.contains(&(2002, true)), "B's state was removed too: {:?}", c.awareness);
}
