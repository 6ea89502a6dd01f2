//! Checking an edit before it is saved: the violations a new or changed shift (or a
//! removal) would newly cause, so the roster screen can block with the reason; a station
//! head's override of blocking violations; and the save itself.
//!
//! "Newly caused" compares the rules over the roster before and after the edit, over the
//! same period (the roster's days plus the edit's). A short shift is new only when the
//! edit leaves fewer officers on it than before (the first officer planned on an empty
//! night does not "cause" it to be short); a coverage gap only when it is not inside a gap
//! already there; any other violation when none before had the same rule, officers,
//! shifts and time range, so one the edit makes worse (a longer run) is new too.
//! Violations already there are not the edit's business and do not block it.

use jiff::Timestamp;

use super::merge::read_shifts;
use super::rules::{self, Context, Finding, Period, RosterViolation};
use super::shift_types::day_of;
use super::validate::{self, ShiftError};
use crate::docs::{StationRoster, WriteError};
use crate::ids::RecordId;
use crate::model::{Officer, Role, RosterRule, Shift};

/// What an edit would newly cause.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditCheck {
    /// The new violations, in time order (overridden ones included, marked).
    pub violations: Vec<RosterViolation>,
}

impl EditCheck {
    /// Whether the edit must not be saved as it is (a BLOCK violation not overridden).
    pub fn blocks(&self) -> bool {
        self.violations.iter().any(RosterViolation::blocks)
    }

    /// The blocking violations.
    pub fn blocking(&self) -> impl Iterator<Item = &RosterViolation> {
        self.violations.iter().filter(|v| v.blocks())
    }
}

/// The violations in `after` that the edit newly causes, compared with `before`:
/// - understaffing: only when the edit leaves fewer officers (with the skill) on that
///   shift than before. Planning the first officer of a night is not "causing" the night
///   to be short; taking one off a full night is. (The whole roster's findings still list
///   every short shift.)
/// - a coverage gap: only when it is not inside a gap that was already there.
/// - every other rule: when no violation before had the same rule, officers, shifts and
///   time range, so one the edit makes worse (a longer run) is new.
fn new_violations(roster: &[Shift], before: Vec<RosterViolation>, after: Vec<RosterViolation>) -> EditCheck {
    let key = |v: &RosterViolation| {
        (v.rule, v.officers.iter().map(|o| o.id).collect::<Vec<_>>(), v.shifts.clone(), v.from, v.to)
    };
    let known: std::collections::HashSet<_> = before.iter().map(key).collect();
    let staffed_before = |kind, day, skill: &Option<String>| {
        before
            .iter()
            .filter(|b| b.rule == RosterRule::MinStaffing || b.rule == RosterRule::LeaveBreaksStaffing)
            .find_map(|b| match &b.finding {
                Finding::Understaffed { kind: k, day: d, officers, skill: s, .. }
                    if *k == kind && *d == day && s == skill =>
                {
                    Some(*officers)
                }
                _ => None,
            })
    };
    let is_new = |v: &RosterViolation| match (&v.rule, &v.finding) {
        (RosterRule::MinStaffing, Finding::Understaffed { kind, day, officers, skill, .. }) => {
            // No finding before: the shift was full, or not planned at all (nobody on it).
            match staffed_before(*kind, *day, skill) {
                Some(had) => *officers < had,
                None => roster.iter().any(|s| s.kind == *kind && day_of(s) == *day),
            }
        }
        (RosterRule::DutyCoverage, _) => {
            !before.iter().any(|b| b.rule == RosterRule::DutyCoverage && b.from <= v.from && v.to <= b.to)
        }
        _ => !known.contains(&key(v)),
    };
    EditCheck { violations: after.iter().filter(|v| is_new(v)).cloned().collect() }
}

/// What saving `proposed` (a new shift, or a changed version of the roster's shift with the
/// same id) into `roster` would newly cause. Bad input is refused with its reasons first.
pub fn check_edit(ctx: &Context, roster: &[Shift], proposed: &Shift) -> Result<EditCheck, Vec<ShiftError>> {
    let errors = validate::check_shift(ctx.org, ctx.station, roster, proposed);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut after: Vec<Shift> = roster.iter().filter(|s| s.id != proposed.id).cloned().collect();
    after.push(proposed.clone());
    let period = [Period::of(roster, ctx.station), Period::of(std::slice::from_ref(proposed), ctx.station)]
        .into_iter()
        .flatten()
        .reduce(Period::union);
    Ok(new_violations(roster, rules::check(ctx, roster, period), rules::check(ctx, &after, period)))
}

/// What removing shift `id` from `roster` would newly cause (staffing, coverage).
pub fn check_removal(ctx: &Context, roster: &[Shift], id: RecordId) -> EditCheck {
    let after: Vec<Shift> = roster.iter().filter(|s| s.id != id).cloned().collect();
    let period = Period::of(roster, ctx.station);
    let mut check = new_violations(roster, rules::check(ctx, roster, period), rules::check(ctx, &after, period));
    check.violations.retain(|v| removal_can_worsen(v.rule));
    check
}

/// Whether taking a shift away can make `rule` worse: fewer officers on a shift (minimum
/// staffing, and leave that takes a shift below it) and a gap in the led duty (coverage).
/// Less work never shortens a rest, lengthens a run of duty days or nights, or adds hours:
/// a finding of those after a removal is only the same finding measured again.
fn removal_can_worsen(rule: RosterRule) -> bool {
    match rule {
        RosterRule::MinStaffing
        | RosterRule::LeaveBreaksStaffing
        | RosterRule::LoanBreaksStaffing
        | RosterRule::DutyCoverage => true,
        RosterRule::MinRest
        | RosterRule::MaxConsecutiveDays
        | RosterRule::MaxNightsInRow
        | RosterRule::MaxHoursInWindow
        | RosterRule::JointOnDuty
        | RosterRule::JointOnLeave => false,
        // A rule of a newer app: shown, as it may be one that removal worsens.
        RosterRule::Unknown => true,
    }
}

/// Why an override was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverrideError {
    /// Only the station's head may override.
    #[error("only the station head may override")]
    NotStationHead,
    /// The reason is required.
    #[error("a reason is required")]
    NoteMissing,
}

/// Records on `shift` that `head` accepts each blocking violation among `violations` (from
/// [`check_edit`] of this shift), with `note` as the reason, at `at`. Returns how many
/// were accepted. Check the edit again afterwards: those violations then show as
/// overridden and no longer block.
pub fn override_violations(
    shift: &mut Shift,
    violations: &[RosterViolation],
    head: &Officer,
    note: &str,
    at: Timestamp,
) -> Result<usize, OverrideError> {
    if head.role != Role::StationHead || head.station != Some(shift.station) {
        return Err(OverrideError::NotStationHead);
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(OverrideError::NoteMissing);
    }
    let mut accepted = 0;
    for v in violations.iter().filter(|v| v.blocks()) {
        if !shift.overrides.iter().any(|o| v.matches(o)) {
            shift.overrides.push(v.override_by(head.id, note, at));
            accepted += 1;
        }
    }
    Ok(accepted)
}

/// Why a save was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaveError {
    /// Bad input.
    #[error("the shift is refused: {0:?}")]
    Refused(Vec<ShiftError>),
    /// Blocking violations not overridden.
    #[error("{} blocking rule violation(s): {:?}", .0.len(), .0.iter().map(|v| v.rule).collect::<Vec<_>>())]
    Blocked(Vec<RosterViolation>),
    /// The document refused the write (e.g. written by a newer app).
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Checks `proposed` against the roster of `ctx.station` in `view` and writes it if
/// nothing blocks; returns what it newly causes (warnings and overridden violations) so
/// the screen can show them.
pub fn save(view: &StationRoster, ctx: &Context, proposed: &Shift) -> Result<EditCheck, SaveError> {
    let (roster, _unreadable) = read_shifts(view, ctx.station);
    let check = check_edit(ctx, &roster, proposed).map_err(SaveError::Refused)?;
    if check.blocks() {
        return Err(SaveError::Blocked(check.blocking().cloned().collect()));
    }
    view.put(proposed)?;
    Ok(check)
}
