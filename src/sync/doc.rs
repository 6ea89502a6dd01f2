//! One open document on this device: its Yjs `Doc`, loaded from IndexedDB first, and the
//! task that persists every change before the app calls it saved.
//!
//! Changes reach the document from four places, told apart by the transaction origin:
//! the officer (no origin): persisted, marked pending, sent to the relay and to other tabs;
//! the relay ([`ORIGIN_RELAY`]): persisted; another tab ([`ORIGIN_TAB`]): already persisted
//! by that tab; this device's storage while loading ([`ORIGIN_STORAGE`]): nothing to do.
//! The observer only queues; the work happens in [`DocSync::run`], outside the transaction.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::StreamExt;
use futures::channel::mpsc;
use leptos::prelude::*;
use liandong_core::DocumentId;
use liandong_core::update_guard;
use yrs::sync::Awareness;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Origin, Transact, Update as YrsUpdate};

use super::state::Shared;
use super::status::{DocStatus, Mark, confirm};
use super::tabs;
use crate::store::StoreError;
use crate::store::doc_log::COMPACT_AFTER;

/// Origin of updates that came from the relay.
pub const ORIGIN_RELAY: &str = "relay";
/// Origin of updates that came from another tab.
pub const ORIGIN_TAB: &str = "tab";
/// Origin of updates read from this device's storage.
pub const ORIGIN_STORAGE: &str = "storage";

/// During a catch-up in pieces, views re-read the document at most this often (ms).
const REFRESH_DURING_CATCH_UP_MS: f64 = 1_000.0;

/// Least time between two writes of a document's last sync to storage, in ms.
pub const SYNC_SAVE_GAP_MS: f64 = 60_000.0;

/// The settings key of a document's last sync (ms since the epoch, as text).
fn last_sync_key(doc: &str) -> String {
    format!("last_sync:{doc}")
}

/// A `performance.mark` for measuring (benchmarks read them); ignored where unsupported.
pub(super) fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// What the observer queued.
enum Change {
    /// The officer's change: the update and the client clock after it.
    Local(Vec<u8>, u32),
    /// From the relay.
    Relay(Vec<u8>),
    /// From another tab (already stored by it).
    Tab,
}

/// An open document.
pub struct DocSync {
    /// Its id.
    pub id: DocumentId,
    /// The Yjs document.
    pub doc: Doc,
    /// Awareness (who else has the document open).
    pub awareness: RefCell<Awareness>,
    /// Bumped after every change, for views to re-read.
    pub version: RwSignal<u64>,
    /// Sync state for the UI.
    pub status: RwSignal<DocStatus>,
    /// Unconfirmed local changes.
    marks: RefCell<Vec<Mark>>,
    /// Local updates for the relay connection, once persisted.
    pub(super) to_relay: RefCell<Option<mpsc::UnboundedSender<Vec<u8>>>>,
    /// While connected: asks the connection to probe the relay now (the link may be back
    /// after the browser said it was offline; the relay's answer sets the document online).
    pub(super) probe: RefCell<Option<mpsc::UnboundedSender<()>>>,
    changes: RefCell<Option<mpsc::UnboundedReceiver<Change>>>,
    appended: Cell<usize>,
    /// When views were last told to re-read (ms since the epoch), to space refreshes out
    /// during a catch-up in pieces.
    refreshed_at: Cell<f64>,
    /// When [`DocStatus::last_sync`] was last written to storage (ms since the epoch).
    sync_saved_at: Cell<f64>,
    /// Local changes made and not yet written to IndexedDB.
    unsaved: Rc<Cell<usize>>,
}

impl DocSync {
    /// Creates the document and its observer; call [`DocSync::load`] next.
    pub fn new(id: DocumentId, shared: &Shared) -> Result<Rc<Self>, String> {
        let doc = Doc::new();
        let (tx, rx) = mpsc::unbounded();
        let client = doc.client_id();
        let unsaved = Rc::new(Cell::new(0usize));
        let counting = unsaved.clone();
        let owner = shared.owner.clone();
        let shared = shared.clone();
        let observed =
            doc.observe_update_v1("liandong-sync", move |txn: &yrs::TransactionMut, event: &yrs::UpdateEvent| {
                let origin = txn.origin().map(|o: &Origin| o.as_ref().to_vec());
                let change = match origin.as_deref() {
                    None => {
                        counting.set(counting.get() + 1);
                        shared.local_change_queued();
                        Change::Local(event.update.clone(), txn.after_state().get(&client))
                    }
                    Some(o) if o == ORIGIN_RELAY.as_bytes() => Change::Relay(event.update.clone()),
                    Some(o) if o == ORIGIN_TAB.as_bytes() => Change::Tab,
                    Some(_) => return,
                };
                let _ = tx.unbounded_send(change);
            });
        observed.map_err(|e| format!("cannot observe {id}: {e}"))?;
        let now = js_sys::Date::now();
        let (version, status) = owner
            .with(|| (RwSignal::new(0), RwSignal::new(DocStatus { offline_since: Some(now), ..Default::default() })));
        Ok(Rc::new(Self {
            id,
            awareness: RefCell::new(Awareness::with_clock(doc.clone(), || js_sys::Date::now() as u64)),
            doc,
            version,
            status,
            marks: RefCell::new(Vec::new()),
            to_relay: RefCell::new(None),
            probe: RefCell::new(None),
            changes: RefCell::new(Some(rx)),
            appended: Cell::new(0),
            refreshed_at: Cell::new(0.0),
            sync_saved_at: Cell::new(0.0),
            unsaved,
        }))
    }

    /// Loads the document and its pending marks from this device's storage, merging the
    /// stored log into one entry when it has several (so reopening never grows it).
    pub async fn load(self: &Rc<Self>, shared: &Shared) -> Result<(), StoreError> {
        let key = self.id.to_string();
        mark(&format!("liandong:load-start:{key}"));
        let store = shared.store().await?;
        let updates = match store.load_compacted(&key).await {
            Ok(updates) => updates,
            Err(e) => {
                // Merging needs room to write; reading does not. Show the problem, load anyway.
                shared.report_storage(e);
                store.load_updates(&key).await?
            }
        };
        // Decoding is one long task (a 1 MB document: 40–60 ms); let what is waiting go
        // first, such as a screen's code that has just arrived and its first frame (the
        // board from its snapshot: bench/app/board-bench.mjs), instead of after every
        // document that happened to be read before it.
        gloo::timers::future::TimeoutFuture::new(0).await;
        {
            let mut txn = self.doc.transact_mut_with(ORIGIN_STORAGE);
            for bytes in &updates {
                match YrsUpdate::decode_v1(bytes) {
                    Ok(update) => {
                        if let Err(e) = txn.apply_update(update) {
                            leptos::logging::warn!("{key}: a stored update does not apply: {e}");
                        }
                    }
                    Err(e) => leptos::logging::warn!("{key}: a stored update is damaged: {e}"),
                }
            }
        }
        if let Some(json) = store.get_pending(&key).await? {
            *self.marks.borrow_mut() = super::status::marks_from_json(&json);
        }
        let waiting = self.marks.borrow().len();
        // The last sync of an earlier session: a device that starts offline says since when
        // it has not heard from the relay, not "never synced".
        let last_sync = store
            .get_setting(&last_sync_key(&key))
            .await
            .ok()
            .flatten()
            .and_then(|t| t.parse::<u64>().ok())
            .map(|ms| ms as f64);
        self.status.update(|s| {
            s.loaded = true;
            s.waiting = waiting;
            if s.last_sync.is_none()
                && let Some(at) = last_sync
            {
                s.last_sync = Some(at);
                if s.link != super::status::Link::Online {
                    s.offline_since = Some(at);
                }
            }
        });
        self.version.update(|v| *v += 1);
        mark(&format!("liandong:loaded:{key}"));
        Ok(())
    }

    /// Persists and forwards changes until the document is closed.
    pub async fn run(self: Rc<Self>, shared: Shared) {
        let Some(mut changes) = self.changes.borrow_mut().take() else { return };
        while let Some(first) = changes.next().await {
            // Take every change already queued: during a catch-up the relay's pieces arrive
            // in bursts, and storing and re-rendering them one by one would be slow.
            let mut batch = vec![first];
            while let Ok(more) = changes.try_recv() {
                batch.push(more);
            }
            // Views show the changes at once ("saved on this device" waits for the write);
            // during a catch-up in pieces at most every REFRESH_DURING_CATCH_UP_MS, since each
            // refresh re-reads the whole document and pieces can come every few milliseconds.
            // The piece that ends the catch-up always refreshes (progress is gone by then).
            let catching_up = self.status.with_untracked(|s| s.progress.is_some());
            let local = batch.iter().any(|c| matches!(c, Change::Local(..)));
            let now = js_sys::Date::now();
            if local || !catching_up || now - self.refreshed_at.get() >= REFRESH_DURING_CATCH_UP_MS {
                self.refresh();
            }
            let relay: Vec<Vec<u8>> = batch
                .iter()
                .filter_map(|c| match c {
                    Change::Relay(update) => Some(update.clone()),
                    _ => None,
                })
                .collect();
            if !relay.is_empty() {
                let merged = match yrs::merge_updates_v1(relay.iter().map(Vec::as_slice)) {
                    Ok(merged) => vec![merged],
                    Err(_) => relay,
                };
                for update in merged {
                    self.persist(&shared, &update).await;
                }
            }
            for change in batch {
                if let Change::Local(update, clock) = change {
                    self.persist(&shared, &update).await;
                    self.marks.borrow_mut().push(Mark { client: self.doc.client_id().get(), clock });
                    self.save_marks(&shared).await;
                    self.unsaved.set(self.unsaved.get().saturating_sub(1));
                    shared.local_change_stored();
                    if let Some(tx) = self.to_relay.borrow().as_ref() {
                        let _ = tx.unbounded_send(update.clone());
                    }
                    tabs::broadcast(&shared, &self.id, &update);
                }
            }
        }
    }

    /// Appends `update` to the stored log, retrying until it is stored: a closed database
    /// is reopened, a full one is reported and retried every 10 s. Nothing is dropped.
    async fn persist(&self, shared: &Shared, update: &[u8]) {
        let key = self.id.to_string();
        let mut failed = false;
        loop {
            let result = match shared.store().await {
                Ok(store) => store.append(&key, update).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    if failed {
                        shared.write_recovered();
                    }
                    shared.write_done();
                    break;
                }
                Err(e) => {
                    leptos::logging::warn!("{key}: storing a change failed ({e:?}); retrying");
                    if !failed {
                        failed = true;
                        shared.write_failing();
                    }
                    let wait = if e == StoreError::Full { 10_000 } else { 1_000 };
                    shared.report_storage(e);
                    shared.forget_store();
                    gloo::timers::future::TimeoutFuture::new(wait).await;
                }
            }
        }
        let n = self.appended.get() + 1;
        self.appended.set(n);
        if n.is_multiple_of(COMPACT_AFTER)
            && let Ok(store) = shared.store().await
            && let Err(e) = store.compact(&key, COMPACT_AFTER).await
        {
            leptos::logging::warn!("{key}: compaction failed: {e}");
        }
    }

    /// The unconfirmed marks as stored (JSON).
    pub fn marks_json(&self) -> String {
        super::status::marks_to_json(&self.marks.borrow())
    }

    async fn save_marks(&self, shared: &Shared) {
        let json = self.marks_json();
        let waiting = self.marks.borrow().len();
        if let Ok(store) = shared.store().await
            && let Err(e) = store.put_pending(&self.id.to_string(), &json).await
        {
            shared.report_storage(e);
        }
        // Only now: "N changes waiting" is what a reload (or sign-out) will find on disk.
        self.status.update(|s| s.waiting = waiting);
    }

    /// The relay's state vector arrived: confirm the marks it covers.
    pub async fn relay_state(&self, shared: &Shared, relay: &yrs::StateVector) {
        let before = self.marks.borrow().len();
        let left = confirm(&mut self.marks.borrow_mut(), relay);
        if left == 0 {
            self.synced(shared).await;
        }
        if left != before {
            self.save_marks(shared).await;
        }
    }

    /// Everything of this device is at the relay now: sets [`DocStatus::last_sync`] and keeps
    /// it in storage (at most once per [`SYNC_SAVE_GAP_MS`]), for the next start.
    pub async fn synced(&self, shared: &Shared) {
        let now = js_sys::Date::now();
        self.status.update(|s| s.last_sync = Some(now));
        if now - self.sync_saved_at.get() < SYNC_SAVE_GAP_MS {
            return;
        }
        self.sync_saved_at.set(now);
        if let Ok(store) = shared.store().await {
            // Only a convenience for the next start: a failure here is not worth a banner.
            let _ = store.put_setting(&last_sync_key(&self.id.to_string()), &(now as u64).to_string()).await;
        }
    }

    /// Tells views to re-read the document.
    pub fn refresh(&self) {
        self.refreshed_at.set(js_sys::Date::now());
        self.version.update(|v| *v += 1);
        mark(&format!("liandong:refresh:{}", self.id));
    }

    /// Number of local changes not yet written to IndexedDB.
    pub fn unsaved(&self) -> usize {
        self.unsaved.get()
    }

    /// Number of unconfirmed local changes.
    pub fn waiting(&self) -> usize {
        self.marks.borrow().len()
    }

    /// Applies an update that came from the relay or another tab, after the guard
    /// ([`update_guard::readable`]): a value nested too deep for yrs' recursive decoder
    /// arrives as `undefined`, bytes the guard cannot read are refused.
    pub fn apply(&self, origin: &'static str, bytes: &[u8]) -> Result<(), String> {
        let bytes = update_guard::readable(bytes).ok_or("an update that cannot be read safely")?;
        let update = YrsUpdate::decode_v1(&bytes).map_err(|e| e.to_string())?;
        self.doc.transact_mut_with(origin).apply_update(update).map_err(|e| e.to_string())
    }
}
