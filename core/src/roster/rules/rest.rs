//! Shortest rest between two work shifts of one officer ([`RosterRule::MinRest`]): from the
//! end of one to the start of the officer's next, default 11 hours. Two shifts that touch
//! (08:00–18:00 then 18:00–08:00) have no rest between them; overlapping shifts are bad
//! input ([`crate::roster::validate`]), not a rest finding.

use super::prepared::Prepared;
use super::{Context, Finding, RosterViolation};
use crate::model::RosterRule;

/// Every rest shorter than the minimum.
pub(crate) fn check(ctx: &Context, prepared: &Prepared) -> Vec<RosterViolation> {
    let min_minutes = ctx.config.rules.rest.min_minutes;
    let min_secs = i64::from(min_minutes) * 60;
    let mut out = Vec::new();
    for (officer, shifts) in &prepared.officers {
        let mut latest = None;
        for shift in &shifts.work {
            if let Some(prev) = latest {
                let prev: &crate::model::Shift = prev;
                let rest = shift.start.as_second() - prev.end.as_second();
                if (0..min_secs).contains(&rest) {
                    out.push(RosterViolation::new(
                        ctx.config,
                        RosterRule::MinRest,
                        vec![ctx.officer(*officer)],
                        (prev.end, shift.start),
                        vec![prev.id, shift.id],
                        Finding::ShortRest { minutes: rest / 60, min_minutes },
                    ));
                }
            }
            latest = match latest {
                Some(prev) if prev.end >= shift.end => Some(prev),
                _ => Some(*shift),
            };
        }
    }
    out
}
