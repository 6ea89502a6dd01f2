//! Visit cadence (走访频次) of key persons and sites: each is due a visit `cadence` days
//! after its last visit (a record never visited on the day it was put under control), counted in China
//! civil days, so a visit logged at 23:50 and one at 00:10 fall on the days the officer
//! saw on the calendar.
//!
//! The default cadences are this product's, not the source's (which gives none): weekly
//! for high risk, fortnightly for medium, monthly for low; a person with a mental illness
//! at risk of causing incidents (易肇事肇祸精神病人) at high risk is seen twice a week. A
//! key record's own `cadence_days` overrides them.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::ids::RecordId;
use crate::model::{KeyKind, KeySubject, PersonCategory, RiskLevel, Visit};

/// Days ahead (today included) in which a visit counts as due soon: "2 due this week".
pub const DUE_SOON_DAYS: i32 = 7;

/// The days between visits of `subject`: its own cadence, else the default of its kind and
/// risk (module docs). Always at least 1.
pub fn cadence_days(subject: &KeySubject) -> u32 {
    let mental_illness = subject.kind == KeyKind::Person(PersonCategory::MentalIllness);
    days_between(subject.cadence_days, mental_illness, subject.risk)
}

/// [`cadence_days`] from its parts: a record's own cadence (used when at least 1), whether
/// it is a person with a mental illness at risk of causing incidents, and its risk.
pub fn days_between(own: Option<u32>, mental_illness: bool, risk: RiskLevel) -> u32 {
    if let Some(days) = own.filter(|d| *d >= 1) {
        return days;
    }
    match (mental_illness, risk) {
        (true, RiskLevel::High) => 3,
        (_, RiskLevel::High) => 7,
        (_, RiskLevel::Medium) => 14,
        (_, RiskLevel::Low) => 30,
    }
}

/// Where a key record stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DueState {
    /// The due day has passed: `days` days overdue (1 = due yesterday).
    Overdue {
        /// Days past the due day.
        days: i32,
    },
    /// Due within [`DUE_SOON_DAYS`]: `in_days` from today (0 = today).
    Soon {
        /// Days until the due day.
        in_days: i32,
    },
    /// Due later.
    Later,
}

/// One key record's next visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    /// The key person or site.
    pub subject: RecordId,
    /// Its last visit's day, if it was ever visited.
    pub last: Option<Date>,
    /// The day the next visit is due.
    pub due: Date,
    /// Where that stands today.
    pub state: DueState,
}

/// The next visit of `subject` given its `visits` (any order, others' included), on `today`.
pub fn due(subject: &KeySubject, visits: &[Visit], today: Date) -> Due {
    let last = visits.iter().filter(|v| v.subject == subject.id).map(|v| v.on).max();
    let (due, state) = next_visit(subject.since, last, cadence_days(subject), today);
    Due { subject: subject.id, last, due, state }
}

/// The day the next visit is due and how that stands on `today`, from the day control
/// began, the last visit's day (if any) and the cadence in days. A record never visited is
/// due on the day it was put under control (the first visit opens its file, 建档走访).
pub fn next_visit(since: Date, last: Option<Date>, cadence: u32, today: Date) -> (Date, DueState) {
    let days = i32::try_from(cadence).unwrap_or(i32::MAX);
    let due = match last {
        Some(last) => last.max(since).checked_add(days.days()).unwrap_or(Date::MAX),
        None => since,
    };
    let gap = (due - today).get_days();
    let state = if gap < 0 {
        DueState::Overdue { days: -gap }
    } else if gap < DUE_SOON_DAYS {
        DueState::Soon { in_days: gap }
    } else {
        DueState::Later
    };
    (due, state)
}

/// The next visits of every key record under control on `today` (those whose `until` has
/// passed are left out), most overdue first, then by due day; ties by record id.
pub fn due_list(subjects: &[KeySubject], visits: &[Visit], today: Date) -> Vec<Due> {
    let mut list: Vec<Due> =
        subjects.iter().filter(|s| s.until.is_none_or(|until| until >= today)).map(|s| due(s, visits, today)).collect();
    crate::sort::by_key(&mut list, |d| (d.due, d.subject));
    list
}
