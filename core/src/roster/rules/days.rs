//! Runs of days: most duty days in a row ([`RosterRule::MaxConsecutiveDays`], default 6) and
//! most night shifts in a row ([`RosterRule::MaxNightsInRow`], default 4).
//!
//! A duty day is a China calendar day on which one of the officer's work shifts starts;
//! nights in a row are night shifts (kind [`ShiftKind::Night`]) starting on consecutive
//! days. One violation per run that is too long, naming every shift of the run.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::prepared::Prepared;
use super::{Context, Finding, RosterViolation};
use crate::model::{RosterRule, Shift, ShiftKind};
use crate::roster::shift_types::day_of;

/// Runs of consecutive days among `shifts` (by start day) longer than `max` days.
fn long_runs<'a>(shifts: impl Iterator<Item = &'a Shift>, max: u32) -> Vec<Vec<&'a Shift>> {
    let mut by_day: BTreeMap<Date, Vec<&Shift>> = BTreeMap::new();
    for shift in shifts {
        by_day.entry(day_of(shift)).or_default().push(shift);
    }
    let mut runs = Vec::new();
    let mut run: Vec<&Shift> = Vec::new();
    let mut days = 0u32;
    let mut last: Option<Date> = None;
    for (day, shifts) in by_day {
        let next = last.and_then(|l| l.tomorrow().ok());
        if next != Some(day) {
            if days > max {
                runs.push(std::mem::take(&mut run));
            }
            run.clear();
            days = 0;
        }
        run.extend(shifts);
        days += 1;
        last = Some(day);
    }
    if days > max {
        runs.push(run);
    }
    runs
}

/// The number of distinct start days in a run.
fn day_count(run: &[&Shift]) -> u32 {
    let mut days: Vec<Date> = run.iter().map(|s| day_of(s)).collect();
    days.dedup();
    u32::try_from(days.len()).unwrap_or(u32::MAX)
}

fn violation(
    ctx: &Context,
    rule: RosterRule,
    officer: crate::ids::RecordId,
    run: &[&Shift],
    finding: Finding,
) -> RosterViolation {
    let from = run.iter().map(|s| s.start).min().unwrap_or_default();
    let to = run.iter().map(|s| s.end).max().unwrap_or_default();
    RosterViolation::new(
        ctx.config,
        rule,
        vec![ctx.officer(officer)],
        (from, to),
        run.iter().map(|s| s.id).collect(),
        finding,
    )
}

/// Both rules.
pub(crate) fn check(ctx: &Context, prepared: &Prepared) -> Vec<RosterViolation> {
    let max_days = ctx.config.rules.consecutive_days.max_days;
    let max_nights = ctx.config.rules.nights.max_nights;
    let mut out = Vec::new();
    for (officer, shifts) in &prepared.officers {
        for run in long_runs(shifts.work.iter().copied(), max_days) {
            let finding = Finding::ConsecutiveDays { days: day_count(&run), max: max_days };
            out.push(violation(ctx, RosterRule::MaxConsecutiveDays, *officer, &run, finding));
        }
        let nights = shifts.work.iter().copied().filter(|s| s.kind == ShiftKind::Night);
        for run in long_runs(nights, max_nights) {
            let finding = Finding::NightsInRow { nights: day_count(&run), max: max_nights };
            out.push(violation(ctx, RosterRule::MaxNightsInRow, *officer, &run, finding));
        }
    }
    out
}
