//! Screens' snapshots on this device (`store::views`): what a screen read from documents
//! in full, kept so that a reload can show it before the documents are decoded. A cache,
//! never a source: a snapshot that cannot be read or written is only logged, since the
//! documents still say everything (and their own storage failures are shown).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::doc::mark;
use super::notify::Notify;
use super::state::{Shared, shared};

/// The session's read of every snapshot ([`prefetch`]).
#[derive(Default)]
struct Prefetch {
    /// The session's number.
    session: u32,
    /// Whether the read is done.
    done: Cell<bool>,
    /// The snapshots read, by name; each is taken once.
    views: RefCell<HashMap<String, Vec<u8>>>,
    /// The names already asked for: the read's answer for them is spent.
    asked: RefCell<Vec<String>>,
    /// Told when the read is done.
    ready: Notify,
}

thread_local! {
    static PREFETCH: RefCell<Option<Rc<Prefetch>>> = const { RefCell::new(None) };
}

/// Reads every snapshot of this device now, as the session starts and before its documents
/// are opened: IndexedDB then answers it before their loads, instead of after the screen's
/// code has loaded and asked (the board's snapshot was read 45 ms after the documents'
/// loads had begun, and waited behind their decoding; bench/app/board-bench.mjs). Marks
/// `liandong:load-start:views` and `liandong:loaded:views` for the benchmarks.
pub(super) fn prefetch(shared: &Shared) {
    let fetch = Rc::new(Prefetch { session: shared.generation(), ..Prefetch::default() });
    PREFETCH.with(|p| *p.borrow_mut() = Some(fetch.clone()));
    let shared = shared.clone();
    spawn_local(async move {
        mark("liandong:load-start:views");
        let all = match shared.store().await {
            Ok(store) => store.current_views().await,
            Err(e) => Err(e),
        };
        mark("liandong:loaded:views");
        match all {
            Ok(all) => *fetch.views.borrow_mut() = all,
            Err(e) => leptos::logging::warn!("snapshots not read: {e}"),
        }
        fetch.done.set(true);
        fetch.ready.notify_all();
    });
}

/// The session's [`prefetch`] answer for `name`, waiting for it: `Some(snapshot or none)`
/// the first time `name` is asked, `None` after (the screen opened again must read anew)
/// or without a prefetch of this session.
async fn prefetched(name: &str, session: u32) -> Option<Option<Vec<u8>>> {
    let fetch = PREFETCH.with(|p| p.borrow().clone()).filter(|p| p.session == session)?;
    if fetch.asked.borrow().iter().any(|n| n == name) {
        return None;
    }
    fetch.asked.borrow_mut().push(name.to_owned());
    loop {
        let told = fetch.ready.notified();
        if fetch.done.get() {
            break;
        }
        told.await;
    }
    Some(fetch.views.borrow_mut().remove(name))
}

/// The snapshot `name` of the signed-in officer's session, if this device has one made
/// from what its storage holds now (`store::views`): the [`prefetch`]'s answer the first
/// time (a snapshot or none: storage is not asked twice at start-up), else read now. A
/// direct read marks `liandong:load-start:view:{name}` and `liandong:loaded:view:{name}`
/// for the benchmarks.
pub async fn read_view(name: &str) -> Option<Vec<u8>> {
    let shared = shared();
    shared.session()?;
    if let Some(answer) = prefetched(name, shared.generation()).await {
        return answer;
    }
    mark(&format!("liandong:load-start:view:{name}"));
    let read = async { shared.store().await?.get_view(name).await };
    match read.await {
        Ok(bytes) => {
            mark(&format!("liandong:loaded:view:{name}"));
            bytes
        }
        Err(e) => {
            leptos::logging::warn!("snapshot {name} not read: {e}");
            None
        }
    }
}

/// The current session's number: a snapshot computed in one session is written only
/// while it lasts ([`write_view`]).
pub fn session_number() -> u32 {
    shared().generation()
}

/// Tracks every open document's version (reactive): a view that keeps a snapshot re-runs
/// when any of them changes, since the snapshot's stamps then no longer hold.
pub fn track_documents() {
    shared().signals.docs.with(|docs| docs.iter().for_each(|(_, d)| d.version.track()));
}

/// Keeps `bytes` as the snapshot `name`, stamped with every open document's state in
/// storage (`store::views`), if the session numbered `session` is still the signed-in one
/// (after sign-out nothing of it may be written back).
pub async fn write_view(name: &str, bytes: &[u8], session: u32) {
    let shared = shared();
    let store = match shared.store().await {
        Ok(store) => store,
        Err(e) => return leptos::logging::warn!("snapshot {name} not kept: {e}"),
    };
    // Checked after the last wait: sign-out cannot come between this and the write's
    // transaction, which IndexedDB then orders before sign-out's clearing.
    if shared.generation() != session || shared.session().is_none() {
        return;
    }
    let docs: Vec<String> = shared.docs.borrow().keys().map(ToString::to_string).collect();
    if let Err(e) = store.put_view(name, &docs, bytes).await {
        leptos::logging::warn!("snapshot {name} not kept: {e}");
    }
}
