//! The workbook's figures for a month, per officer and for the station, for the uniform
//! assessment of offices (统一考核, docs/domain.md "Community work"): visits done against
//! visits due, mediation cases taken on, resolved, and past a deadline, legal outreach
//! events held.
//!
//! - A visit counts for the officer who logged it, in the month of its day (China civil
//!   days).
//! - Visits due: for each key person or site an officer is responsible for, one visit per
//!   started cadence period of the days it was under control in the month, counted up to
//!   `today` for the current month (a 30-day cadence under control all of a 31-day month
//!   asks for 2; 10 days of a 7-day cadence ask for 2). Records without a responsible
//!   officer count for the station only.
//! - Cases count for the officer who took them on: taken on and resolved in the month (by
//!   the China date of the step); past a deadline now (`now`).
//! - An outreach event counts for the officer who logged it, in the month of its day.

use jiff::Timestamp;
use jiff::civil::Date;

use super::cadence::cadence_days;
use super::mediation::deadline;
use super::state::CommunityState;
use crate::ids::RecordId;
use crate::time::in_china;

/// One officer's month (or the station's, with `officer: None`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthFigures {
    /// The officer; `None` for the whole station.
    pub officer: Option<RecordId>,
    /// Visits logged in the month.
    pub visits_done: u32,
    /// Visits due in the month (module docs).
    pub visits_due: u32,
    /// Mediation cases taken on in the month.
    pub cases_opened: u32,
    /// Mediation cases resolved in the month.
    pub cases_resolved: u32,
    /// Cases past a deadline now.
    pub cases_overdue: u32,
    /// Legal outreach events held in the month.
    pub outreach: u32,
}

/// The first and last day of the month of `day`.
pub fn month_of(day: Date) -> (Date, Date) {
    (day.first_of_month(), day.last_of_month())
}

fn visits_due(since: Date, until: Option<Date>, cadence: u32, first: Date, last: Date) -> u32 {
    let from = since.max(first);
    let to = until.map_or(last, |u| u.min(last));
    if to < from {
        return 0;
    }
    let days = u32::try_from((to - from).get_days() + 1).unwrap_or(0);
    days.div_ceil(cadence.max(1))
}

/// The figures of the month of `day`, counted up to `today` when that month is the current
/// one: one row per officer who appears in it (responsible for a key record, logged a visit
/// or took a case on), ordered by officer id, then the station's row (`officer: None`).
pub fn month(state: &CommunityState, day: Date, today: Date, now: Timestamp) -> Vec<MonthFigures> {
    let (first, last) = month_of(day);
    let last = last.min(today);
    let mut rows: Vec<MonthFigures> = Vec::new();
    let mut station = MonthFigures::default();
    let mut row = |officer: Option<RecordId>, f: &dyn Fn(&mut MonthFigures)| {
        f(&mut station);
        if let Some(o) = officer {
            let i = match rows.iter().position(|r| r.officer == Some(o)) {
                Some(i) => i,
                None => {
                    rows.push(MonthFigures { officer: Some(o), ..MonthFigures::default() });
                    rows.len() - 1
                }
            };
            f(&mut rows[i]);
        }
    };
    for s in &state.subjects {
        let due = visits_due(s.since, s.until, cadence_days(s), first, last);
        row(s.officer, &|r| r.visits_due += due);
    }
    for v in state.visits.iter().filter(|v| (first..=last).contains(&v.on)) {
        row(Some(v.logged.by), &|r| r.visits_done += 1);
    }
    for e in state.outreach.iter().filter(|e| (first..=last).contains(&e.on)) {
        row(Some(e.logged.by), &|r| r.outreach += 1);
    }
    let in_month = |at: Timestamp| (first..=last).contains(&in_china(at).date());
    for c in &state.cases {
        let by = Some(c.opened.by);
        if in_month(c.opened.at) {
            row(by, &|r| r.cases_opened += 1);
        }
        if c.resolved.is_some_and(|m| in_month(m.at)) {
            row(by, &|r| r.cases_resolved += 1);
        }
        if deadline(c, now).overdue() {
            row(by, &|r| r.cases_overdue += 1);
        }
    }
    crate::sort::by_key(&mut rows, |r| r.officer);
    rows.push(station);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_due_count_started_periods_of_the_days_under_control() {
        let d = |m, day| Date::constant(2028, m, day);
        // All of January (31 days) at 30 days: 2; at 7 days: 5.
        assert_eq!(visits_due(d(1, 1), None, 30, d(1, 1), d(1, 31)), 2);
        assert_eq!(visits_due(d(1, 1), None, 7, d(1, 1), d(1, 31)), 5);
        // February 2028 has 29 days: 29 at 7 days is 5 started periods, at 29 days is 1.
        assert_eq!(visits_due(d(1, 1), None, 7, d(2, 1), d(2, 29)), 5);
        assert_eq!(visits_due(d(1, 1), None, 29, d(2, 1), d(2, 29)), 1);
        // Put under control on the 22nd (10 days of January), left on the 25th (4 days).
        assert_eq!(visits_due(d(1, 22), None, 7, d(1, 1), d(1, 31)), 2);
        assert_eq!(visits_due(d(1, 22), Some(d(1, 25)), 7, d(1, 1), d(1, 31)), 1);
        // Not under control in the month.
        assert_eq!(visits_due(d(2, 1), None, 7, d(1, 1), d(1, 31)), 0);
        assert_eq!(visits_due(d(1, 1), Some(d(1, 1)), 7, d(2, 1), d(2, 29)), 0);
    }
}
