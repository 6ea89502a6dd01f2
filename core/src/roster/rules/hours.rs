//! Most work hours in any rolling window ([`RosterRule::MaxHoursInWindow`], default 60 hours
//! in 7 days): the window slides over time, not calendar weeks, and a shift counts with the
//! part of it inside the window. Windows that are over the limit and overlap make one
//! violation, with the worst window's figure and every shift they touch.
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
        candidates.sort_unstable();
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
        // Overlapping windows make one finding.
        let mut clusters: Vec<(i64, i64, i64)> = Vec::new();
        for (from, to, secs) in over {
            match clusters.last_mut() {
                Some(last) if from < last.1 => {
                    last.1 = last.1.max(to);
                    last.2 = last.2.max(secs);
                }
                _ => clusters.push((from, to, secs)),
            }
        }
        for (from, to, secs) in clusters {
            let touched: Vec<&&Shift> =
                work.iter().filter(|s| s.start.as_second() < to && s.end.as_second() > from).collect();
            let range_from = touched.iter().map(|s| s.start).min().unwrap_or(Timestamp::UNIX_EPOCH);
            let range_to = touched.iter().map(|s| s.end).max().unwrap_or(Timestamp::UNIX_EPOCH);
            out.push(RosterViolation::new(
                ctx.config,
                RosterRule::MaxHoursInWindow,
                vec![ctx.officer(*officer)],
                (range_from, range_to),
                touched.iter().map(|s| s.id).collect(),
                Finding::Hours { minutes: secs / 60, max_minutes: rule.max_minutes, window_days: rule.window_days },
            ));
        }
    }
    out
}
