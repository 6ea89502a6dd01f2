//! The rules again after a sync: two offline edits can each pass and together break a rule
//! (two heads give one officer a night and the next morning). After every sync the screen
//! calls [`check_after_sync`] on the merged roster; each violation then carries who wrote
//! each of its shifts, found through the Yjs client ids that wrote the shift record
//! ([`crate::docs::View::writers`]) and the document's `devices` map, which says which
//! officer each client id wrote for ([`crate::docs::View::with_author`]).
//!
//! Also here: reading a station's shifts, where a record this version cannot read (e.g. a
//! new kind of shift from a newer app) is skipped and reported, not fatal to the list.

use std::collections::HashMap;

use super::rules::{self, Context, RosterViolation, ShiftEdit};
use super::validate::{self, ShiftError};
use crate::docs::StationRoster;
use crate::ids::RecordId;
use crate::model::Shift;
use crate::record::RecordError;

/// The live shifts of `station` in `view` (creation order), and the shift records that
/// could not be read.
pub fn read_shifts(view: &StationRoster, station: RecordId) -> (Vec<Shift>, Vec<RecordError>) {
    let listing = view.list::<Shift>();
    let unreadable = listing.unreadable.clone();
    let shifts = listing.into_records().into_iter().filter(|s| s.station == station).collect();
    (shifts, unreadable)
}

/// The officers who wrote shift `shift`: the creator first, then those whose edits of its
/// fields stand, each once. Writes from devices the document cannot attribute (no
/// `devices` entry) are left out.
pub fn authors(view: &StationRoster, shift: RecordId) -> Vec<RecordId> {
    let devices: HashMap<u64, RecordId> = view.devices().into_iter().collect();
    authors_with(&devices, view, shift)
}

fn authors_with(devices: &HashMap<u64, RecordId>, view: &StationRoster, shift: RecordId) -> Vec<RecordId> {
    let mut out = Vec::new();
    for client in view.writers::<Shift>(shift) {
        if let Some(officer) = devices.get(&client)
            && !out.contains(officer)
        {
            out.push(*officer);
        }
    }
    out
}

/// The roster of a station as merged in its document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncReport {
    /// Every rule violation, with who wrote each involved shift.
    pub violations: Vec<RosterViolation>,
    /// Bad data the merge let in (two devices each gave an officer a shift at the same
    /// time, ...).
    pub refused: Vec<ShiftError>,
    /// Shift records this version cannot read, skipped.
    pub unreadable: Vec<RecordError>,
}

/// Every roster rule over the merged roster of `ctx.station` in `view`, each violation with
/// its shifts' authors ([`RosterViolation::edits`]).
pub fn check_after_sync(view: &StationRoster, ctx: &Context) -> SyncReport {
    let (shifts, unreadable) = read_shifts(view, ctx.station);
    let refused = validate::check_roster(ctx.org, ctx.station, &shifts);
    let mut violations = rules::check(ctx, &shifts, None);
    let devices: HashMap<u64, RecordId> = view.devices().into_iter().collect();
    let mut cache: HashMap<RecordId, Vec<RecordId>> = HashMap::new();
    for v in &mut violations {
        v.edits = v
            .shifts
            .iter()
            .map(|id| {
                let authors = cache.entry(*id).or_insert_with(|| authors_with(&devices, view, *id));
                ShiftEdit { shift: *id, authors: authors.iter().map(|a| ctx.officer(*a)).collect() }
            })
            .collect();
    }
    SyncReport { violations, refused, unreadable }
}
