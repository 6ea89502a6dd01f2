//! The only door to IndexedDB: database `liandong` (docs/architecture.md "Where data lives").
//!
//! Object stores (schema version [`SCHEMA_VERSION`]):
//! - `settings`: the device's small key-value store (strings by name): its access token.
//! - `updates`: each document's log of Yjs updates (lib0 v1 bytes as `Uint8Array`), keyed
//!   `[document id, sequence number]`; see [`doc_log`].
//! - `pending`: per document, the local changes not yet confirmed by the relay (JSON).
//! - `views`: snapshots of what a screen read from documents (bytes by name), so a reload
//!   can show it before the documents are decoded; see [`views`]. A cache: removed with
//!   the documents at sign-out, thrown away when it does not read.
//!
//! Every call returns a [`StoreError`] in plain words instead of panicking; the UI shows it
//! and the caller reopens the database when the browser closed it under the app.

pub mod doc_log;
pub mod views;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

/// Name of the app's IndexedDB database.
pub const DB_NAME: &str = "liandong";
/// IndexedDB schema version; raise it when an object store is added.
pub const SCHEMA_VERSION: u32 = 3;
/// Object store of the device's key-value settings.
const SETTINGS: &str = "settings";
/// Object store of document update logs.
const UPDATES: &str = "updates";
/// Object store of unconfirmed local changes per document.
const PENDING: &str = "pending";
/// Object store of screens' snapshots ([`views`]).
const VIEWS: &str = "views";

/// What went wrong talking to IndexedDB. The `Display` text is for logs (English, with the
/// browser's detail); the officer sees the words of the storage banner
/// (`components/storage_banner.rs`, locale keys `storage_*`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened (private mode, blocked by another tab, disabled).
    #[error("the device's storage cannot be opened: {0}")]
    Open(String),
    /// The device's storage for this site is full (QuotaExceededError).
    #[error("the device's storage is full")]
    Full,
    /// The browser closed the database (site data cleared, another tab upgraded it).
    #[error("the browser closed the device's storage")]
    Closed,
    /// Any other failure of a read or write.
    #[error("a read or write of the device's storage failed: {0}")]
    Request(String),
    /// A newer build of the app opened the database in another tab and upgraded it; this
    /// page closed its connection so the upgrade could go ahead and must be reloaded.
    #[error("a newer build of the app upgraded the device's storage in another tab")]
    Superseded,
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::Open(e.to_string())
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        classify(&e.to_string())
    }
}

/// Maps a DOM error's text to a kind.
fn classify(text: &str) -> StoreError {
    if text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::Full
    } else if text.contains("InvalidStateError") || text.contains("closing") || text.contains("closed") {
        StoreError::Closed
    } else {
        StoreError::Request(text.to_owned())
    }
}

/// An open connection to the app's database.
pub struct Store {
    db: Database,
}

impl Store {
    /// Opens (and if needed creates or upgrades) the database [`DB_NAME`].
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(DB_NAME).await
    }

    /// Opens a database of the app's schema under another name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version();
                if old < 1.0 {
                    db.create_object_store(SETTINGS).build()?;
                }
                if old < 2.0 {
                    db.create_object_store(UPDATES).build()?;
                    db.create_object_store(PENDING).build()?;
                }
                if old < 3.0 {
                    db.create_object_store(VIEWS).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(Self { db })
    }

    /// Calls `superseded` once a newer build asks to upgrade the database (an IndexedDB
    /// `versionchange` from another tab), after closing this connection so the upgrade is
    /// not blocked. Without this the newer tab would wait until this one is closed.
    pub fn on_newer_version(&self, superseded: impl FnOnce() + 'static) -> Result<(), StoreError> {
        let mut changes = self.db.version_changes()?;
        wasm_bindgen_futures::spawn_local(async move {
            if changes.recv().await.is_some() {
                changes.db().clone().close();
                superseded();
            }
        });
        Ok(())
    }

    /// Reads the setting `key`; `None` when it was never written.
    pub async fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(SETTINGS).with_mode(TransactionMode::Readonly).build()?;
        let value: Option<String> = tx.object_store(SETTINGS)?.get(key).primitive()?.await?;
        Ok(value)
    }

    /// Writes the setting `key`; returns once the transaction has committed.
    pub async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(SETTINGS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(SETTINGS)?.put(value).with_key(key).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes the setting `key`.
    pub async fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(SETTINGS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(SETTINGS)?.delete(key).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes every document, pending change and snapshot (sign-out); settings stay.
    pub async fn clear_documents(&self) -> Result<(), StoreError> {
        let tx = self.db.transaction([UPDATES, PENDING, VIEWS]).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(UPDATES)?.clear()?.await?;
        tx.object_store(PENDING)?.clear()?.await?;
        tx.object_store(VIEWS)?.clear()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// The underlying connection (to watch for it closing).
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// Closes the connection (other tabs may then upgrade or delete the database).
    pub fn close(self) {
        self.db.close();
    }
}
