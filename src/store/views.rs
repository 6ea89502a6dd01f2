//! Screens' snapshots in the `views` object store: bytes by name (e.g.
//! `command-board/desheng`), written by the screen after it read its documents in full and
//! read back at a reload before the documents are decoded (`pages/command/snapshot.rs`).
//! Each name holds one snapshot; a new one replaces it.
//!
//! Beside each snapshot, under `{name}#stamps`, the stamps of the documents it was made
//! from: each document's last update number in `updates` (text, a line `doc-id n` each). That
//! number only grows (an append takes the next one; a merge keeps the last), so a snapshot
//! whose stamps all still hold was made from what storage holds now, and one whose stamps
//! do not is older than storage and is not shown ([`Store::current_views`]).

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::typed_array::Uint8Array;
use wasm_bindgen::JsValue;

use super::{Store, StoreError, UPDATES, VIEWS};

/// Each document's last update number in `updates` (0: none stored).
pub type Stamps = HashMap<String, f64>;

/// The key of `name`'s stamps.
fn stamps_key(name: &str) -> String {
    format!("{name}#stamps")
}

/// The stamps of every document in `updates`, from its keys `[doc, n]`.
async fn stamps_of(store: &indexed_db_futures::object_store::ObjectStore<'_>) -> Result<Stamps, StoreError> {
    let mut stamps = Stamps::new();
    for key in store.get_all_keys::<JsValue>().primitive()?.await? {
        let key = key?;
        let doc = js_sys::Reflect::get(&key, &JsValue::from_f64(0.0)).ok().and_then(|d| d.as_string());
        let n = js_sys::Reflect::get(&key, &JsValue::from_f64(1.0)).ok().and_then(|n| n.as_f64());
        if let (Some(doc), Some(n)) = (doc, n) {
            let last = stamps.entry(doc).or_insert(n);
            *last = last.max(n);
        }
    }
    Ok(stamps)
}

/// `doc`'s stamp as written in a snapshot's stamps: a whole number (update numbers are
/// IndexedDB's integer keys), so no float formatting or parsing is linked into the Wasm.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn stamp(stamps: &Stamps, doc: &str) -> u64 {
    stamps.get(doc).copied().unwrap_or(0.0) as u64
}

impl Store {
    /// Every snapshot made from what storage holds now, by name; the others are left out
    /// (one read-only transaction over the snapshots and the documents' keys).
    pub async fn current_views(&self) -> Result<HashMap<String, Vec<u8>>, StoreError> {
        let tx = self.db.transaction([VIEWS, UPDATES]).with_mode(TransactionMode::Readonly).build()?;
        let now = stamps_of(&tx.object_store(UPDATES)?).await?;
        let views = tx.object_store(VIEWS)?;
        let names = views.get_all_keys::<String>().primitive()?.await?;
        let values = views.get_all::<JsValue>().primitive()?.await?;
        // Both lists are in key order: `name` before `name#stamps`.
        let entries: HashMap<String, JsValue> =
            names.zip(values).filter_map(|(k, v)| Some((k.ok()?, v.ok()?))).collect();
        let mut out = HashMap::new();
        for (name, value) in &entries {
            let Some(stamps) = entries.get(&stamps_key(name)).and_then(JsValue::as_string) else { continue };
            let holds = |line: &str| {
                let Some((doc, n)) = line.rsplit_once(' ') else { return false };
                n.parse::<u64>().is_ok_and(|n| stamp(&now, doc) == n)
            };
            if stamps.lines().all(holds) {
                out.insert(name.clone(), js_sys::Uint8Array::new(value).to_vec());
            }
        }
        Ok(out)
    }

    /// The snapshot named `name`, if one was written and it was made from what storage
    /// holds now.
    pub async fn get_view(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.current_views().await?.remove(name))
    }

    /// Replaces the snapshot named `name`, made from the documents `docs`, with their
    /// stamps as storage holds them now; returns once it is committed.
    pub async fn put_view(&self, name: &str, docs: &[String], bytes: &[u8]) -> Result<(), StoreError> {
        let tx = self.db.transaction([VIEWS, UPDATES]).with_mode(TransactionMode::Readwrite).build()?;
        let now = stamps_of(&tx.object_store(UPDATES)?).await?;
        let stamps: String = docs.iter().map(|d| format!("{d} {}\n", stamp(&now, d))).collect();
        let views = tx.object_store(VIEWS)?;
        views.put(Uint8Array::from(bytes.to_vec())).with_key(name).primitive()?.await?;
        views.put(stamps).with_key(stamps_key(name)).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }
}
