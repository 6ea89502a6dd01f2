//! Who may do what in the region's daily cooperation. The relay checks only the right to
//! write the command document (the commander and station heads, `crate::access`); the
//! app follows these finer rules, from docs/domain.md "Daily cooperation":
//! - the commander and the center station's head plan meetings, joint patrols and
//!   trainings, and record meetings and training results;
//! - a joint patrol's findings are recorded by them or by the head of a station whose
//!   officers were on it;
//! - a decision is marked done by them or by the head of the station that owns it.

use crate::access::Claims;
use crate::ids::RecordId;
use crate::model::{Decision, JointPatrol, Role};
use crate::org::Organisation;

/// Whether `claims` plans and records the region's cooperation: the commander, or the
/// center station's head (or deputy head).
pub fn may_plan(claims: &Claims, org: &Organisation) -> bool {
    match claims.role {
        Role::Commander => true,
        Role::StationHead => claims.at_center(org),
        _ => false,
    }
}

/// Whether `claims` records the findings of `patrol`: a planner, or the head of a station
/// one of its officers belongs to.
pub fn may_report(claims: &Claims, org: &Organisation, patrol: &JointPatrol) -> bool {
    may_plan(claims, org) || head_of_any(claims, org, |station| patrol_has_station(org, patrol, station))
}

/// Whether `claims` marks `decision` done: a planner, or the head of the owning station.
pub fn may_close(claims: &Claims, org: &Organisation, decision: &Decision) -> bool {
    may_plan(claims, org) || head_of_any(claims, org, |station| station == decision.owner)
}

fn head_of_any(claims: &Claims, org: &Organisation, f: impl Fn(RecordId) -> bool) -> bool {
    claims.role == Role::StationHead && claims.station_id(org).is_some_and(f)
}

fn patrol_has_station(org: &Organisation, patrol: &JointPatrol, station: RecordId) -> bool {
    patrol.officers.iter().any(|o| org.officers.iter().any(|x| x.id == *o && x.station == Some(station)))
}
