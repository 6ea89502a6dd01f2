//! Hostile updates, written byte by byte, for the tests of the relay, the app and the
//! fuzzer: yrs itself cannot encode a value nested this deep without recursing as deep.

use yrs::{Doc, Map, Transact};

/// The root map of [`nested_value_update`].
pub const COLLECTION: &str = "records";
/// The key whose value is nested.
pub const DEEP_KEY: &str = "r1";
/// A key beside it with an ordinary string value ([`ORDINARY_VALUE`]).
pub const ORDINARY_KEY: &str = "r2";
/// The value of [`ORDINARY_KEY`].
pub const ORDINARY_VALUE: &str = "秦古 ordinary";

/// An update of client 7 that sets `records.r1` to a value nested `levels` deep
/// (`[[…null…]]`: `levels - 1` arrays around a null, 2 bytes a level) and `records.r2` to
/// an ordinary string. 26,000 levels make the 52 KB update of the relay's finding.
pub fn nested_value_update(levels: usize) -> Vec<u8> {
    let doc = Doc::with_client_id(7);
    let map = doc.get_or_insert_map(COLLECTION);
    let mut txn = doc.transact_mut();
    map.insert(&mut txn, DEEP_KEY, MARKER);
    map.insert(&mut txn, ORDINARY_KEY, ORDINARY_VALUE);
    let bytes = txn.encode_update_v1();
    drop(txn);
    deepen(&bytes, levels)
}

/// The string a test writes where [`deepen`] is to put the deep value.
pub const MARKER: &str = "@@DEEP@@";

/// `update` with its first string value [`MARKER`] replaced by a value nested `levels`
/// deep (`levels - 1` arrays around a null). Unchanged when the marker is not in it.
pub fn deepen(update: &[u8], levels: usize) -> Vec<u8> {
    // The string value as lib0 `Any`: tag 119, length 8, the bytes.
    let marker = [&[119u8, MARKER.len() as u8][..], MARKER.as_bytes()].concat();
    let Some(at) = update.windows(marker.len()).position(|w| w == marker) else {
        return update.to_vec();
    };
    let mut deep = Vec::with_capacity(update.len() + 2 * levels);
    deep.extend_from_slice(&update[..at]);
    for _ in 1..levels {
        deep.extend_from_slice(&[117, 1]);
    }
    deep.push(126);
    deep.extend_from_slice(&update[at + marker.len()..]);
    deep
}
