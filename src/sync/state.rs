//! The state every sync task shares: the database connection, the session, the open
//! documents, the counters behind "please wait" and the storage banner, and the reactive
//! [`Signals`] the UI reads. One per page, created on first use; tasks receive it as a
//! [`Shared`] handle, only the UI-facing functions of [`super`] look it up.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use leptos::prelude::*;
use liandong_core::DocumentId;
use liandong_core::access::Claims;
use yrs::{ReadTxn, StateVector, Transact};

use super::doc::DocSync;
use super::notify::Notify;
use super::status::DocStatus;
use super::tabs::Tabs;
use crate::session::{Session, TOKEN_KEY};
use crate::store::{Store, StoreError};

/// One open document as the UI sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DocEntry {
    /// Bumped after every change of the document.
    pub version: RwSignal<u64>,
    /// Its sync state.
    pub status: RwSignal<DocStatus>,
}

/// Reactive state for the UI; cheap to copy.
#[derive(Clone, Copy)]
pub struct Signals {
    /// Who is signed in (`None`: nobody).
    pub claims: RwSignal<Option<Claims>>,
    /// Whether start-up has read the stored sign-in yet.
    pub ready: RwSignal<bool>,
    /// The open documents.
    pub docs: RwSignal<Vec<(DocumentId, DocEntry)>>,
    /// A storage failure to show (the banner words it, `fmt::store_error`).
    pub storage_error: RwSignal<Option<StoreError>>,
}

/// Everything the sync tasks share.
pub struct Inner {
    db: RefCell<Option<Rc<Store>>>,
    /// Set when the database had to be reopened: open documents are saved whole again.
    reopened: Cell<bool>,
    /// Set when a newer build upgraded the database from another tab: this page must not
    /// reopen it (its schema is older) and asks to be reloaded.
    superseded: Cell<bool>,
    pub(super) session: RefCell<Option<Session>>,
    pub(super) docs: RefCell<BTreeMap<DocumentId, Rc<DocSync>>>,
    pub(super) tabs: RefCell<Option<Rc<Tabs>>>,
    /// Local changes queued for IndexedDB and not yet written (for "please wait" on close).
    pending_writes: Cell<usize>,
    /// Writes currently failing and being retried.
    failing: Cell<usize>,
    /// Bumped on sign-out: loops of an older generation stop.
    generation: Cell<u32>,
    /// Woken when the browser comes back online, the page becomes visible, a document's
    /// connection gets through, or on sign-out: waiting reconnects start at once.
    pub(super) wake: Notify,
    /// Woken when a local change is stored or storage fails ([`super::saved`]).
    pub(super) stored: Notify,
    /// Owns the reactive nodes sync creates (the signals of open documents, the effect
    /// that follows the directory). It has no parent and lives as long as the page: a
    /// node created under a page's or an effect's owner would be disposed when that page
    /// is left or that effect re-runs, while the document it belongs to stays open.
    pub(super) owner: Owner,
    /// The UI's view.
    pub signals: Signals,
}

/// A handle to the shared state.
#[derive(Clone)]
pub struct Shared(Rc<Inner>);

impl Deref for Shared {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// The page's shared state, created on first use.
pub(super) fn shared() -> Shared {
    SHARED.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let owner = page_owner();
                owner.with(|| {
                    Shared(Rc::new(Inner {
                        db: RefCell::new(None),
                        reopened: Cell::new(false),
                        superseded: Cell::new(false),
                        session: RefCell::new(None),
                        docs: RefCell::new(BTreeMap::new()),
                        tabs: RefCell::new(None),
                        pending_writes: Cell::new(0),
                        failing: Cell::new(0),
                        generation: Cell::new(0),
                        wake: Notify::default(),
                        stored: Notify::default(),
                        signals: Signals {
                            claims: RwSignal::new(None),
                            ready: RwSignal::new(false),
                            docs: RwSignal::new(Vec::new()),
                            storage_error: RwSignal::new(None),
                        },
                        owner: owner.clone(),
                    }))
                })
            })
            .clone()
    })
}

/// A reactive owner without a parent, whatever owner is current when it is made.
fn page_owner() -> Owner {
    let current = Owner::current();
    if let Some(current) = current.clone() {
        current.unset();
    }
    let owner = Owner::new();
    if let Some(current) = current {
        current.set();
    }
    owner
}

impl Shared {
    /// The open database, opening (or reopening) it when needed.
    pub async fn store(&self) -> Result<Rc<Store>, StoreError> {
        if let Some(store) = self.db.borrow().as_ref() {
            return Ok(store.clone());
        }
        if self.superseded.get() {
            return Err(StoreError::Superseded);
        }
        let store = Rc::new(Store::open().await?);
        let me = self.clone();
        let watched = store.on_newer_version(move || {
            me.superseded.set(true);
            me.db.borrow_mut().take();
            me.report_storage(StoreError::Superseded);
            crate::pwa::update_ready().set(true);
        });
        if let Err(e) = watched {
            leptos::logging::warn!("cannot watch for a newer build: {e}");
        }
        *self.db.borrow_mut() = Some(store.clone());
        if self.reopened.replace(false) {
            // The browser may have deleted the stored data: save what is in memory again,
            // the sign-in, every open document and its unconfirmed changes.
            let session = self.session();
            let docs: Vec<Rc<DocSync>> = self.docs.borrow().values().cloned().collect();
            let mut result = Ok(());
            if let Some(session) = session {
                result = result.and(store.put_setting(TOKEN_KEY, &session.token).await);
            }
            for d in docs {
                let full = d.doc.transact().encode_state_as_update_v1(&StateVector::default());
                result = result.and(store.append(&d.id.to_string(), &full).await);
                result = result.and(store.put_pending(&d.id.to_string(), &d.marks_json()).await);
            }
            if let Err(e) = result {
                self.report_storage(e);
            }
        }
        Ok(store)
    }

    /// Drops the database connection after a failure; the next use reopens it.
    pub fn forget_store(&self) {
        if self.db.borrow_mut().take().is_some() {
            self.reopened.set(true);
        }
    }

    /// Shows a storage failure in the banner and wakes whoever waits for a change to be
    /// stored (it will not be, for now).
    pub fn report_storage(&self, error: StoreError) {
        self.signals.storage_error.set(Some(error));
        self.stored.notify_all();
    }

    /// A write that failed and was being retried went through; the banner goes once no
    /// write is failing any more.
    pub fn write_recovered(&self) {
        self.failing.set(self.failing.get().saturating_sub(1));
    }

    /// A write failed and will be retried.
    pub fn write_failing(&self) {
        self.failing.set(self.failing.get() + 1);
    }

    /// A write went through: the banner goes if no other write is failing.
    pub fn write_done(&self) {
        if self.failing.get() == 0 && self.signals.storage_error.get_untracked().is_some() {
            self.signals.storage_error.set(None);
        }
    }

    /// The officer made a change: one more write queued for IndexedDB.
    pub fn local_change_queued(&self) {
        self.pending_writes.set(self.pending_writes.get() + 1);
    }

    /// A queued local change is stored.
    pub fn local_change_stored(&self) {
        self.pending_writes.set(self.pending_writes.get().saturating_sub(1));
        self.stored.notify_all();
    }

    /// Local changes queued for IndexedDB and not yet written.
    pub fn pending_writes(&self) -> usize {
        self.pending_writes.get()
    }

    /// Whether storage is failing now (the banner shows why).
    pub fn storage_failing(&self) -> bool {
        self.signals.storage_error.get_untracked().is_some()
    }

    /// An open document.
    pub fn doc(&self, id: &DocumentId) -> Option<Rc<DocSync>> {
        self.docs.borrow().get(id).cloned()
    }

    /// The signed-in session.
    pub fn session(&self) -> Option<Session> {
        self.session.borrow().clone()
    }

    /// Asks every connected document to probe the relay at once: after the browser's
    /// `online` event (a socket that outlived a brief `offline` is then seen working within
    /// a round trip instead of at the next liveness probe, 30 s later) or the page shown.
    pub fn probe_all(&self) {
        for doc in self.docs.borrow().values() {
            if let Some(probe) = doc.probe.borrow().as_ref() {
                let _ = probe.unbounded_send(());
            }
        }
    }

    /// The current generation (see [`Inner::generation`]).
    pub fn generation(&self) -> u32 {
        self.generation.get()
    }

    /// Ends the current generation: the loops of the signed-out officer stop.
    pub fn next_generation(&self) {
        self.generation.set(self.generation.get() + 1);
        self.wake.notify_all();
    }
}
