//! Frames from a hostile or unlucky device (signed in, read-only or not): none stops the
//! relay, none is stored in a form that makes other devices fail, none crosses counties,
//! none loses what was accepted. One test per finding of the relay's attack review.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Client, RelayProcess, TestRelay, claims, desheng_officer, free_port, stored_key};
use liandong_core::model::Role;
use liandong_core::update_guard::MAX_VALUE_DEPTH;
use liandong_core::update_guard::fixtures::{self, nested_value_update};
use liandong_relay::auth::now_secs;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::{Doc, Map, Out, Transact};

const DOC: &str = "region/desheng/bulletins";

fn update(bytes: Vec<u8>) -> Message {
    Message::Sync(SyncMessage::Update(bytes))
}

/// Finding 1: one update of about 52 KB whose value is nested 26,000 levels deep aborted
/// the relay (stack overflow in yrs' decoder), also from a device that may only read.
#[tokio::test]
async fn a_value_nested_too_deep_closes_that_connection_only_and_nothing_is_stored() {
    let relay = TestRelay::start().await;
    let writer = desheng_officer(&relay);
    // An officer may only read the county directory.
    let cases = [(DOC, writer.clone()), ("county/demo/directory", writer.clone())];
    for (doc, token) in cases {
        let mut bad = Client::connect(&relay.url(doc, &token)).await;
        bad.send(update(nested_value_update(26_000))).await;
        assert!(bad.pump_until(Duration::from_secs(5), |c| c.closed.is_some()).await, "{doc}: not closed");
        let (code, reason) = bad.closed.clone().unwrap_or_default();
        assert_eq!(code, 1007, "{doc}: {reason}");
        assert!(reason.contains(&format!("more than {MAX_VALUE_DEPTH} levels")), "{doc}: {reason}");
    }
    // One level within the limit is an ordinary update.
    let mut fine = Client::connect(&relay.url(DOC, &writer)).await;
    fine.send(update(nested_value_update(MAX_VALUE_DEPTH))).await;
    let mut good = Client::connect(&relay.url(DOC, &writer)).await;
    good.append("仍然正常").await;
    let mut other = Client::connect(&relay.url(DOC, &writer)).await;
    let ordinary = |c: &Client| record(&c.doc, fixtures::ORDINARY_KEY).is_some();
    assert!(other.pump_until(Duration::from_secs(5), |c| c.text() == "仍然正常" && ordinary(c)).await, "relay broken");
    let stored = relay.store.load(&stored_key(DOC)).await.expect("load");
    assert_eq!(stored.updates.len(), 2, "the update within the limit and the text; nothing of the refused frames");
    assert!(relay.store.load("county/demo/directory").await.expect("load").updates.is_empty());
}

/// The same through shared types: deleting the top of 50,000 nested maps (430 KB) made
/// yrs recurse until the stack overflowed. A shared type may only sit directly under a root.
#[tokio::test]
async fn nested_shared_types_are_refused() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let doc = Doc::with_client_id(11);
    let root = doc.get_or_insert_map("bulletins");
    let nested = {
        let mut txn = doc.transact_mut();
        let mut map: yrs::MapRef = root.insert(&mut txn, "b1", yrs::MapPrelim::default());
        for _ in 0..50_000 {
            map = map.insert(&mut txn, "k", yrs::MapPrelim::default());
        }
        txn.encode_update_v1()
    };
    let mut bad = Client::connect(&relay.url(DOC, &token)).await;
    bad.send(update(nested)).await;
    assert!(bad.pump_until(Duration::from_secs(5), |c| c.closed.is_some()).await, "not closed");
    let (code, reason) = bad.closed.clone().unwrap_or_default();
    assert_eq!((code, reason.contains("directly under a root")), (1007, true), "{reason}");
    assert!(relay.store.load(&stored_key(DOC)).await.expect("load").updates.is_empty());
    std::mem::forget(doc); // dropping 50,000 nested maps would recurse here as well
}

/// A document that holds such a value from before (or from another relay) is served with
/// `undefined` in its place; the rest of the document syncs.
#[tokio::test]
async fn a_value_stored_too_deep_before_is_served_as_undefined() {
    let relay = TestRelay::start().await;
    relay.store.append(&stored_key(DOC), nested_value_update(20_000)).await.expect("append");
    let token = desheng_officer(&relay);
    let mut a = Client::connect(&relay.url(DOC, &token)).await;
    let ordinary = |c: &Client| record(&c.doc, fixtures::ORDINARY_KEY).as_deref() == Some(fixtures::ORDINARY_VALUE);
    assert!(a.pump_until(Duration::from_secs(5), ordinary).await, "the ordinary value did not arrive");
    assert_eq!(record(&a.doc, fixtures::DEEP_KEY).as_deref(), Some("undefined"));
    a.append("之后的修改").await;
    let mut b = Client::connect(&relay.url(DOC, &token)).await;
    assert!(b.pump_until(Duration::from_secs(5), |c| c.text() == "之后的修改" && ordinary(c)).await);
}

/// What the fuzzer found (`relay/fuzz/repro/update-*.bin`, the raw ones: a first byte of
/// `f0` or more, then the update): updates that made yrs panic, leak or write what it
/// cannot read back. Each is refused or survived; the relay and the document carry on.
#[tokio::test]
async fn the_fuzzers_updates_neither_stop_the_relay_nor_spoil_the_document() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/repro");
    let mut raw: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("repro dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("update-"))
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
        .filter(|(_, bytes)| bytes.first().is_some_and(|b| *b >= 0xf0))
        .collect();
    raw.sort();
    assert!(raw.len() >= 8, "the fuzzer's reproducers: {}", raw.len());
    let mut expected = String::new();
    for (name, bytes) in raw {
        let mut device = Client::connect(&format!("{}&features=ack", relay.url(DOC, &token))).await;
        device.send(update(bytes[1..].to_vec())).await;
        // Refused (closed) or taken (acked); either way the relay answers.
        let answered =
            device.pump_until(Duration::from_secs(5), |c| c.closed.is_some() || c.relay_svs.len() >= 2).await;
        assert!(answered, "{name}: no answer");
        // The document still syncs whole to a new device, and takes new edits.
        let mut check = Client::connect(&format!("{}&features=ack", relay.url(DOC, &token))).await;
        assert!(check.pump_until(Duration::from_secs(5), |c| c.text() == expected).await, "{name}: {:?}", check.text());
        check.append(&format!("{name};")).await;
        expected.push_str(&format!("{name};"));
        let mut reader = Client::connect(&relay.url(DOC, &token)).await;
        assert!(
            reader.pump_until(Duration::from_secs(5), |c| c.text() == expected).await,
            "{name}: {:?}",
            reader.text()
        );
    }
}

fn record(doc: &Doc, key: &str) -> Option<String> {
    let map = doc.get_or_insert_map(fixtures::COLLECTION);
    let txn = doc.transact();
    map.get(&txn, key).map(|v: Out| v.to_string(&txn))
}

/// Finding 2: a token whose county is another county opened and wrote this county's
/// region documents. Now the county is part of every document's storage key.
#[tokio::test]
async fn a_token_of_another_county_never_reaches_this_countys_documents() {
    let relay = TestRelay::start().await;
    relay.seed_demo().await;
    let ours = relay.token(Role::Officer, Some("majiadu"), Some("majiadu"));
    let mut theirs_claims = claims(Role::Officer, Some("majiadu"), Some("majiadu"), now_secs() + 600);
    theirs_claims.county = "other".into();
    let theirs = relay.keys.issue(&theirs_claims);
    let doc = "region/majiadu/bulletins";
    let bulletins = |c: &Client| c.doc.get_or_insert_map("bulletins").len(&c.doc.transact());

    let mut ours_client = Client::connect(&format!("{}&features=ack", relay.url(doc, &ours))).await;
    assert!(ours_client.pump_until(Duration::from_secs(5), |c| bulletins(c) > 0).await, "the demo's bulletins");
    let mut theirs_client = Client::connect(&format!("{}&features=ack", relay.url(doc, &theirs))).await;
    assert!(theirs_client.pump_until(Duration::from_secs(5), |c| c.kinds.contains(&"step2")).await);
    assert_eq!(bulletins(&theirs_client), 0, "another county's device received this county's bulletins");
    theirs_client.append("外县写入").await;
    assert!(theirs_client.pump_until(Duration::from_secs(5), |c| c.relay_svs.len() >= 2).await, "not acked");

    // A device of this county that has synced since sees nothing of it.
    let mut fresh = Client::connect(&relay.url(doc, &ours)).await;
    assert!(fresh.pump_until(Duration::from_secs(5), |c| c.kinds.contains(&"step2")).await);
    assert!(bulletins(&fresh) > 0 && fresh.text().is_empty(), "their write reached this county: {:?}", fresh.text());
    assert!(ours_client.text().is_empty());
    let stored = relay.store.load("county/other/region/majiadu/bulletins").await.expect("load");
    assert_eq!(stored.updates.len(), 1, "their write is stored under their county");

    // Their bureau administrator cannot open this county's directory.
    let mut admin = claims(Role::BureauAdmin, None, None, now_secs() + 600);
    admin.county = "other".into();
    let url = relay.url("county/demo/directory", &relay.keys.issue(&admin));
    assert!(tokio_tungstenite::connect_async(url).await.is_err(), "403 expected");
}

/// Two edits of one device, the second depending on the first.
fn two_dependent_edits() -> (Vec<u8>, Vec<u8>) {
    let doc = Doc::with_client_id(99);
    let first = common::append_offline(&doc, "第一段");
    let second = common::append_offline(&doc, "第二段");
    (first, second)
}

/// Finding 3: an update whose predecessor has not arrived was held in memory only, and
/// lost when the document unloaded.
#[tokio::test]
async fn an_update_waiting_for_its_predecessor_survives_an_unload() {
    let relay = TestRelay::start_with(|c| c.idle_unload = Duration::from_millis(50)).await;
    let token = desheng_officer(&relay);
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let (first, second) = two_dependent_edits();
    let mut a = Client::connect(&url).await;
    a.send(update(second)).await;
    assert!(a.pump_until(Duration::from_secs(5), |c| c.relay_svs.len() >= 2).await, "the waiting update not acked");
    a.close().await;
    for _ in 0..500 {
        if relay.metrics.documents_loaded.get() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(relay.metrics.documents_loaded.get(), 0, "the document did not unload");
    let mut b = Client::connect(&url).await;
    b.send(update(first)).await;
    let mut c = Client::connect(&url).await;
    assert!(c.pump_until(Duration::from_secs(5), |c| c.text() == "第一段第二段").await, "has {:?}", c.text());
}

/// Finding 3 with the real binary: a graceful restart between the two messages.
#[tokio::test]
async fn an_update_waiting_for_its_predecessor_survives_a_restart() {
    let data = tempfile::tempdir().expect("dir");
    let port = free_port();
    let mut relay = RelayProcess::start(data.path(), port);
    let token = relay.token(Role::Officer, Some("desheng"), Some("desheng"));
    let url = format!("{}&features=ack", relay.url(DOC, &token));
    let (first, second) = two_dependent_edits();
    let mut a = Client::connect(&url).await;
    a.send(update(second)).await;
    assert!(a.pump_until(Duration::from_secs(5), |c| c.relay_svs.len() >= 2).await, "the waiting update not acked");
    let status = tokio::task::spawn_blocking(move || relay.signal("TERM")).await.expect("join");
    assert!(status.success());
    let relay = RelayProcess::start(data.path(), port);
    let mut b = Client::connect(&url).await;
    b.send(update(first)).await;
    let mut c = Client::connect(&relay.url(DOC, &token)).await;
    assert!(c.pump_until(Duration::from_secs(5), |c| c.text() == "第一段第二段").await, "has {:?}", c.text());
}

fn awareness_of(client_id: u64, state: &str) -> Message {
    let mut awareness = Awareness::new(Doc::with_client_id(client_id));
    awareness.set_local_state_raw(state.to_owned());
    Message::Awareness(awareness.update().expect("update"))
}

/// Finding 4: a connection that forwarded another client's awareness state took that
/// state with it when it left.
#[tokio::test]
async fn a_leaving_connection_removes_only_its_own_awareness() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = relay.url(DOC, &token);
    let mut forwarder = Client::connect(&url).await;
    let mut watcher = Client::connect(&url).await;
    forwarder.send(awareness_of(1001, r#"{"user":"张伟"}"#)).await;
    forwarder.send(awareness_of(2002, r#"{"user":"李娜（转发）"}"#)).await;
    let present = |c: &Client, id| c.awareness.contains(&(id, false));
    assert!(watcher.pump_until(Duration::from_secs(3), |c| present(c, 1001) && present(c, 2002)).await);
    forwarder.close().await;
    assert!(watcher.pump_until(Duration::from_secs(3), |c| c.awareness.contains(&(1001, true))).await);
    assert!(!watcher.awareness.contains(&(2002, true)), "a forwarded state was removed: {:?}", watcher.awareness);
}

/// Finding 5: an awareness state that is not JSON was forwarded, and every JavaScript
/// client throws on it.
#[tokio::test]
async fn awareness_that_is_not_json_is_refused_and_never_forwarded() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let url = relay.url(DOC, &token);
    let mut watcher = Client::connect(&url).await;
    let mut bad = Client::connect(&url).await;
    bad.send(awareness_of(4004, "{not json")).await;
    assert!(bad.pump_until(Duration::from_secs(3), |c| c.closed.is_some()).await);
    assert_eq!(bad.closed.as_ref().map(|c| c.0), Some(1007));
    let mut good = Client::connect(&url).await;
    good.send(awareness_of(3003, r#"{"user":"王强"}"#)).await;
    assert!(watcher.pump_until(Duration::from_secs(3), |c| c.awareness.contains(&(3003, false))).await);
    assert!(!watcher.awareness.iter().any(|(id, _)| *id == 4004), "forwarded: {:?}", watcher.awareness);
    let mut late = Client::connect(&url).await;
    assert!(late.pump_until(Duration::from_secs(3), |c| c.awareness.contains(&(3003, false))).await);
    assert!(!late.awareness.iter().any(|(id, _)| *id == 4004));
}

/// Finding 5: a frame of 17 MiB against the 16 MiB limit was dropped with 1006 (a reset:
/// the relay closed with the frame unread) instead of closed with 1009.
#[tokio::test]
async fn an_oversized_frame_is_closed_with_1009_and_a_reason() {
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let mut big = Client::connect(&relay.url(DOC, &token)).await;
    big.send_raw(WsMessage::Binary(vec![0u8; 17 << 20].into())).await;
    assert!(big.pump_until(Duration::from_secs(20), |c| c.closed.is_some()).await, "no close frame");
    let (code, reason) = big.closed.clone().unwrap_or_default();
    assert_eq!(code, 1009, "{reason}");
    assert!(reason.contains("17825792") && reason.contains("16777216"), "{reason}");
}

/// Finding 5: under slow storage a quiet document waited seconds behind a busy one. Every
/// commit here takes 300 ms (as a slow disk's fsync would); the quiet document's update is
/// stored within two commits of being sent, however busy the other document is.
#[tokio::test]
async fn a_quiet_document_waits_at_most_one_commit_behind_a_busy_one() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let data = tempfile::tempdir().expect("dir");
    let commits = Arc::new(AtomicUsize::new(0));
    let counter = commits.clone();
    let slow = Box::new(move |_| {
        std::thread::sleep(Duration::from_millis(300));
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let store = liandong_relay::store::sqlite::SqliteStore::open(
        data.path(),
        liandong_relay::store::sqlite::Durability::Normal,
        Some(slow),
    )
    .expect("store");
    let mut config = liandong_relay::config::ServeConfig::new("127.0.0.1:0".parse().expect("addr"), data.path().into());
    config.durability = liandong_relay::store::sqlite::Durability::Normal;
    let metrics = Arc::new(liandong_relay::metrics::Metrics::new());
    let relay = liandong_relay::server::Relay::bind_with_store(config, Arc::new(store), metrics).await.expect("bind");
    let addr = relay.local_addr().expect("addr");
    let keys = relay.keys().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(relay.serve(async move {
        let _ = stopped.await;
    }));
    let token = keys.issue(&claims(Role::Officer, Some("desheng"), Some("desheng"), now_secs() + 600));
    let url = |doc: &str| format!("ws://{addr}/sync/{doc}?token={token}&features=ack");

    // Four devices flood the busy document.
    let mut busy = Vec::new();
    for _ in 0..4 {
        let mut c = Client::connect(&url(DOC)).await;
        for i in 0..20 {
            c.append(&format!("{i},")).await;
        }
        busy.push(c);
    }
    let mut quiet = Client::connect(&url("station/desheng/community")).await;
    assert!(quiet.pump_until(Duration::from_secs(30), |c| !c.relay_svs.is_empty()).await, "quiet never joined");
    let before = commits.load(Ordering::SeqCst);
    quiet.doc.get_or_insert_text("t");
    quiet.append("安静").await;
    let mine = quiet.state_vector();
    assert!(quiet.pump_until(Duration::from_secs(30), |c| c.relay_svs.last() == Some(&mine)).await, "never acked");
    let waited = commits.load(Ordering::SeqCst) - before;
    assert!(waited <= 2, "the quiet update waited {waited} commits");
    let _ = stop.send(());
    drop(busy);
}
