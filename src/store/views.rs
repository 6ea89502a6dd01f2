//! Screens' snapshots in the `views` object store: bytes by name (e.g.
//! `command-board/desheng`), written by the screen after it read its documents in full and
//! read back at a reload before the documents are decoded (`pages/command/snapshot.rs`).
//! Each name holds one snapshot; a new one replaces it.

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::typed_array::Uint8Array;

use super::{Store, StoreError, VIEWS};

impl Store {
    /// The snapshot named `name`, if one was written.
    pub async fn get_view(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.db.transaction(VIEWS).with_mode(TransactionMode::Readonly).build()?;
        let value: Option<Uint8Array> = tx.object_store(VIEWS)?.get(name).primitive()?.await?;
        Ok(value.map(|a| a.to_vec()))
    }

    /// Every snapshot, by name (one read-only transaction).
    pub async fn all_views(&self) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        let tx = self.db.transaction(VIEWS).with_mode(TransactionMode::Readonly).build()?;
        let store = tx.object_store(VIEWS)?;
        let names = store.get_all_keys::<String>().primitive()?.await?;
        let values = store.get_all::<Uint8Array>().primitive()?.await?;
        // Both lists are in key order.
        names.zip(values).map(|(name, value)| Ok((name?, value?.to_vec()))).collect()
    }

    /// Replaces the snapshot named `name`; returns once it is committed.
    pub async fn put_view(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let tx = self.db.transaction(VIEWS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(VIEWS)?.put(Uint8Array::from(bytes.to_vec())).with_key(name).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }
}
