//! Durable storage of documents behind one trait, so that another backend (PostgreSQL, for a
//! county that outgrows one machine) can be added without touching the rooms; none is
//! written yet. The embedded SQLite store ([`sqlite`]) is the durable one and [`memory`]
//! serves tests and the fuzzer.
//!
//! Documents are stored under county-qualified keys ([`keys`]): the same region or station
//! code in two counties served by one relay names two documents.
//!
//! A document is stored as an append-only log of Yjs updates (lib0 v1) numbered from 1.
//! [`Store::append`] returns only once the update is committed: the relay forwards an
//! update to other devices only after that. Compaction replaces runs of consecutive
//! entries by their merge (a snapshot of that stretch of history), each at most
//! [`BUCKET_BYTES`], so a device that is far behind can be sent the history in pieces and
//! see progress ([`crate::catch_up`]).

pub mod keys;
pub mod memory;
pub mod sqlite;

use std::borrow::Cow;

use async_trait::async_trait;
use liandong_core::update_guard;

/// Compaction merges consecutive log entries into pieces of at most this many bytes
/// (64 KiB: about 10 s at 50 kbit/s, so progress shows on the slowest rural links).
pub const BUCKET_BYTES: usize = 64 * 1024;

/// A document as stored: its log entries in order, and the sequence number of the last
/// (0 for an empty document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDoc {
    /// Updates to apply in order.
    pub updates: Vec<Vec<u8>>,
    /// Sequence number of the last entry.
    pub last_seq: u64,
    /// Number of entries.
    pub log_len: usize,
}

/// A run of consecutive log entries merged into one: the sequence numbers it replaces (the
/// merged entry takes the last) and the merged update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedRun {
    /// Sequence numbers of the entries merged, ascending; the merge is stored under the last.
    pub seqs: Vec<u64>,
    /// The merged update (lib0 v1).
    pub update: Vec<u8>,
}

/// A stored log entry made safe to decode: a value nested deeper than the limit (stored
/// before the relay refused them, or by another relay) becomes `undefined`
/// ([`update_guard::readable`]). `None` for an entry the guard cannot read through, which
/// yrs must not be given either.
pub fn readable(doc: &str, entry: &[u8]) -> Option<Vec<u8>> {
    match update_guard::readable(entry) {
        Some(Cow::Borrowed(_)) => Some(entry.to_vec()),
        Some(Cow::Owned(fixed)) => {
            tracing::warn!(doc, "a stored update holds a value nested too deep; it is read as undefined");
            Some(fixed)
        }
        None => {
            tracing::error!(doc, bytes = entry.len(), "a stored update cannot be read safely; it is left out");
            None
        }
    }
}

/// [`readable`] over a whole log, leaving out what cannot be read.
pub fn readable_log(doc: &str, entries: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    entries.iter().filter_map(|entry| readable(doc, entry)).collect()
}

/// Groups `entries` (sequence number, update; ascending) into runs of at most
/// [`BUCKET_BYTES`] and merges each run of two or more. An entry larger than the limit
/// stays alone; a run whose merge fails (a damaged entry) is left as it is. Entries go
/// through [`readable`] first, so a merge also repairs a value stored too deep; a run with
/// an entry that cannot be read safely is left as it is.
pub fn merge_runs(entries: &[(u64, Vec<u8>)]) -> Vec<MergedRun> {
    let entries: Vec<Entry> = entries.iter().map(|(seq, update)| (*seq, readable("(compaction)", update))).collect();
    let mut runs: Vec<Vec<&Entry>> = Vec::new();
    let mut size = 0;
    for entry in &entries {
        match runs.last_mut() {
            Some(run) if size + entry_len(entry) <= BUCKET_BYTES => {
                run.push(entry);
                size += entry_len(entry);
            }
            _ => {
                runs.push(vec![entry]);
                size = entry_len(entry);
            }
        }
    }
    runs.into_iter()
        .filter(|run| run.len() > 1)
        .filter_map(|run| {
            let updates: Option<Vec<&[u8]>> = run.iter().map(|(_, u)| u.as_deref()).collect();
            let update = yrs::merge_updates_v1(updates?).ok()?;
            Some(MergedRun { seqs: run.iter().map(|(s, _)| *s).collect(), update })
        })
        .collect()
}

/// A log entry during compaction: its sequence number and its readable bytes (`None`: it
/// cannot be read safely and is left as it is).
type Entry = (u64, Option<Vec<u8>>);

fn entry_len(entry: &Entry) -> usize {
    entry.1.as_ref().map_or(usize::MAX / 2, Vec::len)
}

/// Why storage failed: the disk is full or broken, or the database is damaged.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An error of the database.
    #[error("storage: {0}")]
    Database(String),
    /// The storage task has stopped (shutting down).
    #[error("storage is closed")]
    Closed,
}

/// Where documents live.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Loads document `doc`; an unknown document is empty (nothing is written). Entries
    /// come out [`readable`], safe to decode.
    async fn load(&self, doc: &str) -> Result<StoredDoc, StoreError>;
    /// Appends `update` to `doc`'s log and returns its sequence number once committed.
    async fn append(&self, doc: &str, update: Vec<u8>) -> Result<u64, StoreError>;
    /// Merges the log entries of `doc` up to `upto` into runs ([`merge_runs`]) in one
    /// transaction. Later entries stay.
    async fn compact(&self, doc: &str, upto: u64) -> Result<(), StoreError>;
    /// Makes everything committed durable in the main file (on shutdown).
    async fn flush(&self) -> Result<(), StoreError>;
    /// Every document id stored.
    async fn documents(&self) -> Result<Vec<String>, StoreError>;
    /// Moves the log of `from` to `to` in one transaction (the key migration of
    /// [`keys::migrate`]). Errors when `to` already has entries.
    async fn rename(&self, from: &str, to: &str) -> Result<(), StoreError>;
}

#[cfg(test)]
mod tests {
    use liandong_core::update_guard::{self, fixtures};
    use yrs::updates::decoder::Decode;
    use yrs::{Doc, Map, Transact, Update};

    use super::*;

    #[tokio::test]
    async fn loading_and_compaction_repair_a_value_stored_too_deep() {
        let store = memory::MemoryStore::new();
        let doc = Doc::with_client_id(8);
        let later = {
            let map = doc.get_or_insert_map(fixtures::COLLECTION);
            let mut txn = doc.transact_mut();
            map.insert(&mut txn, "r3", "后来的记录");
            txn.encode_update_v1()
        };
        store.append("d", fixtures::nested_value_update(20_000)).await.expect("append");
        store.append("d", later).await.expect("append");

        let loaded = store.load("d").await.expect("load");
        assert!(loaded.updates.iter().all(|u| update_guard::check(u).is_ok()), "loading repairs");
        store.compact("d", 2).await.expect("compact");
        let compacted = store.load("d").await.expect("load");
        assert_eq!(compacted.updates.len(), 1, "the two entries merged");
        let replay = Doc::new();
        for u in &compacted.updates {
            replay.transact_mut().apply_update(Update::decode_v1(u).expect("decode")).expect("apply");
        }
        let map = replay.get_or_insert_map(fixtures::COLLECTION);
        let txn = replay.transact();
        let value = |key: &str| map.get(&txn, key).map(|v| v.to_string(&txn));
        assert_eq!(value(fixtures::DEEP_KEY).as_deref(), Some("undefined"));
        assert_eq!(value(fixtures::ORDINARY_KEY).as_deref(), Some(fixtures::ORDINARY_VALUE));
        assert_eq!(value("r3").as_deref(), Some("后来的记录"));
    }
}
