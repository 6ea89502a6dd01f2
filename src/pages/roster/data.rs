//! Where the roster screens read and write: the station roster documents
//! (`station/{code}/roster`) as open on this device, the county's roster settings from the
//! directory, and the organisation with the skills held in the rosters. Reads are reactive
//! (they track the documents' versions); writes are attributed to the signed-in officer so
//! that a violation after a sync can say who made each edit.

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::command::{CommandState, Loan};
use liandong_core::docs::{Directory, RegionCommand, StationRoster};
use liandong_core::model::Shift;
use liandong_core::org::Organisation;
use liandong_core::roster::{RosterConfig, SyncReport, check_after_sync, read_shifts};
use liandong_core::{DocumentId, RecordId};

use crate::sync;

/// A station whose roster this device has: record id, code, name.
#[derive(Debug, Clone, PartialEq)]
pub struct StationChoice {
    /// Record id.
    pub id: RecordId,
    /// Code of its roster document.
    pub code: String,
    /// Name, e.g. `大庙派出所`.
    pub name: String,
}

/// The stations whose rosters the officer may read (`core/src/access.rs`): their own
/// first, then the rest of their region in the region's order, then every other readable
/// station in directory order (the bureau administrator reads them all); reactive.
pub fn stations() -> Vec<StationChoice> {
    let Some(claims) = sync::signals().claims.get() else { return Vec::new() };
    let all: Vec<StationChoice> = sync::with_directory_org(|org| {
        org.stations.iter().map(|s| StationChoice { id: s.id, code: s.code.clone(), name: s.name.clone() }).collect()
    });
    let region: Vec<String> = claims
        .region
        .as_deref()
        .map(|r| sync::with_directory_org(|org| org.station_codes_of_region(r)))
        .unwrap_or_default();
    let rank = |s: &StationChoice| {
        if claims.station.as_deref() == Some(s.code.as_str()) {
            (0, 0)
        } else if let Some(i) = region.iter().position(|c| *c == s.code) {
            (1, i)
        } else {
            (2, 0)
        }
    };
    let mut out: Vec<StationChoice> =
        all.into_iter().filter(|s| rank(s).0 < 2 || sync::rights(&DocumentId::roster(&s.code)).can_read()).collect();
    // A stable sort: the region in its own order, the rest in directory order.
    liandong_core::sort::by_key(&mut out, rank);
    out
}

/// The view of a station's roster document, tracking its version; `None` while it is not
/// open on this device.
pub fn view(code: &str) -> Option<StationRoster> {
    sync::read_doc(&DocumentId::roster(code)).map(StationRoster::new)
}

/// Whether the signed-in officer may change this station's roster (its station head).
pub fn can_write(code: &str) -> bool {
    sync::rights(&DocumentId::roster(code)).can_write()
}

/// The county's roster settings (defaults until the bureau sets its own).
pub fn config() -> RosterConfig {
    let Some(claims) = sync::signals().claims.get() else { return RosterConfig::default() };
    match sync::read_doc(&DocumentId::directory(&claims.county)) {
        Some(dir) => RosterConfig::read(&Directory::new(dir)).0,
        None => RosterConfig::default(),
    }
}

/// A station's live shifts and how many shift records could not be read (newer app).
pub fn shifts(code: &str, station: RecordId) -> (Vec<Shift>, usize) {
    match view(code) {
        Some(v) => {
            let (shifts, unreadable) = read_shifts(&v, station);
            (shifts, unreadable.len())
        }
        None => (Vec::new(), 0),
    }
}

/// The rules over the merged roster of a station, with who wrote each shift; officers on
/// loan count at the receiving station and not at the lending one.
pub fn report(
    code: &str,
    org: &Organisation,
    config: &RosterConfig,
    station: RecordId,
    (loans, joint): (&[Loan], &[Shift]),
) -> SyncReport {
    match view(code) {
        Some(v) => check_after_sync(
            &v,
            &liandong_core::roster::Context::new(org, config, station).with_loans(loans).with_joint(joint),
        ),
        None => SyncReport::default(),
    }
}

/// The loans of officers (借调) in the station's region that concern it (lent from it or
/// to it), from the region's command document; reactive, empty while it is not open.
pub fn loans(station: RecordId) -> Vec<Loan> {
    let Some(region) = sync::with_directory_org(|o| o.region_of(station).map(|r| r.code.clone())) else {
        return Vec::new();
    };
    let Some(doc) = sync::read_doc(&DocumentId::command(&region)) else { return Vec::new() };
    let state = CommandState::read(&RegionCommand::new(doc), None);
    liandong_core::command::loans::of_station(&liandong_core::command::loans::loans(&state), station)
}

/// The joint patrols and trainings (联巡, 联训) of the station's officers as their shifts,
/// from the region's command document ([`liandong_core::cooperation::shifts`]); reactive,
/// empty while it is not open. Never written to the roster: shown and counted beside it.
pub fn joint(station: RecordId) -> Vec<Shift> {
    let Some(region) = sync::with_directory_org(|o| o.region_of(station).map(|r| r.code.clone())) else {
        return Vec::new();
    };
    let Some(doc) = sync::read_doc(&DocumentId::command(&region)) else { return Vec::new() };
    let state = liandong_core::cooperation::CooperationState::read(&RegionCommand::new(doc));
    sync::with_directory_org(|org| liandong_core::cooperation::shifts::of_station(&state, org, station))
}

/// The region's meetings `station` is expected at, not called off, from the region's
/// command document; empty while it is not open.
pub fn meetings(station: RecordId) -> Vec<liandong_core::model::Meeting> {
    let Some(region) = sync::with_directory_org(|o| o.region_of(station).map(|r| r.code.clone())) else {
        return Vec::new();
    };
    let Some(doc) = sync::read_doc(&DocumentId::command(&region)) else { return Vec::new() };
    let state = liandong_core::cooperation::CooperationState::read(&RegionCommand::new(doc));
    state.meetings.into_iter().filter(|m| m.cancelled.is_none() && m.stations.contains(&station)).collect()
}

/// Today in China.
pub fn today() -> Date {
    liandong_core::time::in_china(liandong_core::time::now()).date()
}
