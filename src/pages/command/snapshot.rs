//! The board's snapshot on this device (`liandong_core::command::snapshot`): at a reload
//! the board is shown from it, read-only, while the documents are decoded (the benchmark's
//! region: 3.6 MB of Yjs updates, 150–250 ms of CPU before the board could say anything);
//! the live board replaces it as soon as they are read, and only then can lines be
//! committed. Written a little after the board was computed from documents read in full
//! and after each change of a document; shown only if no document changed in storage
//! since (its stamps: `store::views`) and for a day (`snapshot::FRESH_HOURS`); removed at
//! sign-out with the documents.
//!
//! Named by what the page asks for: the officer's region, or the bureau's `?region=`
//! (`command-board/desheng`), or `command-board/` for the bureau's default region.

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use liandong_core::command::CommandState;
use liandong_core::command::snapshot;
use liandong_core::model::{Region, Shift};
use liandong_core::org::Organisation;

use super::context::Ctx;
use crate::sync;

/// How long the board's inputs must stay unchanged before a snapshot of them is written,
/// in ms: a sync that lands in several steps writes once (a write encodes every record the
/// board reads).
const QUIET_MS: u32 = 2_000;

/// The board's inputs from the snapshot, shared by the memos of [`super::context::Ctx`].
#[derive(Debug, Clone, PartialEq)]
pub struct Early {
    /// When the snapshot was written.
    pub written: jiff::Timestamp,
    /// The region shown.
    pub region: Region,
    /// The organisation.
    pub org: Arc<Organisation>,
    /// The command records.
    pub state: Arc<CommandState>,
    /// The region's shifts.
    pub shifts: Arc<Vec<Shift>>,
}

/// The snapshot shown while storage is read (`None` when there is none or once it is read).
pub type Shown = RwSignal<Option<Arc<Early>>>;

/// The snapshot's name for this page (the officer's region, else `?region=`, else none).
fn name() -> Option<String> {
    let claims = sync::signals().claims.get()?;
    let asked = use_query_map().with_untracked(|q| q.get("region"));
    Some(format!("command-board/{}", claims.region.or(asked).unwrap_or_default()))
}

/// The snapshot of this page's region, read once the sign-in is known, unless the
/// documents were read first (`read` true: then it stays `None`); with when it was
/// written once it is shown (kept after the signal is emptied, for [`keep`]).
pub fn early(read: Memo<bool>) -> (Shown, StoredValue<Option<jiff::Timestamp>>) {
    let early = RwSignal::new(None);
    let written = StoredValue::new(None);
    if read.get_untracked() {
        return (early, written);
    }
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        let Some(name) = name() else { return false };
        spawn_local(async move {
            let Some(bytes) = sync::read_view(&name).await else { return };
            // The documents were read first, or the page is gone (its signals with it).
            if read.try_get_untracked().is_none_or(|read| read) {
                return;
            }
            match snapshot::decode(&bytes) {
                Ok(inputs) if !inputs.is_fresh(liandong_core::time::now()) => {}
                Ok(inputs) => {
                    let region = inputs.org.regions.iter().find(|r| r.code == inputs.region).cloned();
                    if let Some(region) = region {
                        written.set_value(Some(inputs.written));
                        early.try_set(Some(Arc::new(Early {
                            written: inputs.written,
                            region,
                            org: Arc::new(inputs.org),
                            state: Arc::new(inputs.state),
                            shifts: Arc::new(inputs.shifts),
                        })));
                    }
                }
                Err(e) => leptos::logging::warn!("{name} not shown: {e}"),
            }
        });
        true
    });
    (early, written)
}

/// Writes a snapshot of the board's inputs (`ctx`'s) [`QUIET_MS`] after they or any open
/// document last changed, once the documents are read. Not at the first complete read of
/// a page that started from a snapshot less than half of [`snapshot::FRESH_HOURS`] old:
/// it was made from what storage holds (its stamps held: `store::views`), so it is what
/// would be written.
pub fn keep(ctx: &Ctx, started: StoredValue<Option<jiff::Timestamp>>) {
    thread_local! {
        /// Bumped by each change; a pending write that sees another number gives way.
        static TICKET: Cell<u64> = const { Cell::new(0) };
    }
    let Ctx { loaded, region, org, state, shifts, .. } = *ctx;
    let mut first = true;
    Effect::new(move |_| {
        sync::track_documents();
        if !loaded.get() {
            return;
        }
        let Some(region) = region.get() else { return };
        let (org, state, shifts) = (org.get(), state.get(), shifts.get());
        let young = |written: jiff::Timestamp| {
            let age = liandong_core::time::now().duration_since(written);
            age < jiff::SignedDuration::from_hours(snapshot::FRESH_HOURS / 2)
        };
        if std::mem::take(&mut first) && started.get_value().is_some_and(young) {
            return;
        }
        let Some(name) = name() else { return };
        let ticket = TICKET.with(|t| t.get() + 1);
        TICKET.with(|t| t.set(ticket));
        let session = sync::session_number();
        spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(QUIET_MS).await;
            if TICKET.with(Cell::get) != ticket {
                return;
            }
            match snapshot::encode(&region.code, liandong_core::time::now(), &state, &org, &shifts) {
                Ok(bytes) => sync::write_view(&name, &bytes, session).await,
                Err(e) => leptos::logging::warn!("{name} not kept: {e}"),
            }
        });
    });
}
