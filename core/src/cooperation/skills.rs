//! What a joint training does to skills (docs/domain.md "one officer, many skills"):
//! each attendee who passed holds the trained skill until the training's `valid_until`
//! (for good when it has none), from the training's first day. The grant is derived, not
//! written to the officer's roster (which only their station head writes): every device
//! applies the region's trainings to its organisation ([`apply`]), so the districts' skill
//! matrix, the "many skills" rule and the staffing minimums see the renewed skill.
//!
//! Who should attend ([`proposed`]): the region's officers whose grant of the skill has
//! expired or expires within [`RENEW_WITHIN_DAYS`] days of the training.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::ids::RecordId;
use crate::model::{JointTraining, SkillGrant};
use crate::org::Organisation;

use super::shifts::shift_id;

/// How soon before its expiry a skill is due for renewal: 60 days, two months to fit a
/// training in (the product's figure).
pub const RENEW_WITHIN_DAYS: i32 = 60;

/// Applies every recorded training of `trainings` not called off to `org`'s skill grants:
/// an attendee who passed and holds the skill keeps the later expiry (a grant without one
/// stays so); one who did not hold it gains it, at their own station.
pub fn apply<'a>(org: &mut Organisation, trainings: impl IntoIterator<Item = &'a JointTraining>) {
    for training in trainings {
        if training.recorded.is_none() || training.cancelled.is_some() {
            continue;
        }
        for officer in &training.passed {
            apply_one(org, training, *officer);
        }
    }
}

fn apply_one(org: &mut Organisation, training: &JointTraining, officer: RecordId) {
    let existing = org.skill_grants.iter_mut().find(|g| g.officer == officer && g.skill == training.skill);
    match existing {
        Some(grant) => {
            grant.expires = match (grant.expires, training.valid_until) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
        }
        None => {
            let Some(station) = org.officers.iter().find(|o| o.id == officer).and_then(|o| o.station) else { return };
            org.skill_grants.push(SkillGrant {
                id: shift_id(training.id, officer),
                station,
                officer,
                skill: training.skill.clone(),
                expires: training.valid_until,
            });
        }
    }
}

/// An officer proposed for a training of a skill, with their grant's last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposed {
    /// The officer.
    pub officer: RecordId,
    /// The last day their grant counts (before `on` when it has expired).
    pub expires: Date,
}

/// The officers of `stations` whose grant of `skill` has expired, or expires within
/// [`RENEW_WITHIN_DAYS`] days of `on` (the training's day), soonest first.
pub fn proposed(org: &Organisation, stations: &[RecordId], skill: &str, on: Date) -> Vec<Proposed> {
    let horizon = on.checked_add(RENEW_WITHIN_DAYS.days()).unwrap_or(on);
    let mut out: Vec<Proposed> = org
        .skill_grants
        .iter()
        .filter(|g| g.skill == skill && stations.contains(&g.station))
        .filter_map(|g| {
            g.expires.filter(|last| *last <= horizon).map(|expires| Proposed { officer: g.officer, expires })
        })
        .collect();
    crate::sort::by_key(&mut out, |p| (p.expires, p.officer));
    out.dedup_by_key(|p| p.officer);
    out
}
