//! Filling many cells at once: copying last week, and applying a rotation pattern
//! ([`Rotation`], 轮班模式) to a date range for chosen officers.
//!
//! Both plan the shifts one by one, day by day, with the same check as a single edit
//! ([`check_edit`]) against the roster as it grows: a cell where the officer already has a
//! shift is kept as it is, and a shift that is refused (overlap) or that a BLOCK rule stops
//! is left out and reported with its reason ([`SkipReason`]: the errors or violations,
//! which the app words). Nothing is written here: the caller writes [`Fill::shifts`] in one
//! transaction, so a fill is all or nothing on the document.

use jiff::ToSpan;
use jiff::civil::Date;

use super::config::Rotation;
use super::edit::check_edit;
use super::rules::{Context, RosterViolation};
use super::shift_types::{day_of, new_shift};
use super::validate::ShiftError;
use crate::ids::RecordId;
use crate::model::Shift;

/// The longest range a rotation is applied to at once, in days (a quarter).
pub const MAX_ROTATION_DAYS: i64 = 92;

/// A cell left out of a fill, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The officer.
    pub officer: RecordId,
    /// The day.
    pub date: Date,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why a cell was left out of a fill: what a single edit of that shift would have met
/// ([`check_edit`]).
#[derive(Debug, Clone, PartialEq)]
pub enum SkipReason {
    /// Bad input (e.g. an overlap with a shift planned earlier in the fill).
    Refused(Vec<ShiftError>),
    /// The blocking violations it would newly cause.
    Blocked(Vec<RosterViolation>),
}

/// The outcome of a fill: the shifts to write, the cells left as they were, and the cells
/// left out with reasons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fill {
    /// New shifts, in the order planned (day by day).
    pub shifts: Vec<Shift>,
    /// Cells where the officer already had a shift, kept as they were.
    pub kept: usize,
    /// Cells left out, with the reasons.
    pub skipped: Vec<Skipped>,
    /// Shifts there were to copy or plan (for copy-last-week: last week's shifts).
    pub sources: usize,
}

impl Fill {
    /// Plans `shift` into `roster` unless the officer already had a shift that day before
    /// this fill (a leave and a duty copied onto one day are both planned) or the rules
    /// stop it.
    fn plan(&mut self, ctx: &Context, roster: &mut Vec<Shift>, shift: Shift) {
        let date = day_of(&shift);
        let planned_here = |s: &Shift| self.shifts.iter().any(|p| p.id == s.id);
        if roster.iter().any(|s| s.officer == shift.officer && day_of(s) == date && !planned_here(s)) {
            self.kept += 1;
            return;
        }
        let reason = match check_edit(ctx, roster, &shift) {
            Ok(check) if !check.blocks() => {
                roster.push(shift.clone());
                self.shifts.push(shift);
                return;
            }
            Ok(check) => SkipReason::Blocked(check.blocking().cloned().collect()),
            Err(errors) => SkipReason::Refused(errors),
        };
        self.skipped.push(Skipped { officer: shift.officer, date, reason });
    }
}

/// Why a rotation could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    /// The pattern has no days.
    #[error("the pattern has no days")]
    EmptyPattern,
    /// No officer chosen.
    #[error("choose at least one officer")]
    NoOfficers,
    /// The range ends before it starts.
    #[error("the range ends before it starts")]
    EndBeforeStart,
    /// The range is longer than [`MAX_ROTATION_DAYS`].
    #[error("at most {MAX_ROTATION_DAYS} days at once")]
    TooLong,
    /// A day at the edge of the calendar.
    #[error("cannot plan a shift on {0}")]
    Calendar(Date),
}

/// Applies `rotation` from `from` to `to` (both included) to `officers`, in that order.
/// Officer `i` starts the pattern at its first day, or, with `stagger`, at day `i` of the
/// cycle, so that a one-in-three duty pattern over three officers puts one of them on duty
/// every day. The result is checked against `roster` (the station's shifts) as described
/// in the module docs.
pub fn apply_rotation(
    ctx: &Context,
    roster: &[Shift],
    rotation: &Rotation,
    officers: &[RecordId],
    (from, to): (Date, Date),
    stagger: bool,
) -> Result<Fill, RotationError> {
    let cycle = rotation.steps.len();
    if cycle == 0 {
        return Err(RotationError::EmptyPattern);
    }
    if officers.is_empty() {
        return Err(RotationError::NoOfficers);
    }
    if to < from {
        return Err(RotationError::EndBeforeStart);
    }
    let length = (to - from).get_days();
    if i64::from(length) >= MAX_ROTATION_DAYS {
        return Err(RotationError::TooLong);
    }
    let mut roster = roster.to_vec();
    let mut fill = Fill::default();
    for offset in 0..=length {
        let date = from.checked_add(offset.days()).map_err(|_| RotationError::Calendar(from))?;
        for (i, officer) in officers.iter().enumerate() {
            let index = (offset as usize + if stagger { i } else { 0 }) % cycle;
            let step = rotation.steps[index];
            let Some(kind) = step.kind else { continue };
            let mut shift = new_shift(ctx.config, ctx.station, *officer, kind, date)
                .map_err(|e| RotationError::Calendar(e.date))?;
            shift.leader = step.leader;
            fill.plan(ctx, &mut roster, shift);
        }
    }
    Ok(fill)
}

/// Copies the station's shifts of the week before `monday` into the week starting
/// `monday`, each exactly 7 days later (times, leader, leave kind and note kept; overrides
/// not: a copy is a new edit and is checked again).
pub fn copy_last_week(ctx: &Context, roster: &[Shift], monday: Date) -> Fill {
    let mut fill = Fill::default();
    let Ok(last_monday) = monday.checked_sub(7.days()) else { return fill };
    let mut planned = roster.to_vec();
    let mut sources: Vec<&Shift> = roster.iter().filter(|s| (last_monday..monday).contains(&day_of(s))).collect();
    // Work before leave, as it was planned: a leave over a duty day is a request that
    // cancels the duty, while a duty planned inside a leave is refused.
    crate::sort::by_key(&mut sources, |s| (s.kind == crate::model::ShiftKind::Leave, s.start));
    fill.sources = sources.len();
    for shift in sources {
        let (Ok(start), Ok(end)) = (shift.start.checked_add(168.hours()), shift.end.checked_add(168.hours())) else {
            continue;
        };
        let copy = Shift { id: RecordId::new(), start, end, overrides: Vec::new(), ..shift.clone() };
        fill.plan(ctx, &mut planned, copy);
    }
    fill
}
