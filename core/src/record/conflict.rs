//! Concurrent writes of one field: detection through write markers.
//!
//! Yjs resolves concurrent writes of one map key deterministically (one value wins on every
//! replica) but does not say that it happened. So an edit of an existing record also
//! writes, per changed field `f`, a marker key `~f~{client id}` holding the write time
//! (Unix ms), after deleting every marker of `f` it can see. A writer only deletes markers
//! it has seen, so after a merge the markers of `f` are exactly the writes that did not
//! know of each other: more than one marker means the field was written concurrently.
//! The next edit of `f` by anyone who has seen them all clears the conflict again.
//!
//! Creating a record writes no markers: nobody else can know a fresh id yet.

use serde::Serialize;
use yrs::{Map, MapRef, ReadTxn, TransactionMut};

use super::value::to_json;

/// First character of every marker key.
pub const MARKER_PREFIX: char = '~';

/// One field of one record that was written concurrently by several devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldConflict {
    /// The field, e.g. `"title"`.
    pub field: String,
    /// The concurrent writers: Yjs client id and write time (Unix ms), oldest first.
    pub writers: Vec<(u64, i64)>,
}

fn marker(field: &str, client: u64) -> String {
    format!("{MARKER_PREFIX}{field}{MARKER_PREFIX}{client}")
}

/// Splits a marker key into its field and client id.
fn parse_marker(key: &str) -> Option<(&str, u64)> {
    let rest = key.strip_prefix(MARKER_PREFIX)?;
    let (field, client) = rest.rsplit_once(MARKER_PREFIX)?;
    Some((field, client.parse().ok()?))
}

/// Records that `client` wrote `field` of `record` at `at_ms`, replacing the markers of
/// `field` this replica has seen.
pub fn mark_write(txn: &mut TransactionMut, record: &MapRef, field: &str, client: u64, at_ms: i64) {
    let seen: Vec<String> =
        record.keys(txn).filter(|k| parse_marker(k).is_some_and(|(f, _)| f == field)).map(str::to_owned).collect();
    for key in seen {
        record.remove(txn, &key);
    }
    record.insert(txn, marker(field, client), at_ms);
}

/// The fields of `record` that were written concurrently, by field name.
pub fn conflicts<T: ReadTxn>(txn: &T, record: &MapRef) -> Vec<FieldConflict> {
    let mut by_field: std::collections::BTreeMap<String, Vec<(u64, i64)>> = Default::default();
    for (key, value) in record.iter(txn) {
        if let Some((field, client)) = parse_marker(key) {
            let at = match value {
                yrs::Out::Any(any) => to_json(&any).as_i64().unwrap_or(0),
                _ => 0,
            };
            by_field.entry(field.to_owned()).or_default().push((client, at));
        }
    }
    by_field
        .into_iter()
        .filter(|(_, writers)| writers.len() > 1)
        .map(|(field, mut writers)| {
            crate::sort::by_key(&mut writers, |&(client, at)| (at, client));
            FieldConflict { field, writers }
        })
        .collect()
}

/// The Yjs client ids whose field edits of `record` are still marked (the last edit of each
/// changed field, and every concurrent one), oldest write first, each client once.
pub fn editors<T: ReadTxn>(txn: &T, record: &MapRef) -> Vec<u64> {
    let mut writes: Vec<(i64, u64)> = record
        .iter(txn)
        .filter_map(|(key, value)| {
            let (_, client) = parse_marker(key)?;
            let at = match value {
                yrs::Out::Any(any) => to_json(&any).as_i64().unwrap_or(0),
                _ => 0,
            };
            Some((at, client))
        })
        .collect();
    crate::sort::natural(&mut writes);
    let mut clients: Vec<u64> = Vec::new();
    for (_, client) in writes {
        if !clients.contains(&client) {
            clients.push(client);
        }
    }
    clients
}

/// Whether `key` is a marker rather than a record field.
pub fn is_marker(key: &str) -> bool {
    key.starts_with(MARKER_PREFIX)
}
