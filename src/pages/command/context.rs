//! What every command screen reads, once per page: the region, the organisation with the
//! rosters' skills, the region's command records and shifts, and whether the officer may
//! write. Each is a memo, so a sync that changes one document recomputes only what reads it.

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
}

impl Ctx {
    /// The reads of the page being built (call in a component).
    pub fn new() -> Self {
        let region = Memo::new(|_| data::region());
        let org = Memo::new_with_compare(|_| Arc::new(crate::data::org_with_rosters()), |_, _| true);
        let state = Memo::new_with_compare(
            move |_| Arc::new(region.get().map(|r| data::state(&r)).unwrap_or_default()),
            |_, _| true,
        );
        let shifts = Memo::new_with_compare(
            move |_| Arc::new(region.get().map(|r| data::shifts(&r)).unwrap_or_default()),
            |_, _| true,
        );
        let writable = Memo::new(move |_| region.get().is_some_and(|r| data::can_write(&r)));
        Self { region, org, state, shifts, writable }
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Self::new()
    }
}
