//! A document holding a value nested too deep for yrs' recursive decoder (stored before
//! the relay refused such values, or synced from another relay) opens in the browser: the
//! record holding it reads as unreadable, the rest of the document works.

#![cfg(target_arch = "wasm32")]

use liandong::store::Store;
use liandong_core::docs::RegionBulletins;
use liandong_core::model::Bulletin;
use liandong_core::org::Organisation;
use liandong_core::update_guard::fixtures::{MARKER, deepen};
use liandong_core::{county_file, demo};
use wasm_bindgen_test::*;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, MapRef, ReadTxn, StateVector, Transact, Update};

wasm_bindgen_test_configure!(run_in_browser);

const DOC: &str = "region/desheng/bulletins";

#[wasm_bindgen_test]
async fn a_bulletin_holding_a_value_nested_30000_deep_is_unreadable_and_the_others_open() {
    let file = demo::county();
    let docs = county_file::import(&file).expect("import");
    let (org, _) = Organisation::read(&docs.directory_view(), &docs.roster_views());
    let written = RegionBulletins::new(Doc::new());
    demo::bulletins::write(&written, &org, "desheng", 3, demo::SEED, liandong_core::time::now()).expect("write");
    let listing = written.list::<Bulletin>();
    let total = listing.records.len();
    assert!(total >= 3, "the demo writes bulletins");
    let target = listing.records[0].record.id.to_string();

    // A later update sets that bulletin's title to a value nested 30,000 levels deep.
    let doc = written.doc();
    let full = doc.transact().encode_state_as_update_v1(&StateVector::default());
    let bulletins = doc.get_or_insert_map("bulletins");
    let deep = {
        let mut txn = doc.transact_mut();
        let record: MapRef = bulletins.get(&txn, &target).and_then(|v| v.cast().ok()).expect("record map");
        record.insert(&mut txn, "title", MARKER);
        deepen(&txn.encode_update_v1(), 30_000)
    };
    let store = Store::open_named(&format!("liandong-test-guard-{}", js_sys::Math::random())).await.expect("open");
    store.append(DOC, &full).await.expect("append");
    store.append(DOC, &deep).await.expect("append the deep update");

    // Opened as the app opens a document: the stored log merged, then applied.
    let updates = store.load_compacted(DOC).await.expect("load");
    let opened = Doc::new();
    {
        let mut txn = opened.transact_mut();
        for bytes in &updates {
            txn.apply_update(Update::decode_v1(bytes).expect("decode")).expect("apply");
        }
    }
    let listing = RegionBulletins::new(opened).list::<Bulletin>();
    assert_eq!(listing.records.len(), total - 1, "the other bulletins open");
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!(listing.unreadable[0].id, target);
    store.close();
}
