//! The deadlines of a joint mediation case (警民联调) and the order the cases need
//! attention in.
//!
//! Published practice (新余, 2025; docs/domain.md "Community work"): feedback to the
//! parties on an ordinary dispute within 24 hours ([`FEEDBACK_HOURS`]); complex disputes
//! resolved, in principle, within 5 days ([`RESOLVE_DAYS`]); every resolved case visited
//! again (a 100 % return-visit rate). The source gives no day for the return visit: this
//! product asks for it within 7 days of the resolution ([`RETURN_VISIT_DAYS`]). Deadlines
//! are durations from the moment the case was taken on (China has no daylight saving, so
//! 5 × 24 h is also 5 calendar days at the same clock time).

use jiff::{SignedDuration, Timestamp};

use crate::ids::RecordId;
use crate::model::MediationCase;

/// Hours from the case's opening to the first feedback.
pub const FEEDBACK_HOURS: i64 = 24;
/// Days from the case's opening to its resolution.
pub const RESOLVE_DAYS: i64 = 5;
/// Days from the resolution to the return visit.
pub const RETURN_VISIT_DAYS: i64 = 7;
/// Hours before a deadline in which it counts as near (the list shows it in amber).
pub const NEAR_HOURS: i64 = 12;

/// Which step a case waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseStage {
    /// The first feedback to the parties (24 h).
    Feedback,
    /// The resolution (5 days).
    Resolution,
    /// The return visit after the resolution.
    ReturnVisit,
    /// Done: resolved and visited again.
    Closed,
}

/// The deadline a case waits for, and how it stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The step awaited.
    pub stage: CaseStage,
    /// When it is due (`None` once closed).
    pub due: Option<Timestamp>,
    /// Seconds left until `due` (negative: overdue by that much).
    pub left_seconds: i64,
}

impl Deadline {
    /// Whether the step is past due.
    pub fn overdue(&self) -> bool {
        self.due.is_some() && self.left_seconds < 0
    }
    /// Whether the step is due within [`NEAR_HOURS`] and not yet overdue.
    pub fn near(&self) -> bool {
        self.due.is_some() && (0..NEAR_HOURS * 3600).contains(&self.left_seconds)
    }
}

fn after(at: Timestamp, hours: i64) -> Timestamp {
    at.checked_add(SignedDuration::from_hours(hours)).unwrap_or(Timestamp::MAX)
}

/// The step `case` waits for at `now`, and its deadline. The 5-day resolution deadline
/// runs from the opening whether or not the feedback was given.
pub fn deadline(case: &MediationCase, now: Timestamp) -> Deadline {
    let resolved = case.resolved.map(|m| m.at);
    deadline_of(case.opened.at, case.feedback.is_some(), resolved, case.return_visit.is_some(), now)
}

/// [`deadline`] from a case's parts: when it was opened, whether the feedback was given,
/// when it was resolved, whether the return visit was made.
pub fn deadline_of(
    opened: Timestamp,
    feedback: bool,
    resolved: Option<Timestamp>,
    return_visit: bool,
    now: Timestamp,
) -> Deadline {
    let (stage, due) = match (feedback, resolved, return_visit) {
        (_, Some(_), true) => (CaseStage::Closed, None),
        (_, Some(resolved), false) => (CaseStage::ReturnVisit, Some(after(resolved, RETURN_VISIT_DAYS * 24))),
        (false, None, _) => (CaseStage::Feedback, Some(after(opened, FEEDBACK_HOURS))),
        (true, None, _) => (CaseStage::Resolution, Some(after(opened, RESOLVE_DAYS * 24))),
    };
    let left_seconds = due.map_or(0, |d| d.as_second() - now.as_second());
    Deadline { stage, due, left_seconds }
}

/// The cases in the order they need attention at `now`: overdue first (most overdue
/// first), then near their deadline, then the other open ones by deadline, then the
/// closed ones, newest first.
pub fn case_list(cases: &[MediationCase], now: Timestamp) -> Vec<(RecordId, Deadline)> {
    let mut list: Vec<(RecordId, Deadline, Timestamp)> =
        cases.iter().map(|c| (c.id, deadline(c, now), c.opened.at)).collect();
    crate::sort::by_key(&mut list, |(id, d, opened)| match d.due {
        Some(due) => (0, due.as_second(), *id),
        None => (1, -opened.as_second(), *id),
    });
    list.into_iter().map(|(id, d, _)| (id, d)).collect()
}

fn normalise(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

/// The earlier cases whose parties are the same as `case`'s: they share at least two
/// names (or the one name of a one-party case), compared without spaces. A repeat dispute
/// of the same parties (重复纠纷) is a sign the earlier agreement did not hold.
pub fn repeats<'a>(case: &MediationCase, cases: &'a [MediationCase]) -> Vec<&'a MediationCase> {
    let names: Vec<String> = case.parties.iter().map(|p| normalise(p)).collect();
    cases
        .iter()
        .filter(|other| other.id != case.id && other.opened.at < case.opened.at)
        .filter(|other| {
            let shared = other.parties.iter().filter(|p| names.contains(&normalise(p))).count();
            shared >= names.len().min(other.parties.len()).clamp(1, 2)
        })
        .collect()
}
