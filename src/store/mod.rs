//! The only door to IndexedDB: database `liandong` (DESIGN.md "Storage").
//!
//! Object stores (schema version [`SCHEMA_VERSION`]):
//! - `settings`: the device's small key-value store (strings keyed by name), for its
//!   access token and preferences with domain meaning.
//!
//! Every call returns a [`StoreError`] in plain words instead of panicking; the UI shows it.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

/// Name of the app's IndexedDB database.
pub const DB_NAME: &str = "liandong";
/// IndexedDB schema version; raise it when an object store is added.
pub const SCHEMA_VERSION: u32 = 1;
/// Object store of the device's key-value settings.
const SETTINGS: &str = "settings";

/// What went wrong talking to IndexedDB, in words an officer can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened (private mode, blocked by another tab, disabled).
    #[error("本机存储无法打开 (IndexedDB): {0}")]
    Open(String),
    /// A read or write failed (quota exceeded, connection closed under the app).
    #[error("本机存储读写失败 (IndexedDB): {0}")]
    Request(String),
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::Open(e.to_string())
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        StoreError::Request(e.to_string())
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
                if event.old_version() < 1.0 {
                    db.create_object_store(SETTINGS).build()?;
                }
                Ok(())
            })
            .await?;
        Ok(Self { db })
    }

    /// Reads the setting `key`; `None` when it was never written.
    pub async fn get_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(SETTINGS).with_mode(TransactionMode::Readonly).build()?;
        let value: Option<String> = tx.object_store(SETTINGS)?.get(key).primitive()?.await?;
        Ok(value)
    }

    /// Writes the setting `key`; returns once the transaction has committed to disk.
    pub async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(SETTINGS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(SETTINGS)?.put(value).with_key(key).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes the connection (other tabs may then upgrade or delete the database).
    pub fn close(self) {
        self.db.close();
    }
}
