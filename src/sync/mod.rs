//! The only door to the relay, and the keeper of every open document (docs/architecture.md "How it moves").
//!
//! After sign-in the app opens exactly the documents of the officer's scope
//! (`liandong_core::access::documents_of`): each is loaded from IndexedDB and shown at
//! once ([`doc`]), then connected to the relay, all on one socket at `/sync/mux` ([`socket`], [`mux`]); other tabs get
//! local changes through a `BroadcastChannel` ([`tabs`]). The state shown to the officer is
//! derived from state vectors ([`status`]). UI code reads documents with [`open_doc`] and
//! the reactive [`Signals`]; it never touches sockets or storage.

pub mod backoff;
pub mod deflate;
pub mod doc;
pub mod mux;
pub mod socket;
pub mod status;
pub mod tabs;
pub mod verdict;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use liandong_core::access::{self, Claims, Rights};
use liandong_core::docs::Directory;
use liandong_core::org::Organisation;
use liandong_core::{DocumentId, RecordId};
use yrs::{Doc, ReadTxn, StateVector, Transact};

use crate::session::{Session, TOKEN_KEY};
use crate::store::{Store, StoreError};
use doc::DocSync;
use status::DocStatus;
use tabs::Tabs;

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
    /// A storage failure to show, in plain words.
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
    session: RefCell<Option<Session>>,
    docs: RefCell<BTreeMap<DocumentId, Rc<DocSync>>>,
    tabs: RefCell<Option<Rc<Tabs>>>,
    /// Local changes queued for IndexedDB and not yet written (for "please wait" on close).
    pub pending_writes: Cell<usize>,
    /// Writes currently failing and being retried.
    pub failing: Cell<usize>,
    /// Bumped on sign-out: loops of an older generation stop.
    generation: Cell<u32>,
    /// Bumped when the browser comes back online, the page becomes visible or a document's
    /// connection gets through: waiting reconnects start at once, from attempt 0.
    pub wake: Cell<u32>,
    /// The UI's view.
    pub signals: Signals,
    /// A storage failure to show.
    pub storage_error: RwSignal<Option<StoreError>>,
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

/// The shared state, created on first use.
pub fn shared() -> Shared {
    SHARED.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let storage_error = RwSignal::new(None);
                let signals = Signals {
                    claims: RwSignal::new(None),
                    ready: RwSignal::new(false),
                    docs: RwSignal::new(Vec::new()),
                    storage_error,
                };
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
                    wake: Cell::new(0),
                    signals,
                    storage_error,
                }))
            })
            .clone()
    })
}

/// The UI's reactive view of sync.
pub fn signals() -> Signals {
    shared().signals
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
            me.storage_error.set(Some(StoreError::Superseded));
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
                self.storage_error.set(Some(e));
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
    fn probe_all(&self) {
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
}

/// Reads the stored sign-in and opens the officer's documents. Call once at start-up.
pub fn start() {
    let shared = shared();
    if let Some(window) = web_sys::window() {
        let wake = shared.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            mux::link_may_be_back();
            wake.probe_all();
            wake.wake.set(wake.wake.get() + 1);
        });
        let _ =
            window.add_event_listener_with_callback("online", wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()));
        listener.forget();
        // A phone's page coming back to the front: its sockets may have died meanwhile.
        let wake = shared.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible {
                mux::link_may_be_back();
                wake.probe_all();
                wake.wake.set(wake.wake.get() + 1);
            }
        });
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
            );
        }
        listener.forget();
        // The browser knows the network is gone before a socket does (the liveness probe
        // takes up to 90 s): show it at once. The sockets end on their own; a message from
        // the relay sets a document online again if the link was only briefly lost.
        let lost = shared.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            for doc in lost.docs.borrow().values() {
                doc.status.update(|s| {
                    if s.link != status::Link::Offline {
                        s.offline_since = Some(js_sys::Date::now());
                        s.link = status::Link::Offline;
                    }
                });
            }
        });
        let _ =
            window.add_event_listener_with_callback("offline", wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()));
        listener.forget();
    }
    *shared.tabs.borrow_mut() = tabs::open(shared.clone()).map(Rc::new);
    spawn_local(async move {
        let token = match shared.store().await {
            Ok(store) => store.get_setting(TOKEN_KEY).await,
            Err(e) => Err(e),
        };
        match token {
            Ok(Some(token)) => {
                if let Ok(session) = Session::parse(&token) {
                    begin(&shared, session);
                }
            }
            Ok(None) => {}
            Err(e) => shared.storage_error.set(Some(e)),
        }
        shared.signals.ready.set(true);
    });
}

/// Why a login link did not sign this device in (the login page words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// The link is past its expiry (by the device's clock or the relay's answer).
    Expired,
    /// The link is not a token the relay accepts (cut short, altered, another relay's).
    Invalid,
    /// Another officer is signed in on this device.
    OtherOfficer,
    /// This device's storage failed.
    Storage(StoreError),
}

/// Signs this device in with `token` (from a login link): checks it (on the device's
/// clock, then with the relay when it can be reached), stores it and opens the officer's
/// documents. Offline, an unexpired token is accepted and checked when the link is back.
pub async fn sign_in(token: &str) -> Result<Claims, SignInError> {
    let session = Session::parse(token).map_err(|_| SignInError::Invalid)?;
    if session.expired_at(crate::session::now_secs()) {
        return Err(SignInError::Expired);
    }
    match verdict::check(&session.token).await {
        verdict::Verdict::Expired => return Err(SignInError::Expired),
        verdict::Verdict::Invalid => return Err(SignInError::Invalid),
        verdict::Verdict::Valid | verdict::Verdict::Unreachable => {}
    }
    let shared = shared();
    let store = shared.store().await.map_err(SignInError::Storage)?;
    let previous = shared.session().map(|s| s.claims.sub);
    if previous.is_some() && previous.as_deref() != Some(session.claims.sub.as_str()) {
        return Err(SignInError::OtherOfficer);
    }
    store.put_setting(TOKEN_KEY, &session.token).await.map_err(SignInError::Storage)?;
    let claims = session.claims.clone();
    stop(&shared);
    begin(&shared, session);
    Ok(claims)
}

/// Local changes of all open documents not yet confirmed by the relay.
pub fn waiting_changes() -> usize {
    shared().docs.borrow().values().map(|d| d.waiting()).sum()
}

/// Signs out: stops syncing and removes the token and every document from this device.
/// The caller asks the officer first when [`waiting_changes`] is not zero.
pub async fn sign_out() -> Result<(), String> {
    let shared = shared();
    stop(&shared);
    *shared.session.borrow_mut() = None;
    shared.signals.claims.set(None);
    let store = shared.store().await.map_err(|e| e.to_string())?;
    store.delete_setting(TOKEN_KEY).await.map_err(|e| e.to_string())?;
    store.clear_documents().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// Stops every connection and forgets the open documents.
fn stop(shared: &Shared) {
    shared.generation.set(shared.generation.get() + 1);
    for d in shared.docs.borrow().values() {
        d.to_relay.borrow_mut().take();
    }
    shared.docs.borrow_mut().clear();
    shared.signals.docs.set(Vec::new());
}

/// Opens the documents of `session`'s scope: the directory first, then (once the directory
/// names the region's stations) the rest.
fn begin(shared: &Shared, session: Session) {
    *shared.session.borrow_mut() = Some(session.clone());
    shared.signals.claims.set(Some(session.claims.clone()));
    let directory = DocumentId::directory(&session.claims.county);
    open(shared, directory.clone());
    open_scope(shared);
    // Re-derive the scope whenever the directory changes (regions redrawn, first sync).
    if let Some(dir) = shared.doc(&directory) {
        let shared = shared.clone();
        let generation = shared.generation();
        Effect::new(move |_| {
            dir.version.track();
            if shared.generation() == generation {
                open_scope(&shared);
            }
        });
    }
}

/// The organisation as this device knows it (directory only); reactive: tracks the
/// directory document's version.
pub fn organisation() -> Organisation {
    with_organisation(Organisation::clone)
}

/// Runs `f` on the organisation as this device knows it, without copying it; reactive like
/// [`organisation`]. The directory is read once per version of its document and cached: a
/// list of 100 rows that each name their station must not read it 100 times.
pub fn with_organisation<T>(f: impl FnOnce(&Organisation) -> T) -> T {
    thread_local! {
        static CACHE: RefCell<Option<(DocumentId, u64, Rc<Organisation>)>> = const { RefCell::new(None) };
    }
    let shared = shared();
    // At a direct load the stored sign-in is read after the first render: re-run then.
    shared.signals.claims.track();
    let Some(session) = shared.session() else { return f(&Organisation::default()) };
    let id = DocumentId::directory(&session.claims.county);
    let Some(dir) = shared.doc(&id) else {
        shared.signals.docs.track();
        return f(&Organisation::default());
    };
    let version = dir.version.get();
    let org = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        match &*cache {
            Some((cached, v, org)) if *cached == id && *v == version => org.clone(),
            _ => {
                let org = Rc::new(Organisation::read(&Directory::new(dir.doc.clone()), &[]).0);
                *cache = Some((id, version, org.clone()));
                org
            }
        }
    });
    f(&org)
}

fn open_scope(shared: &Shared) {
    let Some(session) = shared.session() else { return };
    let org = organisation();
    // The region's stations; the bureau's device takes every station's roster (the
    // county's coverage board needs their districts and offices).
    let stations = match (session.claims.region.as_deref(), session.claims.role) {
        (Some(r), _) => org.station_codes_of_region(r),
        (None, liandong_core::model::Role::BureauAdmin) => org.stations.iter().map(|s| s.code.clone()).collect(),
        (None, _) => Vec::new(),
    };
    let regions: Vec<String> = org.regions.iter().map(|r| r.code.clone()).collect();
    let scope = session.claims.scope();
    for id in access::documents_of(&scope, &stations).into_iter().chain(access::bulletins_of_regions(&scope, &regions))
    {
        if access::rights(&session.claims.scope(), &id, &org).can_read() {
            open(shared, id);
        }
    }
}

fn open(shared: &Shared, id: DocumentId) {
    if shared.docs.borrow().contains_key(&id) {
        return;
    }
    let d = match DocSync::new(id.clone()) {
        Ok(d) => d,
        Err(e) => {
            // yrs refused the observer: nothing to show but a read/write failure.
            shared.storage_error.set(Some(StoreError::Request(e)));
            return;
        }
    };
    shared.docs.borrow_mut().insert(id.clone(), d.clone());
    shared.signals.docs.update(|docs| docs.push((id, DocEntry { version: d.version, status: d.status })));
    let shared = shared.clone();
    spawn_local(async move {
        if let Err(e) = d.load(&shared).await {
            shared.storage_error.set(Some(e));
            shared.forget_store();
        }
        spawn_local(d.clone().run(shared.clone()));
        socket::run(d, shared).await;
    });
}

/// An open document and its version signal, for views; `None` if it is not open.
pub fn open_doc(id: &DocumentId) -> Option<(Doc, RwSignal<u64>)> {
    shared().doc(id).map(|d| (d.doc.clone(), d.version))
}

/// An open document, for reading in a reactive view: tracks its version, or, while it is
/// not open, the list of open documents (so the view re-runs once it opens).
pub fn read_doc(id: &DocumentId) -> Option<Doc> {
    match open_doc(id) {
        Some((doc, version)) => {
            version.track();
            Some(doc)
        }
        None => {
            signals().docs.track();
            None
        }
    }
}

/// Resolves once every local change of `id` is written to this device's storage (`true`;
/// at once when the document is not open), or as soon as storage is failing (`false`: the
/// changes stay in memory, are retried, and the storage banner says why).
pub async fn saved(id: &DocumentId) -> bool {
    let shared = shared();
    let Some(d) = shared.doc(id) else { return true };
    loop {
        if d.unsaved() == 0 {
            return true;
        }
        if shared.storage_error.get_untracked().is_some() {
            return false;
        }
        gloo::timers::future::TimeoutFuture::new(25).await;
    }
}

/// The signed-in officer's rights on `id`.
pub fn rights(id: &DocumentId) -> Rights {
    let shared = shared();
    let Some(session) = shared.session() else { return Rights::None };
    access::rights(&session.claims.scope(), id, &organisation())
}

/// The signed-in officer's record id (for attributing edits).
pub fn officer_id() -> Option<RecordId> {
    shared().session().and_then(|s| s.claims.sub.parse().ok())
}

/// Whether `doc`'s state covers `sv` (used by tests and diagnostics).
pub fn covers(doc: &Doc, sv: &StateVector) -> bool {
    let mine = doc.transact().state_vector();
    sv.iter().all(|(client, clock)| mine.get(client) >= *clock)
}
