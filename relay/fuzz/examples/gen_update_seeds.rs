//! Writes the seeds of the `update` target: `cargo run --example gen_update_seeds` from
//! relay/fuzz (writes into corpus/update; the files are checked in, so this is only needed to
//! change them).
//!
//! Raw seeds (first byte 0xF0, or 0xF1 to run the room part too; the rest is the update, see
//! fuzz_targets/update.rs): the guard's fixture with a value nested 30,000 levels deep (the
//! relay's stack overflow finding, a little deeper), 65 levels (one too many) and 64 (the
//! limit); an ordinary update made with yrs (map, array, text with an embed and formatting,
//! XML element, subdocument, deletions); a client's second edit alone (its structs wait for
//! the first: pending). Generated seeds: a few fixed byte patterns for the generator.

use std::fs;
use std::path::Path;

use liandong_core::update_guard::fixtures::nested_value_update;
use std::collections::HashMap;
use std::sync::Arc;

use yrs::types::Attrs;
use yrs::{
    Any, Array, ArrayPrelim, Doc, Map, MapPrelim, ReadTxn, StateVector, Text, Transact, XmlElementPrelim, XmlFragment,
};

fn raw(room: bool, update: &[u8]) -> Vec<u8> {
    let mut seed = vec![if room { 0xF1 } else { 0xF0 }];
    seed.extend_from_slice(update);
    seed
}

fn main() {
    let dir = Path::new("corpus/update");
    fs::create_dir_all(dir).unwrap();
    let write = |name: &str, bytes: Vec<u8>| fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();

    write("raw-deep-30000", raw(false, &nested_value_update(30_000)));
    write("raw-deep-65", raw(true, &nested_value_update(65)));
    write("raw-deep-64", raw(true, &nested_value_update(64)));

    // An ordinary update with every kind of content yrs writes.
    let doc = Doc::with_client_id(42);
    let map = doc.get_or_insert_map("records");
    let list = doc.get_or_insert_array("list");
    let text = doc.get_or_insert_text("notes");
    let xml = doc.get_or_insert_xml_fragment("xml");
    {
        let mut txn = doc.transact_mut();
        let record = map.insert(&mut txn, "r1", MapPrelim::default());
        record.insert(&mut txn, "title", "耕牛被盗（秦古）");
        record.insert(&mut txn, "nested", Any::from(vec![Any::from(vec![Any::from(1), Any::Null]), Any::from(0.5)]));
        record.insert(&mut txn, "photo", Any::Buffer(vec![1u8, 2, 3].into()));
        list.insert_range(&mut txn, 0, ["x", "y", "z"]);
        list.insert(&mut txn, 1, ArrayPrelim::default());
        text.insert(&mut txn, 0, "麻家渡 😀 text");
        text.insert_embed(&mut txn, 2, Any::from(vec![Any::from("embed")]));
        let bold: Attrs = HashMap::from([(Arc::from("bold"), Any::Bool(true))]);
        text.format(&mut txn, 0, 2, bold);
        xml.insert(&mut txn, 0, XmlElementPrelim::empty("p"));
        map.insert(&mut txn, "sub", Doc::new());
        text.remove_range(&mut txn, 0, 1);
        list.remove(&mut txn, 0);
        map.remove(&mut txn, "gone");
    }
    let full = doc.transact().encode_state_as_update_v1(&StateVector::default());
    write("raw-ordinary", raw(true, &full));

    // A second edit alone: its items' origins are in the first, which the receiver lacks.
    let sv = doc.transact().state_vector();
    {
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, 3, "（续）");
        map.insert(&mut txn, "r2", "second");
    }
    let second = doc.transact().encode_state_as_update_v1(&sv);
    write("raw-pending", raw(true, &second));

    // Generated seeds: fixed patterns (the generator reads zeros as its ordinary choices).
    write("gen-zeros", vec![0u8; 64]);
    write("gen-room", [&[1u8][..], &[0x11; 63]].concat());
    let mut x: u32 = 0x2545_f491;
    let lcg: Vec<u8> = (0..512)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8 & 0xef // a first byte below 0xF0: generated mode
        })
        .collect();
    write("gen-lcg", lcg);
    write("gen-ramp", (0..=239u8).collect());
}
