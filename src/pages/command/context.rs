//! What every command screen reads, once per page: the region, the organisation with the
//! rosters' skills, the region's command records and shifts, and whether the officer may
//! write. Each is a memo, so a sync that changes one document recomputes only what reads it.
//!
//! While this device's storage is still being read ([`crate::sync::loaded`]), the reads
//! keep what they had: at a reload the directory, the command document, the bulletins and
//! five rosters arrive one by one, and reading the region's thousands of shifts and its
//! command records again as each arrives made the board several times slower
//! (bench/app/board-bench.mjs). The board goes further ([`Ctx::with_snapshot`]): until
//! storage is read it shows the snapshot of its inputs kept at the last complete read.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::command::CommandState;
use liandong_core::model::{Region, Shift};
use liandong_core::org::Organisation;

use super::data;
use super::snapshot::{self, Early, Shown};

/// The command screens' reactive reads (cheap to copy).
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The region shown.
    pub region: Memo<Option<Region>>,
    /// The organisation, with the open rosters' skills and offices.
    pub org: Memo<Arc<Organisation>>,
    /// The region's command records and dispatch acknowledgements.
    pub state: Memo<Arc<CommandState>>,
    /// The shifts of the region's stations.
    pub shifts: Memo<Arc<Vec<Shift>>>,
    /// Whether the officer may write the region's command (commander, station heads).
    pub writable: Memo<bool>,
    /// Whether this device's storage has been read: until then a record not found may
    /// only not be read yet, and a page says nothing rather than "not found", and nothing
    /// is written.
    pub loaded: Memo<bool>,
    /// Whether what is shown comes from the board's snapshot (storage not read yet): the
    /// board shows it read-only ([`Ctx::with_snapshot`]).
    pub early: Memo<bool>,
}

/// A memo of `read`, which keeps its last value while storage is still being read
/// (`settled` false), or until it was first read shows the snapshot's (`early`), and tells
/// its readers only when it read again.
fn settled_read<T: Default + Send + Sync + 'static>(
    settled: Memo<bool>,
    early: impl Fn() -> Option<Arc<T>> + Send + Sync + 'static,
    read: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<Arc<T>> {
    Memo::new_with_compare(
        move |previous: Option<&Arc<T>>| {
            if settled.get() {
                return Arc::new(read());
            }
            early().or_else(|| previous.cloned()).unwrap_or_default()
        },
        |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
    )
}

/// A part of the snapshot, if one is shown; reactive.
fn kept<T>(early: Option<Shown>, part: impl Fn(&Early) -> T) -> Option<T> {
    early.and_then(|e| e.with(|e| e.as_deref().map(&part)))
}

impl Ctx {
    /// The reads of the page being built (call in a component).
    pub fn new() -> Self {
        Self::build(None)
    }

    /// [`Ctx::new`] for the commander's board: until this device's storage is read it
    /// shows the board's snapshot ([`snapshot`]), and keeps a new one once it is read.
    pub fn with_snapshot() -> Self {
        let settled = Memo::new(|_| crate::sync::loaded());
        let (early, written) = snapshot::early(settled);
        let ctx = Self::build(Some((settled, early)));
        snapshot::keep(&ctx, written);
        ctx
    }

    fn build(snapshot: Option<(Memo<bool>, Shown)>) -> Self {
        let settled = snapshot.map_or_else(|| Memo::new(|_| crate::sync::loaded()), |(s, _)| s);
        let early = snapshot.map(|(_, e)| e);
        // Once storage was read the snapshot is not shown again (a document opened later
        // keeps what was read, as without a snapshot).
        if let Some(early) = early {
            Effect::new(move |_| {
                if settled.get() {
                    early.set(None);
                }
            });
        }
        let region = Memo::new(move |_| data::region().or_else(|| kept(early, |e| e.region.clone())));
        let org = settled_read(settled, move || kept(early, |e| e.org.clone()), crate::data::org_with_rosters);
        let state = settled_read(
            settled,
            move || kept(early, |e| e.state.clone()),
            move || region.get().map(|r| data::state(&r)).unwrap_or_default(),
        );
        let shifts = settled_read(
            settled,
            move || kept(early, |e| e.shifts.clone()),
            move || region.get().map(|r| data::shifts(&r)).unwrap_or_default(),
        );
        let writable = Memo::new(move |_| region.get().is_some_and(|r| data::can_write(&r)));
        let early = Memo::new(move |_| !settled.get() && early.is_some_and(|e| e.with(Option::is_some)));
        Self { region, org, state, shifts, writable, loaded: settled, early }
    }
}
impl Default for Ctx {
    fn default() -> Self {
        Self::new()
    }
}
