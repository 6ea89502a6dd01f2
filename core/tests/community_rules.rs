//! The workbook's rules at their boundaries (China time, across midnight and month ends):
//! when a key person or site is next due a visit and how the list orders them; a mediation
//! case's deadlines (24 h, 5 days, the return visit), the order cases need attention in,
//! and repeat disputes.

mod common;

use common::community::{at, case, subject, visit};
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::community::cadence::{DueState, cadence_days, due, due_list};
use liandong_core::community::mediation::{CaseStage, case_list, deadline, repeats};
use liandong_core::model::{KeyKind, Mark, PersonCategory, RiskLevel, SiteCategory};

#[test]
fn the_due_day_counts_from_the_last_visit_and_turns_overdue_the_day_after() {
    let s = subject(KeyKind::Site(SiteCategory::School), RiskLevel::High, Date::constant(2026, 11, 1));
    let visits = [
        visit(s.id, Date::constant(2026, 11, 25), RecordId::new()),
        visit(s.id, Date::constant(2026, 11, 20), RecordId::new()),
    ];
    // Weekly: last visit 11-25, due 12-02.
    let on_due = due(&s, &visits, Date::constant(2026, 12, 2));
    assert_eq!(on_due.due, Date::constant(2026, 12, 2));
    assert_eq!(on_due.state, DueState::Soon { in_days: 0 });
    assert_eq!(due(&s, &visits, Date::constant(2026, 12, 3)).state, DueState::Overdue { days: 1 });
    assert_eq!(due(&s, &visits, Date::constant(2026, 11, 26)).state, DueState::Soon { in_days: 6 });
    assert_eq!(due(&s, &visits, Date::constant(2026, 11, 25)).state, DueState::Later);
}

#[test]
fn across_a_month_end_and_a_leap_day() {
    let mut s = subject(KeyKind::Person(PersonCategory::DrugUser), RiskLevel::Low, Date::constant(2028, 1, 1));
    let visited = [visit(s.id, Date::constant(2028, 1, 30), RecordId::new())];
    // Monthly is 30 days: from 01-30 across February 2028 (29 days).
    assert_eq!(due(&s, &visited, Date::constant(2028, 2, 1)).due, Date::constant(2028, 2, 29));
    s.cadence_days = Some(1);
    assert_eq!(due(&s, &visited, Date::constant(2028, 1, 31)).due, Date::constant(2028, 1, 31));
}

#[test]
fn never_visited_is_due_the_day_put_under_control_and_a_zero_cadence_is_not_used() {
    let mut s = subject(KeyKind::Person(PersonCategory::MentalIllness), RiskLevel::High, Date::constant(2026, 12, 1));
    assert_eq!(cadence_days(&s), 3);
    assert_eq!(due(&s, &[], Date::constant(2026, 12, 1)).due, Date::constant(2026, 12, 1));
    assert_eq!(due(&s, &[], Date::constant(2026, 12, 2)).state, DueState::Overdue { days: 1 });
    s.cadence_days = Some(0);
    assert_eq!(cadence_days(&s), 3, "a zero cadence (refused on write) falls back to the default");
    s.risk = RiskLevel::Medium;
    assert_eq!(cadence_days(&s), 14);
}

#[test]
fn the_list_puts_the_most_overdue_first_and_leaves_out_what_left_control() {
    let today = Date::constant(2026, 12, 7);
    let a = subject(KeyKind::Site(SiteCategory::AccidentRoad), RiskLevel::Low, Date::constant(2026, 10, 1));
    let b = subject(KeyKind::Site(SiteCategory::AccidentRoad), RiskLevel::High, Date::constant(2026, 10, 1));
    let mut gone = subject(KeyKind::Site(SiteCategory::KeyFacility), RiskLevel::High, Date::constant(2026, 9, 1));
    gone.until = Some(Date::constant(2026, 12, 6));
    let list =
        due_list(&[b.clone(), a.clone(), gone], &[visit(b.id, Date::constant(2026, 12, 1), RecordId::new())], today);
    assert_eq!(list.iter().map(|d| d.subject).collect::<Vec<_>>(), vec![a.id, b.id]);
    assert_eq!(list[0].state, DueState::Overdue { days: 67 }, "never visited: due since 10-01");
    assert_eq!(list[1].state, DueState::Soon { in_days: 1 });
}

#[test]
fn feedback_is_due_24_hours_after_opening_across_midnight() {
    // Opened 23:30 China time (15:30 UTC); due 23:30 the next day.
    let c = case(&["王某", "李某"], "2026-12-06T15:30:00Z", RecordId::new());
    let d = deadline(&c, at("2026-12-07T15:29:59Z"));
    assert_eq!((d.stage, d.due), (CaseStage::Feedback, Some(at("2026-12-07T15:30:00Z"))));
    assert!(d.near() && !d.overdue());
    assert!(deadline(&c, at("2026-12-07T15:30:01Z")).overdue());
    assert!(!deadline(&c, at("2026-12-07T03:29:59Z")).near(), "12 h and 1 s before is not near yet");
}

#[test]
fn resolution_is_due_5_days_after_opening_then_the_return_visit_7_days_after_resolution() {
    let mut c = case(&["王某"], "2026-11-28T02:00:00Z", RecordId::new());
    c.feedback = Some(Mark { at: at("2026-11-28T08:00:00Z"), by: RecordId::new() });
    let d = deadline(&c, at("2026-12-01T00:00:00Z"));
    assert_eq!((d.stage, d.due), (CaseStage::Resolution, Some(at("2026-12-03T02:00:00Z"))));
    c.resolved = Some(Mark { at: at("2026-12-02T02:00:00Z"), by: RecordId::new() });
    let d = deadline(&c, at("2026-12-09T02:00:01Z"));
    assert_eq!(d.stage, CaseStage::ReturnVisit);
    assert!(d.overdue());
    c.return_visit = Some(Mark { at: at("2026-12-09T02:00:01Z"), by: RecordId::new() });
    let d = deadline(&c, at("2026-12-10T00:00:00Z"));
    assert_eq!(d.stage, CaseStage::Closed);
    assert!(!d.overdue() && !d.near());
}

#[test]
fn overdue_cases_stand_at_the_top_closed_ones_at_the_bottom() {
    let now = at("2026-12-07T04:00:00Z");
    let closed = {
        let mut c = case(&["甲"], "2026-12-06T00:00:00Z", RecordId::new());
        let m = Mark { at: at("2026-12-06T01:00:00Z"), by: RecordId::new() };
        (c.resolved, c.return_visit) = (Some(m), Some(m));
        c
    };
    let fresh = case(&["乙"], "2026-12-07T03:00:00Z", RecordId::new());
    let late = case(&["丙"], "2026-12-05T00:00:00Z", RecordId::new());
    let order: Vec<_> =
        case_list(&[closed.clone(), fresh.clone(), late.clone()], now).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, vec![late.id, fresh.id, closed.id]);
}

#[test]
fn the_same_two_parties_again_is_a_repeat_one_shared_name_of_two_is_not() {
    let first = case(&["王 大明", "李小红"], "2026-10-01T00:00:00Z", RecordId::new());
    let other = case(&["王大明", "赵六"], "2026-10-05T00:00:00Z", RecordId::new());
    let again = case(&["李小红", "王大明"], "2026-12-01T00:00:00Z", RecordId::new());
    let all = [first.clone(), other, again.clone()];
    let found: Vec<_> = repeats(&again, &all).into_iter().map(|c| c.id).collect();
    assert_eq!(found, vec![first.id]);
    assert!(repeats(&first, &all).is_empty(), "only earlier cases count");
}
