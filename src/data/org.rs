//! The organisation as this device knows it. Two readings, named apart: the directory's
//! alone (stations, regions, officers: enough to name things and decide rights), and the
//! directory with every open station roster (skill grants, districts, offices and
//! residences: what the rules and the coverage board need).

use liandong_core::DocumentId;
use liandong_core::docs::{Directory, StationRoster};
use liandong_core::org::Organisation;

use crate::sync;

pub use crate::sync::{directory_org, with_directory_org};

/// The organisation with the skill grants, districts, offices and residences of every
/// station roster open on this device; reactive (tracks the directory and the rosters).
/// Without the directory, an empty one. Reads every open roster: call it from a memo.
pub fn org_with_rosters() -> Organisation {
    let Some(claims) = super::claims() else { return Organisation::default() };
    let Some(dir) = sync::read_doc(&DocumentId::directory(&claims.county)) else { return Organisation::default() };
    let codes = with_directory_org(|org| org.stations.iter().map(|s| s.code.clone()).collect::<Vec<_>>());
    let rosters: Vec<StationRoster> =
        codes.iter().filter_map(|code| sync::read_doc(&DocumentId::roster(code)).map(StationRoster::new)).collect();
    Organisation::read(&Directory::new(dir), &rosters).0
}
