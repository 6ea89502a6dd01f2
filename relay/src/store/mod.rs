//! Durable storage of documents behind one trait, so a county that outgrows one machine can
//! put documents in PostgreSQL; the embedded SQLite store ([`sqlite`]) is the default and
//! [`memory`] serves tests and the fuzzer.
//!
//! A document is stored as an append-only log of Yjs updates (lib0 v1) numbered from 1.
//! [`Store::append`] returns only once the update is committed: the relay forwards an
//! update to other devices only after that. Compaction replaces runs of consecutive
//! entries by their merge (a snapshot of that stretch of history), each at most
//! [`BUCKET_BYTES`], so a device that is far behind can be sent the history in pieces and
//! see progress ([`crate::catch_up`]).

pub mod memory;
pub mod sqlite;

use async_trait::async_trait;

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

/// Groups `entries` (sequence number, update; ascending) into runs of at most
/// [`BUCKET_BYTES`] and merges each run of two or more. An entry larger than the limit
/// stays alone; a run whose merge fails (a damaged entry) is left as it is.
pub fn merge_runs(entries: &[(u64, Vec<u8>)]) -> Vec<MergedRun> {
    let mut runs: Vec<Vec<&(u64, Vec<u8>)>> = Vec::new();
    let mut size = 0;
    for entry in entries {
        match runs.last_mut() {
            Some(run) if size + entry.1.len() <= BUCKET_BYTES => {
                run.push(entry);
                size += entry.1.len();
            }
            _ => {
                runs.push(vec![entry]);
                size = entry.1.len();
            }
        }
    }
    runs.into_iter()
        .filter(|run| run.len() > 1)
        .filter_map(|run| {
            let update = yrs::merge_updates_v1(run.iter().map(|(_, u)| u.as_slice())).ok()?;
            Some(MergedRun { seqs: run.iter().map(|(s, _)| *s).collect(), update })
        })
        .collect()
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
    /// Loads document `doc`; an unknown document is empty (nothing is written).
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
}
