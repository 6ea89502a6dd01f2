//! Each document's update log in the `updates` object store, and its pending changes.
//!
//! Keys are `[document id, n]` with `n` counting from 1; a new entry takes the next number
//! inside its own read-write transaction, so two tabs appending at once never collide
//! (IndexedDB runs transactions on one store one after the other). [`Store::compact`]
//! merges all entries of a document into one in a single transaction, so a concurrent
//! append from another tab is either in the merge or stays after it. Loading compacts when
//! there is more than one entry, so reopening a document never grows the log.

use indexed_db_futures::KeyRange;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::typed_array::Uint8Array;
use wasm_bindgen::JsValue;

use liandong_core::update_guard::{self, Repairs};

use super::{PENDING, Store, StoreError, UPDATES};

/// Entries past which a document's log is merged while the app runs.
pub const COMPACT_AFTER: usize = 100;

fn key(doc: &str, n: f64) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(doc), &JsValue::from_f64(n)).into()
}

fn range(doc: &str) -> KeyRange<JsValue> {
    KeyRange::Bound(key(doc, 0.0), false, key(doc, f64::MAX), false)
}

/// The sequence number of an entry key `[doc, n]`.
fn seq_of(key: &JsValue) -> f64 {
    js_sys::Reflect::get(key, &JsValue::from_f64(1.0)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// The stored updates of `doc` made safe to decode ([`update_guard::readable_log`]): a
/// value nested too deep (written before the relay refused them, or by another relay)
/// becomes `undefined`, so the record holding it reads as unreadable and the rest of the
/// document works; an update that cannot be read safely is left out.
fn readable(doc: &str, values: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let (values, repairs) = update_guard::readable_log(values.iter().map(Vec::as_slice));
    if repairs != Repairs::default() {
        leptos::logging::warn!(
            "{doc}: {} stored updates repaired, {} left out as unreadable",
            repairs.fixed,
            repairs.dropped
        );
    }
    values
}

impl Store {
    /// The updates of `doc` in order (empty for a document never stored).
    pub async fn load_updates(&self, doc: &str) -> Result<Vec<Vec<u8>>, StoreError> {
        let tx = self.db.transaction(UPDATES).with_mode(TransactionMode::Readonly).build()?;
        let store = tx.object_store(UPDATES)?;
        let values = store.get_all::<Uint8Array>().with_query::<JsValue, _>(range(doc)).primitive()?.await?;
        let values: Vec<Vec<u8>> =
            values.map(|v| v.map(|a| a.to_vec()).map_err(StoreError::from)).collect::<Result<_, _>>()?;
        Ok(readable(doc, &values))
    }

    /// Opens `doc` as the app does: merges its log into one entry when it has several, then
    /// returns the updates (so opening a document never grows its log).
    pub async fn load_compacted(&self, doc: &str) -> Result<Vec<Vec<u8>>, StoreError> {
        self.compact(doc, 1).await?;
        self.load_updates(doc).await
    }

    /// Number of entries of `doc`.
    pub async fn count(&self, doc: &str) -> Result<usize, StoreError> {
        let tx = self.db.transaction(UPDATES).with_mode(TransactionMode::Readonly).build()?;
        let n = tx.object_store(UPDATES)?.count().with_query::<JsValue, _>(range(doc)).primitive()?.await?;
        Ok(n as usize)
    }

    /// Appends `update` to `doc`'s log; returns once it is committed to disk.
    pub async fn append(&self, doc: &str, update: &[u8]) -> Result<(), StoreError> {
        let tx = self.db.transaction(UPDATES).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(UPDATES)?;
        let keys = store.get_all_keys::<JsValue>().with_query::<JsValue, _>(range(doc)).primitive()?.await?;
        let last = keys.filter_map(Result::ok).map(|k| seq_of(&k)).fold(0.0, f64::max);
        store.put(Uint8Array::from(update.to_vec())).with_key(key(doc, last + 1.0)).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Merges every entry of `doc` into one when there are more than `threshold`, in one
    /// transaction. Returns the number of entries before.
    pub async fn compact(&self, doc: &str, threshold: usize) -> Result<usize, StoreError> {
        let tx = self.db.transaction(UPDATES).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(UPDATES)?;
        let keys: Vec<JsValue> = store
            .get_all_keys::<JsValue>()
            .with_query::<JsValue, _>(range(doc))
            .primitive()?
            .await?
            .filter_map(Result::ok)
            .collect();
        if keys.len() <= threshold.max(1) {
            return Ok(keys.len());
        }
        let values: Vec<Vec<u8>> = store
            .get_all::<Uint8Array>()
            .with_query::<JsValue, _>(range(doc))
            .primitive()?
            .await?
            .map(|v| v.map(|a| a.to_vec()))
            .collect::<Result<_, _>>()?;
        let values = readable(doc, &values);
        let merged = yrs::merge_updates_v1(values.iter().map(Vec::as_slice))
            .map_err(|e| StoreError::Request(format!("stored updates of {doc} do not merge: {e}")))?;
        let last = keys.iter().map(seq_of).fold(0.0, f64::max);
        store.delete::<JsValue, _>(KeyRange::Bound(key(doc, 0.0), false, key(doc, last), true)).primitive()?.await?;
        store.put(Uint8Array::from(merged)).with_key(key(doc, last)).primitive()?.await?;
        tx.commit().await?;
        Ok(keys.len())
    }

    /// The pending-change marks of `doc` as stored (JSON text), if any.
    pub async fn get_pending(&self, doc: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(PENDING).with_mode(TransactionMode::Readonly).build()?;
        let value: Option<String> = tx.object_store(PENDING)?.get(doc).primitive()?.await?;
        Ok(value)
    }

    /// Stores the pending-change marks of `doc` (JSON text).
    pub async fn put_pending(&self, doc: &str, json: &str) -> Result<(), StoreError> {
        let tx = self.db.transaction(PENDING).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(PENDING)?.put(json).with_key(doc).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }
}
