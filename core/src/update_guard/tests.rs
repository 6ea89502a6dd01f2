//! The guard against what yrs cannot decode safely, at its boundaries.

use yrs::updates::decoder::Decode;
use yrs::{Any, Array, ArrayPrelim, Doc, GetString, Map, MapPrelim, ReadTxn, Text, Transact, Update};

use super::fixtures::nested_value_update as deep_update;
use super::*;

fn ordinary_update() -> (Doc, Vec<u8>) {
    let doc = Doc::with_client_id(42);
    let map = doc.get_or_insert_map("bulletins");
    let list = doc.get_or_insert_array("list");
    let text = doc.get_or_insert_text("text");
    let mut txn = doc.transact_mut();
    let record = map.insert(&mut txn, "b1", MapPrelim::default());
    record.insert(&mut txn, "title", "耕牛被盗（秦古）");
    record.insert(&mut txn, "count", 15);
    record.insert(&mut txn, "ratio", 0.5);
    record.insert(&mut txn, "big", i64::MAX);
    record.insert(&mut txn, "flag", true);
    record.insert(&mut txn, "none", Any::Null);
    record.insert(&mut txn, "photo", Any::Buffer(vec![1u8, 2, 3].into()));
    let nested = Any::from(vec![Any::from(vec![Any::from("a"), Any::from(1)]), Any::Null]);
    record.insert(&mut txn, "nested", nested);
    list.insert_range(&mut txn, 0, ["x", "y", "z"]);
    list.insert(&mut txn, 1, ArrayPrelim::default());
    text.insert(&mut txn, 0, "麻家渡 😀 text");
    text.remove_range(&mut txn, 0, 3);
    map.remove(&mut txn, "gone");
    record.insert(&mut txn, "title", "再改");
    drop(txn);
    let bytes = doc.transact().encode_state_as_update_v1(&Default::default());
    (doc, bytes)
}

#[test]
fn ordinary_updates_pass_and_their_outline_matches_the_state_vector() {
    let (doc, bytes) = ordinary_update();
    let outline = check(&bytes).expect("ordinary update");
    let sv = doc.transact().state_vector();
    assert_eq!(outline.inserts, vec![(42, 0, sv.get(&yrs::block::ClientID::new(42)))]);
    assert!(!outline.deletes.is_empty(), "the removed text and overwritten title are deleted");
    assert!(matches!(readable(&bytes), Some(Cow::Borrowed(_))));
}

#[test]
fn the_limit_is_exact_and_refusal_costs_no_more_than_the_bytes() {
    assert!(check(&deep_update(MAX_VALUE_DEPTH)).is_ok());
    assert_eq!(check(&deep_update(MAX_VALUE_DEPTH + 1)), Err(GuardError::TooDeep { limit: MAX_VALUE_DEPTH }));
    // The update of the finding: 26,000 levels, about 52 KB.
    let hostile = deep_update(26_000);
    assert!(hostile.len() > 50_000);
    assert_eq!(check(&hostile), Err(GuardError::TooDeep { limit: MAX_VALUE_DEPTH }));
}

#[test]
fn a_stored_deep_value_becomes_undefined_and_the_rest_reads() {
    // Deep enough to overflow any thread's stack if yrs recursed into it.
    for levels in [MAX_VALUE_DEPTH + 1, 20_000, 1_000_000] {
        let bytes = deep_update(levels);
        let fixed = readable(&bytes).expect("readable");
        assert!(matches!(fixed, Cow::Owned(_)));
        assert!(fixed.len() < 200, "the deep value is one byte now");
        check(&fixed).expect("the result passes the check");
        let doc = Doc::new();
        let update = Update::decode_v1(&fixed).expect("decodes");
        doc.transact_mut().apply_update(update).expect("applies");
        let map = doc.get_or_insert_map("records");
        let txn = doc.transact();
        assert_eq!(map.get(&txn, "r1").map(|v| v.to_string(&txn)), Some("undefined".into()));
        assert_eq!(map.get(&txn, "r2").map(|v| v.to_string(&txn)), Some("秦古 ordinary".into()));
        // The clock is untouched, so every device agrees on what it has.
        assert_eq!(txn.state_vector().get(&yrs::block::ClientID::new(7)), 2);
    }
}

#[test]
fn shared_types_only_sit_directly_under_a_root() {
    // A record map under a root collection: what the app writes.
    let doc = Doc::with_client_id(5);
    let records = doc.get_or_insert_map("bulletins");
    let record_update = {
        let mut txn = doc.transact_mut();
        let record = records.insert(&mut txn, "b1", MapPrelim::default());
        record.insert(&mut txn, "title", "通报");
        txn.encode_update_v1()
    };
    check_strict(&record_update).expect("a record map under a root");
    // A map inside that map, and a second map under the same key (its parent implied by
    // its origin): both refused by the strict check, both still readable.
    let nested = {
        let mut txn = doc.transact_mut();
        let record: yrs::MapRef = records.get(&txn, "b1").and_then(|v| v.cast().ok()).expect("record");
        record.insert(&mut txn, "inner", MapPrelim::default());
        txn.encode_update_v1()
    };
    let replaced = {
        let mut txn = doc.transact_mut();
        records.insert(&mut txn, "b1", MapPrelim::default());
        txn.encode_update_v1()
    };
    for update in [&nested, &replaced] {
        assert_eq!(check_strict(update), Err(GuardError::NestedType));
        assert!(check(update).is_ok());
    }
    // An array of maps: each map's parent is implied by its neighbour.
    let list = doc.get_or_insert_array("list");
    let in_array = {
        let mut txn = doc.transact_mut();
        list.insert(&mut txn, 0, MapPrelim::default());
        list.insert(&mut txn, 1, MapPrelim::default());
        txn.encode_update_v1()
    };
    assert_eq!(check_strict(&in_array), Err(GuardError::NestedType));
    let (_, ordinary) = ordinary_update();
    assert_eq!(check_strict(&ordinary), Err(GuardError::NestedType), "ordinary_update puts an array inside an array");
}

#[test]
fn ids_and_clocks_yrs_would_misread_are_refused() {
    // One client, one GC struct of length 1, client id 2^53.
    let mut too_big = vec![1, 1];
    too_big.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    too_big.extend_from_slice(&[0, 0, 1, 0]);
    assert!(matches!(check(&too_big), Err(GuardError::Malformed(m)) if m.contains("53 bits")));
    // A GC struct starting at clock 2^32 - 1; one at 2^31 - 2 of length 5.
    let far = [1, 1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 2, 0];
    assert!(matches!(check(&far), Err(GuardError::Malformed(m)) if m.contains("2^31")));
    let overflow = [1, 1, 5, 0xfe, 0xff, 0xff, 0xff, 0x07, 0, 5, 0];
    assert!(matches!(check(&overflow), Err(GuardError::Malformed(m)) if m.contains("overflow")));
    // The same client twice (yrs divided by zero on it).
    let twice = [2, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0];
    assert!(matches!(check(&twice), Err(GuardError::Malformed(m)) if m.contains("twice")));
    // A deleted range that runs past 2^32.
    let long_delete = [0, 1, 5, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 2];
    assert!(matches!(check(&long_delete), Err(GuardError::Malformed(m)) if m.contains("overflow")));
}

#[test]
fn contents_yrs_cannot_read_back_or_free_are_refused() {
    // A JSON content item (kind 2) of client 0, one string "1"; a subdocument under root
    // "records"; an `Any` string that is not UTF-8; embedded JSON too deep and a number yrs
    // cannot hold.
    let json_item = [1, 1, 0, 0, 2, 1, 7, b'r', b'e', b'c', b'o', b'r', b'd', 2, 0, 1, b'1', 0];
    assert!(matches!(check(&json_item), Err(GuardError::Malformed(m)) if m.contains("JSON content")));
    assert!(readable(&json_item).is_none(), "a stored one is left out, not given to yrs");
    let mut subdoc = vec![1, 1, 0, 0, 9, 1, 7];
    subdoc.extend_from_slice(b"records");
    subdoc.extend_from_slice(&[4, b'g', b'u', b'i', b'd', 127, 0]);
    assert!(matches!(check(&subdoc), Err(GuardError::Malformed(m)) if m.contains("subdocument")));
    let not_utf8 = [1, 1, 0, 0, 8, 1, 1, b'm', 1, 119, 1, 0xff, 0];
    assert!(matches!(check(&not_utf8), Err(GuardError::Malformed(m)) if m.contains("UTF-8")));
    let embed = |json: &str| {
        let mut u = vec![1, 1, 0, 0, 5, 1, 1, b't'];
        let mut len = json.len();
        while len >= 0x80 {
            u.push((len as u8 & 0x7f) | 0x80);
            len >>= 7;
        }
        u.push(len as u8);
        u.extend_from_slice(json.as_bytes());
        u.push(0);
        u
    };
    assert!(check(&embed(r#"{"image":"a[b]"}"#)).is_ok(), "brackets inside strings do not count");
    let deep = format!("{}0{}", "[".repeat(MAX_VALUE_DEPTH), "]".repeat(MAX_VALUE_DEPTH));
    assert_eq!(check(&embed(&deep)), Err(GuardError::TooDeep { limit: MAX_VALUE_DEPTH }));
    assert!(matches!(check(&embed("1e400")), Err(GuardError::Malformed(m)) if m.contains("JSON")));
}

#[test]
fn every_prefix_of_an_update_is_answered_without_panic() {
    let (_, bytes) = ordinary_update();
    for end in 0..bytes.len() {
        let prefix = &bytes[..end];
        // A prefix either fails here or is an update yrs reads too.
        if check(prefix).is_ok() {
            assert!(Update::decode_v1(prefix).is_ok(), "prefix {end} passes the guard but not yrs");
        }
        let _ = readable(prefix);
    }
    let deep = deep_update(30_000);
    for end in (0..deep.len()).step_by(997) {
        assert!(check(&deep[..end]).is_err());
    }
}

#[test]
fn what_passes_the_guard_decodes_like_yrs_decodes_it() {
    // Random edits of several clients, merged: the guard's outline agrees with yrs.
    let docs: Vec<Doc> = (1..=3).map(Doc::with_client_id).collect();
    for (i, doc) in docs.iter().enumerate() {
        let text = doc.get_or_insert_text("t");
        let map = doc.get_or_insert_map("m");
        for j in 0..20 {
            let mut txn = doc.transact_mut();
            text.insert(&mut txn, 0, &format!("{i}-{j}；"));
            map.insert(&mut txn, format!("k{}", j % 5), vec![Any::from(j as i64), Any::from("v")]);
            if j % 3 == 0 {
                let len = text.get_string(&txn).encode_utf16().count() as u32;
                text.remove_range(&mut txn, 0, len.min(2));
            }
        }
    }
    let updates: Vec<Vec<u8>> =
        docs.iter().map(|d| d.transact().encode_state_as_update_v1(&Default::default())).collect();
    let merged = yrs::merge_updates_v1(updates.iter().map(Vec::as_slice)).expect("merge");
    let outline = check(&merged).expect("merged update");
    let decoded = Update::decode_v1(&merged).expect("decodes");
    let sv = decoded.state_vector();
    for (client, _, end) in &outline.inserts {
        assert_eq!(sv.get(&yrs::block::ClientID::new(*client)), *end);
    }
    assert_eq!(outline.inserts.len(), 3);
}
