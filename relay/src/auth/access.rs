//! The rights of a token on a document, with the county facts the rules need (which region
//! a station is in) read from the county directory in storage and cached for a few seconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use liandong_core::access::{self, Rights};
use liandong_core::docs::Directory;
use liandong_core::org::Organisation;
use liandong_core::{DocumentId, DocumentKind};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

use super::Claims;
use crate::store::Store;

/// How long a county's directory is reused for access checks.
const CACHE_TTL: Duration = Duration::from_secs(5);

/// County code → when its directory was read, and what it held.
type Cache = HashMap<String, (Instant, Arc<Organisation>)>;

/// Reads county directories for access checks.
#[derive(Clone)]
pub struct Access {
    store: Arc<dyn Store>,
    cache: Arc<Mutex<Cache>>,
}

impl Access {
    /// Access checks over the documents of `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store, cache: Arc::new(Mutex::new(HashMap::new())) }
    }

    /// The organisation of `county` as stored (empty if the county has no directory).
    pub async fn organisation(&self, county: &str) -> Arc<Organisation> {
        if let Some((at, org)) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(county)
            && at.elapsed() < CACHE_TTL
        {
            return org.clone();
        }
        let org = Arc::new(self.read_directory(county).await);
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).insert(county.to_owned(), (Instant::now(), org.clone()));
        org
    }

    async fn read_directory(&self, county: &str) -> Organisation {
        let id = DocumentId::directory(county).to_string();
        let doc = Doc::new();
        match self.store.load(&id).await {
            Ok(stored) => {
                let mut txn = doc.transact_mut();
                for bytes in stored.updates {
                    if let Ok(update) = Update::decode_v1(&bytes) {
                        let _ = txn.apply_update(update);
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, county, "cannot read the county directory for access checks"),
        }
        Organisation::read(&Directory::new(doc), &[]).0
    }

    /// The rights of `claims` on document `doc`.
    pub async fn rights(&self, claims: &Claims, doc: &DocumentId) -> Rights {
        let org = if matches!(doc.kind, DocumentKind::Roster | DocumentKind::Community) {
            self.organisation(&claims.county).await
        } else {
            Arc::new(Organisation::default())
        };
        access::rights(&claims.post(), doc, org.as_ref())
    }
}
