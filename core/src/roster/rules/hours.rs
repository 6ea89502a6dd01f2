//! Most work hours in any rolling window ([`RosterRule::MaxHoursInWindow`], default 72 hours
//! in 7 days): the window slides over time, not calendar weeks, and a shift counts with the
//! part of it inside the window. Windows that are over the limit and overlap make one
//! violation, naming the worst window: its start and end (`window_days` apart) as the
//! violation's time range, the work in it, and the shifts it touches.
//!
//! The most work in a window of fixed length is reached by a window that starts where a
//! shift starts or ends where a shift ends, so only those windows are measured.

use jiff::Timestamp;

use super::prepared::Prepared;
use super::{Context, Finding, RosterViolation};
use crate::model::{RosterRule, Shift};

/// Seconds of `shifts` inside `[from, to)`.
fn worked(shifts: &[&Shift], from: i64, to: i64) -> i64 {
    shifts
        .iter()
        .take_while(|s| s.start.as_second() < to)
        .map(|s| (s.end.as_second().min(to) - s.start.as_second().max(from)).max(0))
        .sum()
}

/// The rule.
pub(crate) fn check(ctx: &Context, prepared: &Prepared) -> Vec<RosterViolation> {
    let rule = &ctx.config.rules.hours;
    let window = i64::from(rule.window_days) * 86_400;
    let max_secs = i64::from(rule.max_minutes) * 60;
    let mut out = Vec::new();
    for (officer, shifts) in &prepared.officers {
        let work = &shifts.work;
        let total: i64 = work.iter().map(|s| s.end.as_second() - s.start.as_second()).sum();
        if total <= max_secs {
            continue;
        }
        // Windows over the limit as (start, end, seconds), in start order.
        let mut over: Vec<(i64, i64, i64)> = Vec::new();
        let starts = work.iter().map(|s| s.start.as_second());
        let ends = work.iter().map(|s| s.end.as_second() - window);
        let mut candidates: Vec<i64> = starts.chain(ends).collect();
        crate::sort::natural(&mut candidates);
        candidates.dedup();
        let longest = work.iter().map(|s| s.end.as_second() - s.start.as_second()).max().unwrap_or(0);
        for from in candidates {
            // Shifts starting before this cannot reach into the window.
            let first = work.partition_point(|s| s.start.as_second() + longest <= from);
            let secs = worked(&work[first..], from, from + window);
            if secs > max_secs {
                over.push((from, from + window, secs));
            }
        }
        // Overlapping windows make one finding, named by its worst window: (cluster end,
        // worst window start, worst window seconds). The earliest of equal windows is named.
        let mut clusters: Vec<(i64, i64, i64)> = Vec::new();
        for (from, to, secs) in over {
            match clusters.last_mut() {
                Some(last) if from < last.0 => {
                    last.0 = last.0.max(to);
                    if secs > last.2 {
                        (last.1, last.2) = (from, secs);
                    }
                }
                _ => clusters.push((to, from, secs)),
            }
        }
        for (_, from, secs) in clusters {
            let to = from + window;
            let touched: Vec<&&Shift> =
                work.iter().filter(|s| s.start.as_second() < to && s.end.as_second() > from).collect();
            let stamp = |secs: i64| Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH);
            out.push(RosterViolation::new(
                ctx.config,
                RosterRule::MaxHoursInWindow,
                vec![ctx.officer(*officer)],
                (stamp(from), stamp(to)),
                touched.iter().map(|s| s.id).collect(),
                Finding::Hours { minutes: secs / 60, max_minutes: rule.max_minutes, window_days: rule.window_days },
            ));
        }
    }
    out
}
