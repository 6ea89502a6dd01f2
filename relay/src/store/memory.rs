//! A [`Store`] in memory, for tests and the fuzzer. Nothing survives the process.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use super::{Store, StoreError, StoredDoc, merge_runs, readable_log};

#[derive(Default)]
struct Doc {
    log: Vec<(u64, Vec<u8>)>,
    next: u64,
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
        let updates = readable_log(doc, d.log.iter().map(|(_, u)| u.clone()).collect());
        let last_seq = d.log.last().map_or(0, |(s, _)| *s);
        Ok(StoredDoc { updates, last_seq, log_len: d.log.len() })
    }

    async fn append(&self, doc: &str, update: Vec<u8>) -> Result<u64, StoreError> {
        let mut docs = self.lock();
        let d = docs.entry(doc.to_owned()).or_default();
        d.next += 1;
        d.log.push((d.next, update));
        Ok(d.next)
    }

    async fn compact(&self, doc: &str, upto: u64) -> Result<(), StoreError> {
        let mut docs = self.lock();
        let Some(d) = docs.get_mut(doc) else { return Ok(()) };
        let head: Vec<(u64, Vec<u8>)> = d.log.iter().filter(|(s, _)| *s <= upto).cloned().collect();
        for run in merge_runs(&head) {
            d.log.retain(|(s, _)| !run.seqs[..run.seqs.len() - 1].contains(s));
            if let Some(entry) = d.log.iter_mut().find(|(s, _)| Some(s) == run.seqs.last()) {
                entry.1 = run.update;
            }
        }
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

    async fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let mut docs = self.lock();
        if docs.get(to).is_some_and(|d| !d.log.is_empty()) {
            return Err(StoreError::Database(format!("{to} already has entries")));
        }
        if let Some(d) = docs.remove(from) {
            docs.insert(to.to_owned(), d);
        }
        Ok(())
    }
}
