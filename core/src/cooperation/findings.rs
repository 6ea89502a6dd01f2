//! What needs doing in the region's cooperation (docs/domain.md "Daily cooperation"):
//! a joint patrol still to come without a leader (带队), a decision of a meeting past its
//! due date and not done. A patrol or training over an officer's shift or leave is a
//! roster rule ([`crate::roster::rules::joint`]).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::ids::RecordId;

use super::CooperationState;

/// One finding, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Patrol `patrol`, not yet ended and not called off, has no leader.
    NoLeader {
        /// The patrol.
        patrol: RecordId,
        /// Its start.
        start: Timestamp,
    },
    /// Decision `decision` of station `owner` was due on `due`, before today, and is not done.
    Overdue {
        /// The decision.
        decision: RecordId,
        /// The station that owns it.
        owner: RecordId,
        /// Its due day.
        due: Date,
    },
}

/// The findings as of `now` (`today` its China day): patrols first (soonest first), then
/// decisions (most overdue first).
pub fn findings(state: &CooperationState, now: Timestamp, today: Date) -> Vec<Finding> {
    let mut patrols: Vec<Finding> = state
        .live_patrols()
        .filter(|p| p.leader.is_none() && p.end > now)
        .map(|p| Finding::NoLeader { patrol: p.id, start: p.start })
        .collect();
    crate::sort::by_key(&mut patrols, |f| match f {
        Finding::NoLeader { start, .. } => *start,
        Finding::Overdue { .. } => Timestamp::MAX,
    });
    let mut decisions: Vec<(Date, Finding)> = state
        .decisions
        .iter()
        .filter(|d| d.done.is_none() && d.due < today)
        .filter(|d| state.meeting(d.meeting).is_none_or(|m| m.cancelled.is_none()))
        .map(|d| (d.due, Finding::Overdue { decision: d.id, owner: d.owner, due: d.due }))
        .collect();
    crate::sort::by_key(&mut decisions, |(due, _)| *due);
    patrols.extend(decisions.into_iter().map(|(_, f)| f));
    patrols
}
