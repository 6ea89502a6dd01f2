//! The open documents: opening one (load from IndexedDB, then keep it connected), and what
//! the UI asks of them (the document to read, whether a change is stored, what waits for
//! the relay).

use leptos::prelude::*;
use leptos::task::spawn_local;
use liandong_core::DocumentId;
use liandong_core::document_id::DocumentKind;
use yrs::{Doc, ReadTxn, StateVector, Transact};

use super::doc::DocSync;
use super::state::{DocEntry, Shared, shared};
use crate::store::StoreError;

/// Opens document `id` (if it is not open): shown once loaded from this device, then
/// connected to the relay until sign-out.
pub(super) fn open(shared: &Shared, id: DocumentId) {
    if shared.docs.borrow().contains_key(&id) {
        return;
    }
    let d = match DocSync::new(id.clone(), shared) {
        Ok(d) => d,
        Err(e) => {
            // yrs refused the observer: nothing to show but a read/write failure.
            shared.report_storage(StoreError::Request(e));
            return;
        }
    };
    shared.docs.borrow_mut().insert(id.clone(), d.clone());
    shared.signals.docs.update(|docs| docs.push((id, DocEntry { version: d.version, status: d.status })));
    let shared = shared.clone();
    spawn_local(async move {
        if let Err(e) = d.load(&shared).await {
            shared.report_storage(e);
            shared.forget_store();
            // Storage has said all it will: what is shown now is what there is.
            d.status.update(|s| s.loaded = true);
        }
        if d.id.kind == DocumentKind::Directory {
            // The stations it names are opened now, before anything reactive runs, so
            // [`loaded`] never says true for a scope without their rosters.
            super::scope::open_scope(&shared);
        }
        spawn_local(d.clone().run(shared.clone()));
        super::socket::run(d, shared).await;
    });
}

/// An open document and its version signal, for views; `None` if it is not open.
pub fn open_doc(id: &DocumentId) -> Option<(Doc, RwSignal<u64>)> {
    shared().doc(id).map(|d| (d.doc.clone(), d.version))
}

/// Whether every open document has been read from this device's storage (or storage
/// failed and said so); reactive. `false` while none is open. The directory's stations'
/// documents are opened as soon as the directory is read, so this does not say true
/// between the directory and them. Views that combine several
/// documents wait for it, so a reload computes them once from complete data instead of
/// once per document as each arrives.
pub fn loaded() -> bool {
    shared().signals.docs.with(|docs| !docs.is_empty() && docs.iter().all(|(_, d)| d.status.with(|s| s.loaded)))
}

/// Whether an open document has never been received from the relay, in this session or
/// an earlier one (reactive): right after a first sign-in, before the first sync, what the
/// screens show may be incomplete (no duty, no bulletins), and Home says so. Documents the
/// relay refused do not count.
pub fn first_sync_pending() -> bool {
    shared().signals.docs.with(|docs| {
        docs.iter().any(|(_, d)| d.status.with(|s| s.loaded && s.last_sync.is_none() && s.refused.is_none()))
    })
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
            shared().signals.docs.track();
            None
        }
    }
}

/// Resolves once every local change of `id` is written to this device's storage (`true`;
/// at once when the document is not open), or as soon as storage is failing (`false`: the
/// changes stay in memory, are retried, and the storage banner says why). Woken by each
/// stored change and each storage failure, never by a timer.
pub async fn saved(id: &DocumentId) -> bool {
    let shared = shared();
    let Some(d) = shared.doc(id) else { return true };
    loop {
        let told = shared.stored.notified();
        if d.unsaved() == 0 {
            return true;
        }
        if shared.storage_failing() {
            return false;
        }
        told.await;
    }
}

/// Local changes of all open documents not yet confirmed by the relay.
pub fn waiting_changes() -> usize {
    shared().docs.borrow().values().map(|d| d.waiting()).sum()
}

/// Whether a local change is still being written to this device's storage (closing the
/// tab now would lose it).
pub fn writes_pending() -> bool {
    shared().pending_writes() > 0
}

/// Like [`read_doc`], but `None` until the document has been read from this device's
/// storage and either holds something or has been brought up to date by the relay once:
/// a view that counts ("0 visits overdue") must not count an empty document that is still
/// on its way. Tracks the document's status too.
pub fn read_settled(id: &DocumentId) -> Option<Doc> {
    let doc = read_doc(id)?;
    let entry = shared().doc(id)?;
    let settled =
        entry.status.with(|s| s.loaded && (s.last_sync.is_some() || !doc.transact().state_vector().is_empty()));
    settled.then_some(doc)
}

/// Whether `doc`'s state covers `sv` (used by tests and diagnostics).
pub fn covers(doc: &Doc, sv: &StateVector) -> bool {
    let mine = doc.transact().state_vector();
    sv.iter().all(|(client, clock)| mine.get(client) >= *clock)
}
