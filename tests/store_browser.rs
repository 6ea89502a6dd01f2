//! IndexedDB for real, in headless Chromium: settings and document logs survive closing
//! and reopening the database; compaction keeps content and bounds the log; opening a
//! document again and again adds nothing.

#![cfg(target_arch = "wasm32")]

use liandong::store::Store;
use wasm_bindgen_test::*;
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, Text, Transact, Update};

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    format!("liandong-test-{test}-{}", js_sys::Math::random())
}

const DOC: &str = "region/desheng/bulletins";

/// Appends `text` to the shared text of `doc` and returns the update.
fn edit(doc: &Doc, text: &str) -> Vec<u8> {
    let t = doc.get_or_insert_text("t");
    let mut txn = doc.transact_mut();
    let len = t.len(&txn);
    t.insert(&mut txn, len, text);
    txn.encode_update_v1()
}

fn rebuild(updates: &[Vec<u8>]) -> String {
    let doc = Doc::new();
    {
        let mut txn = doc.transact_mut();
        for u in updates {
            txn.apply_update(Update::decode_v1(u).expect("decode")).expect("apply");
        }
    }
    let t = doc.get_or_insert_text("t");

    t.get_string(&doc.transact())
}

#[wasm_bindgen_test]
async fn a_setting_survives_closing_and_reopening_the_database() {
    let name = unique_name("settings");
    let store = Store::open_named(&name).await.expect("open");
    assert_eq!(store.get_setting("officer").await.expect("read"), None);
    store.put_setting("officer", "得胜派出所 张伟").await.expect("write");
    store.close();

    let reopened = Store::open_named(&name).await.expect("reopen");
    assert_eq!(reopened.get_setting("officer").await.expect("read").as_deref(), Some("得胜派出所 张伟"));
    reopened.close();
}

#[wasm_bindgen_test]
async fn updates_written_then_reloaded_into_a_new_document_give_the_same_content() {
    let name = unique_name("reload");
    let store = Store::open_named(&name).await.expect("open");
    let doc = Doc::new();
    for part in ["五一期间", "流窜诈骗", "预警"] {
        store.append(DOC, &edit(&doc, part)).await.expect("append");
    }
    store.append("region/guandu/bulletins", &edit(&Doc::new(), "别的区域")).await.expect("append");
    drop(doc);
    store.close();

    let store = Store::open_named(&name).await.expect("reopen");
    let updates = store.load_updates(DOC).await.expect("load");
    assert_eq!(updates.len(), 3);
    assert_eq!(rebuild(&updates), "五一期间流窜诈骗预警");
    store.close();
}

#[wasm_bindgen_test]
async fn compaction_keeps_the_content_and_bounds_the_log() {
    let name = unique_name("compact");
    let store = Store::open_named(&name).await.expect("open");
    let doc = Doc::new();
    let mut expected = String::new();
    for i in 0..250 {
        let part = format!("{i},");
        expected.push_str(&part);
        store.append(DOC, &edit(&doc, &part)).await.expect("append");
    }
    assert_eq!(store.count(DOC).await.expect("count"), 250);
    assert_eq!(store.compact(DOC, 100).await.expect("compact"), 250);
    assert_eq!(store.count(DOC).await.expect("count"), 1);
    store.append(DOC, &edit(&doc, "after")).await.expect("append after compaction");
    expected.push_str("after");
    assert_eq!(store.count(DOC).await.expect("count"), 2);
    assert_eq!(rebuild(&store.load_updates(DOC).await.expect("load")), expected);
    store.close();
}

#[wasm_bindgen_test]
async fn fifty_loads_without_edits_leave_the_record_count_unchanged() {
    let name = unique_name("loads");
    let store = Store::open_named(&name).await.expect("open");
    let doc = Doc::new();
    for i in 0..5 {
        store.append(DOC, &edit(&doc, &i.to_string())).await.expect("append");
    }
    let first = store.load_compacted(DOC).await.expect("load");
    let count = store.count(DOC).await.expect("count");
    assert_eq!(count, 1, "the first load merges the log");
    for _ in 0..50 {
        let again = store.load_compacted(DOC).await.expect("load");
        assert_eq!(rebuild(&again), rebuild(&first));
    }
    assert_eq!(store.count(DOC).await.expect("count"), count);
    store.close();
}

#[wasm_bindgen_test]
async fn a_newer_build_in_another_tab_is_not_blocked_and_this_page_is_told() {
    // Another tab runs a newer build whose schema is one version up: its open must go
    // through (this connection steps aside), and this page learns it must reload.
    use std::cell::Cell;
    use std::rc::Rc;
    let name = unique_name("newer");
    let store = Store::open_named(&name).await.expect("open");
    store.put_setting("officer", "大庙派出所").await.expect("write");
    let told = Rc::new(Cell::new(false));
    let flag = told.clone();
    store.on_newer_version(move || flag.set(true)).expect("watch");

    let newer = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(liandong::store::SCHEMA_VERSION + 1)
        .with_on_upgrade_needed(|_, _| Ok(()));
    let opened = futures::future::select(
        Box::pin(newer.into_future()),
        Box::pin(gloo::timers::future::TimeoutFuture::new(5_000)),
    )
    .await;
    let db = match opened {
        futures::future::Either::Left((db, _)) => db.expect("the newer build opens the database"),
        futures::future::Either::Right(_) => panic!("the newer build was blocked by this page"),
    };
    assert!(told.get(), "this page was not told");
    assert!(store.get_setting("officer").await.is_err(), "the old connection is closed");
    db.close();
}
