//! A [`Store`] in memory, for tests and the fuzzer. Nothing survives the process.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use super::{Store, StoreError, StoredDoc};

#[derive(Default)]
struct Doc {
    snapshot: Option<(u64, Vec<u8>)>,
    log: Vec<(u64, Vec<u8>)>,
}

/// Documents in a map.
#[derive(Default)]
pub struct MemoryStore {
    docs: Mutex<HashMap<String, Doc>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Doc>> {
        self.docs.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn load(&self, doc: &str) -> Result<StoredDoc, StoreError> {
        let docs = self.lock();
        let Some(d) = docs.get(doc) else { return Ok(StoredDoc::default()) };
        let mut updates: Vec<Vec<u8>> = d.snapshot.iter().map(|(_, s)| s.clone()).collect();
        updates.extend(d.log.iter().map(|(_, u)| u.clone()));
        let last_seq = d.log.last().map(|(s, _)| *s).or(d.snapshot.as_ref().map(|(s, _)| *s)).unwrap_or(0);
        Ok(StoredDoc { updates, last_seq, log_len: d.log.len() })
    }

    async fn append(&self, doc: &str, update: Vec<u8>) -> Result<u64, StoreError> {
        let mut docs = self.lock();
        let d = docs.entry(doc.to_owned()).or_default();
        let seq = d.log.last().map(|(s, _)| *s).or(d.snapshot.as_ref().map(|(s, _)| *s)).unwrap_or(0) + 1;
        d.log.push((seq, update));
        Ok(seq)
    }

    async fn compact(&self, doc: &str, snapshot: Vec<u8>, upto: u64) -> Result<(), StoreError> {
        let mut docs = self.lock();
        let d = docs.entry(doc.to_owned()).or_default();
        d.log.retain(|(s, _)| *s > upto);
        d.snapshot = Some((upto, snapshot));
        Ok(())
    }

    async fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }

    async fn documents(&self) -> Result<Vec<String>, StoreError> {
        let mut ids: Vec<String> = self.lock().keys().cloned().collect();
        ids.sort();
        Ok(ids)
    }
}
