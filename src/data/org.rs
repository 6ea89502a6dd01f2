//! The organisation as this device knows it. Two readings, named apart: the directory's
//! alone (stations, regions, officers: enough to name things and decide rights), and the
//! directory with every open station roster (skill grants, districts, offices and
//! residences: what the rules and the coverage board need).

use liandong_core::DocumentId;
use liandong_core::docs::{Directory, RegionCommand, StationRoster};
use liandong_core::org::Organisation;

use crate::sync;

pub use crate::sync::{directory_org, with_directory_org};

/// The organisation with the skill grants, districts, offices and residences of every
/// station roster open on this device, and the skills the region's joint trainings renewed
/// or granted; reactive (tracks the directory, the rosters and the region's command document).
/// Without the directory, an empty one. Reads every open roster: call it from a memo.
pub fn org_with_rosters() -> Organisation {
    let Some(claims) = super::claims() else { return Organisation::default() };
    let Some(dir) = sync::read_doc(&DocumentId::directory(&claims.county)) else { return Organisation::default() };
    let codes = with_directory_org(|org| org.stations.iter().map(|s| s.code.clone()).collect::<Vec<_>>());
    let rosters: Vec<StationRoster> =
        codes.iter().filter_map(|code| sync::read_doc(&DocumentId::roster(code)).map(StationRoster::new)).collect();
    let mut org = Organisation::read(&Directory::new(dir), &rosters).0;
    // Skills renewed or granted by the region's joint trainings (联训), which the rosters do
    // not hold: the center station may not write them (liandong_core::cooperation::skills).
    if let Some(command) = claims.region.and_then(|r| sync::read_doc(&DocumentId::command(&r))) {
        let state = liandong_core::cooperation::CooperationState::read(&RegionCommand::new(command));
        liandong_core::cooperation::skills::apply(&mut org, &state.trainings);
    }
    org
}
