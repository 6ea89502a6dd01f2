//! A month's workbook figures (统一考核) at their boundaries: China time decides the month of
//! a case taken on at 23:30 on the last day; the current month counts visits due up to
//! today; each figure goes to the officer who did the work, and the station's row adds
//! them up with the records that have no responsible officer. Cases past a deadline are
//! counted as of now, whatever the month.

mod common;

use common::community::{at, case, subject, visit};
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::community::CommunityState;
use liandong_core::community::figures::{MonthFigures, month};
use liandong_core::model::{KeyKind, KeySubject, Mark, RiskLevel, SiteCategory};

/// A weekly key site (high risk) of `officer`.
fn site(officer: Option<RecordId>, since: Date) -> KeySubject {
    KeySubject { officer, ..subject(KeyKind::Site(SiteCategory::School), RiskLevel::High, since) }
}

#[test]
fn a_month_per_officer_and_for_the_station() {
    let (a, b) = (RecordId::new(), RecordId::new());
    let school = site(Some(a), Date::constant(2027, 1, 1));
    let road = site(None, Date::constant(2027, 1, 1));
    // 23:30 China time on 31 January is 15:30 UTC: a January case.
    let late_january = case(&["甲"], "2027-01-31T15:30:00Z", b);
    // 00:30 China time on 1 February is 16:30 UTC on 31 January: a February case, resolved
    // 3 days later.
    let mut february = case(&["甲"], "2027-01-31T16:30:00Z", b);
    february.feedback = Some(Mark { at: at("2027-02-01T02:00:00Z"), by: b });
    february.resolved = Some(Mark { at: at("2027-02-03T02:00:00Z"), by: b });
    let state = CommunityState {
        subjects: vec![school.clone(), road.clone()],
        visits: vec![
            visit(school.id, Date::constant(2027, 1, 31), a),
            visit(school.id, Date::constant(2027, 2, 1), a),
            visit(road.id, Date::constant(2027, 2, 2), b),
        ],
        cases: vec![late_january, february],
        ..CommunityState::default()
    };
    let now = at("2027-03-10T00:00:00Z");
    let today = Date::constant(2027, 3, 10);
    let feb = month(&state, Date::constant(2027, 2, 14), today, now);
    let row =
        |rows: &[MonthFigures], o: Option<RecordId>| rows.iter().find(|r| r.officer == o).copied().expect("a row");
    // February 2027 has 28 days: 4 weekly visits per record.
    assert_eq!(
        row(&feb, Some(a)),
        MonthFigures { officer: Some(a), visits_done: 1, visits_due: 4, ..Default::default() }
    );
    assert_eq!(
        row(&feb, Some(b)),
        MonthFigures {
            officer: Some(b),
            visits_done: 1,
            visits_due: 0,
            cases_opened: 1,
            cases_resolved: 1,
            cases_overdue: 2,
            outreach: 0
        }
    );
    let station = *feb.last().expect("the station's row");
    assert_eq!(
        station,
        MonthFigures {
            officer: None,
            visits_done: 2,
            visits_due: 8,
            cases_opened: 1,
            cases_resolved: 1,
            cases_overdue: 2,
            outreach: 0
        },
        "the late-January case (no feedback) and the February one (no return visit) are overdue now; only the second was taken on in February"
    );
    let jan = month(&state, Date::constant(2027, 1, 1), today, now);
    assert_eq!(jan.last().map(|r| (r.cases_opened, r.visits_done)), Some((1, 1)));
    // The current month counts up to today: 10 days of March ask for 2 weekly visits.
    let march = month(&state, today, today, now);
    assert_eq!(row(&march, Some(a)).visits_due, 2);
}
