//! Rapid response (打现行): every minute of the period covered by a shift that someone leads
//! (带班), of the kinds in the settings (default 24-hour duty) ([`RosterRule::DutyCoverage`]).
//!
//! The period runs from its first day at the duty start time (08:30 by default) to the
//! day after its last day at the same time. Each gap, however short (one minute fails), is
//! one violation naming the led shifts on either side of it. Shifts a leave cancels do not
//! cover.

use jiff::Timestamp;

use super::prepared::Prepared;
use super::{Context, Finding, Period, RosterViolation};
use crate::model::{RosterRule, Shift};
use crate::time::china;

fn gap(
    ctx: &Context,
    from: Timestamp,
    to: Timestamp,
    before: Option<&Shift>,
    after: Option<&Shift>,
) -> RosterViolation {
    let around: Vec<&Shift> = before.into_iter().chain(after).collect();
    let secs = to.as_second() - from.as_second();
    RosterViolation::new(
        ctx.config,
        RosterRule::DutyCoverage,
        around.iter().map(|s| ctx.officer(s.officer)).collect(),
        (from, to),
        around.iter().map(|s| s.id).collect(),
        Finding::CoverageGap { minutes: (secs + 59) / 60 },
    )
}

/// The rule.
pub(crate) fn check(ctx: &Context, prepared: &Prepared, period: Period) -> Vec<RosterViolation> {
    let rule = &ctx.config.rules.coverage;
    let Some(kind) = rule.kinds.first() else { return Vec::new() };
    let start = ctx.config.times(*kind, ctx.station).start;
    let bounds = period.last.tomorrow().ok().and_then(|after| {
        let from = china().to_timestamp(period.first.to_datetime(start)).ok()?;
        let to = china().to_timestamp(after.to_datetime(start)).ok()?;
        Some((from, to))
    });
    let Some((window_start, window_end)) = bounds else { return Vec::new() };
    let led = prepared
        .shifts
        .iter()
        .filter(|s| s.leader && rule.kinds.contains(&s.kind) && !prepared.cancelled_by.contains_key(&s.id));
    let mut out = Vec::new();
    let mut cursor = window_start;
    let mut reaching: Option<&Shift> = None;
    for shift in led {
        if shift.start >= window_end {
            break;
        }
        if shift.end <= cursor {
            continue;
        }
        if shift.start > cursor {
            out.push(gap(ctx, cursor, shift.start, reaching, Some(shift)));
        }
        cursor = shift.end;
        reaching = Some(shift);
    }
    if cursor < window_end {
        out.push(gap(ctx, cursor, window_end, reaching, None));
    }
    out
}
