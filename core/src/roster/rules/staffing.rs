//! Minimum staffing per shift ([`RosterRule::MinStaffing`]) and leave that breaks it
//! ([`RosterRule::LeaveBreaksStaffing`]).
//!
//! The shifts of one kind starting on one day (China time) are one staffed shift, e.g. the
//! night of 1 December. For each kind with a minimum in the county's settings, each such
//! shift in the period must have at least `min_officers` officers, and at least the given
//! number holding each listed skill (a grant valid on that day). An officer whose shift a
//! leave cancels is not on it; when the officers on leave would have made the minimum, the
//! finding is the leave's ([`RosterRule::LeaveBreaksStaffing`], naming the leave), otherwise
//! it is plain understaffing. A day without any shift of the kind is not checked here: the
//! coverage rule ([`super::coverage`]) is what asks for someone on duty around the clock.
//!
//! Loans (借调, [`crate::command::loans`]): an officer lent to another station during the
//! shift is not on it; when those on loan would have made the minimum, the finding is the
//! loan's ([`RosterRule::LoanBreaksStaffing`], WARN, naming the loans and who committed
//! the officers; for a skill's minimum, only the loans of officers holding the skill). An
//! officer lent to this station during the shift is on it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use super::prepared::Prepared;
use super::{Context, Finding, LoanRef, Period, RosterViolation};
use crate::command::Loan;
use crate::ids::RecordId;
use crate::model::{RosterRule, Shift, SkillGrant};
use crate::roster::shift_types::day_of;

/// The rules.
pub(crate) fn check(ctx: &Context, prepared: &Prepared, period: Period) -> Vec<RosterViolation> {
    let minimums = &ctx.config.rules.staffing.minimums;
    if minimums.is_empty() {
        return Vec::new();
    }
    // (day, index of the minimum) → the shifts of that staffed shift.
    let mut groups: BTreeMap<(Date, usize), Vec<&Shift>> = BTreeMap::new();
    for shift in &prepared.shifts {
        let Some(index) = minimums.iter().position(|m| m.kind == shift.kind) else { continue };
        let day = day_of(shift);
        if period.contains(day) {
            groups.entry((day, index)).or_default().push(shift);
        }
    }
    let grants = ctx.grants();
    let holds = |officer: &RecordId, skill: &str, day: Date| {
        grants.get(officer).is_some_and(|gs: &Vec<&SkillGrant>| gs.iter().any(|g| g.skill == skill && g.valid_on(day)))
    };
    let mut out = Vec::new();
    for ((day, index), shifts) in groups {
        let minimum = &minimums[index];
        let mut on: BTreeSet<RecordId> = BTreeSet::new();
        let mut away: HashMap<RecordId, &Shift> = HashMap::new();
        let mut lent: BTreeMap<RecordId, &Loan> = BTreeMap::new();
        for shift in &shifts {
            match (prepared.cancelled_by.get(&shift.id), prepared.lent_by.get(&shift.id)) {
                (Some(leave), _) => {
                    away.insert(shift.officer, leave);
                }
                (None, Some(loan)) => {
                    lent.insert(shift.officer, loan);
                }
                (None, None) if prepared.joint_away.contains(&shift.id) => {}
                (None, None) => {
                    on.insert(shift.officer);
                }
            }
        }
        let from = shifts.iter().map(|s| s.start).min().unwrap_or_default();
        let to = shifts.iter().map(|s| s.end).max().unwrap_or_default();
        on.extend(prepared.loaned_in.iter().filter(|l| l.overlaps(from, to)).map(|l| l.officer));
        away.retain(|officer, _| !on.contains(officer));
        lent.retain(|officer, _| !on.contains(officer) && !away.contains_key(officer));
        let requirements = std::iter::once((None, minimum.min_officers))
            .chain(minimum.skills.iter().map(|s| (Some(s.skill.as_str()), s.min_officers)));
        for (skill, min) in requirements {
            let counts = |officers: &mut dyn Iterator<Item = &RecordId>| {
                officers.filter(|o| skill.is_none_or(|skill| holds(o, skill, day))).count()
            };
            let count = counts(&mut on.iter());
            if count >= min as usize {
                continue;
            }
            let with_lent = count + counts(&mut lent.keys());
            if with_lent >= min as usize && with_lent > count {
                // The loans of officers who count toward this minimum (with its skill).
                let taken: Vec<&Loan> =
                    lent.values().copied().filter(|l| skill.is_none_or(|s| holds(&l.officer, s, day))).collect();
                let loans = taken
                    .iter()
                    .map(|l| LoanRef {
                        commitment: l.commitment,
                        officer: ctx.officer(l.officer),
                        to_station: l.to_station,
                        committed: l.committed,
                        to: ctx.station_ref(l.to_station),
                        by: ctx.officer(l.committed.by),
                    })
                    .collect();
                let finding = Finding::LoanedAway {
                    kind: minimum.kind,
                    day,
                    officers: u32::try_from(count).unwrap_or(u32::MAX),
                    min,
                    skill: skill.map(|s| ctx.skill_name(s)),
                    loans,
                };
                let officers = taken.iter().map(|l| ctx.officer(l.officer)).collect();
                let ids = shifts.iter().map(|s| s.id).collect();
                out.push(RosterViolation::new(
                    ctx.config,
                    RosterRule::LoanBreaksStaffing,
                    officers,
                    (from, to),
                    ids,
                    finding,
                ));
                continue;
            }
            let with_away = with_lent + counts(&mut away.keys());
            let by_leave = with_away >= min as usize;
            let (rule, officers, mut ids) = if by_leave {
                let officers = away.keys().map(|o| ctx.officer(*o)).collect();
                (RosterRule::LeaveBreaksStaffing, officers, away.values().map(|l| l.id).collect::<Vec<_>>())
            } else {
                (RosterRule::MinStaffing, on.iter().map(|o| ctx.officer(*o)).collect(), Vec::new())
            };
            ids.extend(shifts.iter().map(|s| s.id));
            let finding = Finding::Understaffed {
                kind: minimum.kind,
                day,
                officers: u32::try_from(count).unwrap_or(u32::MAX),
                min,
                skill: skill.map(|s| ctx.skill_name(s)),
            };
            out.push(RosterViolation::new(ctx.config, rule, officers, (from, to), ids, finding));
        }
    }
    out
}
