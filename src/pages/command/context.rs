//! What every command screen reads, once per page: the region, the organisation with the
//! rosters' skills, the region's command records and shifts, and whether the officer may
//! write. Each is a memo, so a sync that changes one document recomputes only what reads it.
//!
//! While this device's storage is still being read ([`crate::sync::loaded`]), the reads
//! keep what they had: at a reload the directory, the command document, the bulletins and
//! five rosters arrive one by one, and reading the region's thousands of shifts and its
//! command records again as each arrives made the board several times slower
//! (bench/app/board-bench.mjs).

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::command::CommandState;
use liandong_core::model::{Region, Shift};
use liandong_core::org::Organisation;

use super::data;

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
    /// only not be read yet, and a page says nothing rather than "not found".
    pub loaded: Memo<bool>,
}

/// A memo of `read`, which keeps its last value while storage is still being read
/// (`settled` false) and tells its readers only when it read again.
fn settled_read<T: Default + Send + Sync + 'static>(
    settled: Memo<bool>,
    read: impl Fn() -> T + Send + Sync + 'static,
) -> Memo<Arc<T>> {
    Memo::new_with_compare(
        move |previous: Option<&Arc<T>>| match previous {
            Some(previous) if !settled.get() => previous.clone(),
            _ if !settled.get() => Arc::new(T::default()),
            _ => Arc::new(read()),
        },
        |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
    )
}

impl Ctx {
    /// The reads of the page being built (call in a component).
    pub fn new() -> Self {
        let settled = Memo::new(|_| crate::sync::loaded());
        let region = Memo::new(|_| data::region());
        let org = settled_read(settled, crate::data::org_with_rosters);
        let state = settled_read(settled, move || region.get().map(|r| data::state(&r)).unwrap_or_default());
        let shifts = settled_read(settled, move || region.get().map(|r| data::shifts(&r)).unwrap_or_default());
        let writable = Memo::new(move |_| region.get().is_some_and(|r| data::can_write(&r)));
        Self { region, org, state, shifts, writable, loaded: settled }
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Self::new()
    }
}
