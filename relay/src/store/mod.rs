//! Durable storage of documents behind one trait, so a county that outgrows one machine can
//! put documents in PostgreSQL; the embedded SQLite store ([`sqlite`]) is the default and
//! [`memory`] serves tests and the fuzzer.
//!
//! A document is stored as an append-only log of Yjs updates (lib0 v1) numbered from 1,
//! plus at most one snapshot that replaces every update up to its sequence number.
//! [`Store::append`] returns only once the update is committed: the relay forwards an
//! update to other devices only after that.

pub mod memory;
pub mod sqlite;

use async_trait::async_trait;

/// A document as stored: the snapshot (if any) followed by the later updates, and the
/// sequence number of the last of them (0 for an empty document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDoc {
    /// Updates to apply in order; the first is the snapshot when there is one.
    pub updates: Vec<Vec<u8>>,
    /// Sequence number of the last update (or snapshot).
    pub last_seq: u64,
    /// Number of log entries after the snapshot (what compaction would fold).
    pub log_len: usize,
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
    /// Replaces the log entries of `doc` up to `upto` with `snapshot` (the full state at
    /// `upto`) in one transaction. Later entries stay.
    async fn compact(&self, doc: &str, snapshot: Vec<u8>, upto: u64) -> Result<(), StoreError>;
    /// Makes everything committed durable in the main file (on shutdown).
    async fn flush(&self) -> Result<(), StoreError>;
    /// Every document id stored.
    async fn documents(&self) -> Result<Vec<String>, StoreError>;
}
