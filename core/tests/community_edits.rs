//! The district workbook's writes (issue 18, bad input): a visit dated in the future, a
//! case resolved before it was opened, an empty party list, a cadence of zero are refused
//! with the reason and nothing of them is saved; the steps of a case go in order; two
//! devices' visits to one key person merge, and the overdue list sees both.

mod common;

use common::community::{at, case, subject, visit};
use jiff::SignedDuration;
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::community::edit::{
    CaseStep, WorkbookField, WorkbookRefusal, log_visit, open_case, put_subject, step_case,
};
use liandong_core::community::{CommunityState, DueState, due_list};
use liandong_core::docs::{Refusal, StationCommunity, WriteError};
use liandong_core::model::{KeyKind, KeySubject, Mark, PersonCategory, RiskLevel};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

fn refused(r: Result<impl std::fmt::Debug, WriteError>) -> WorkbookRefusal {
    match r {
        Err(WriteError::Invalid(Refusal::Workbook(w))) => w,
        other => panic!("expected a workbook refusal, got {other:?}"),
    }
}

fn person(since: Date) -> KeySubject {
    subject(KeyKind::Person(PersonCategory::MentalIllness), RiskLevel::High, since)
}

#[test]
fn a_visit_after_today_and_a_zero_cadence_are_refused_and_nothing_is_saved() {
    let view = StationCommunity::new(Doc::new());
    // 2026-12-07 China time.
    let today = Date::constant(2026, 12, 7);
    let mut p = person(Date::constant(2026, 11, 1));
    p.cadence_days = Some(0);
    assert_eq!(refused(put_subject(&view, &p, today)), WorkbookRefusal::CadenceZero);
    p.cadence_days = None;
    p.name = "  ".into();
    assert_eq!(
        refused(put_subject(&view, &p, today)),
        WorkbookRefusal::Text { field: WorkbookField::SubjectName, max: 100 }
    );
    assert!(CommunityState::read(&view).subjects.is_empty(), "nothing half-saved");
    p.name = "刘某某".into();
    put_subject(&view, &p, today).expect("saved");
    assert_eq!(
        refused(log_visit(&view, &visit(p.id, Date::constant(2026, 12, 8), RecordId::new()), None, today)),
        WorkbookRefusal::FutureDay
    );
    assert_eq!(
        refused(log_visit(&view, &visit(RecordId::new(), today, RecordId::new()), None, today)),
        WorkbookRefusal::Missing
    );
    // Before the person was put under control (1 November): a mistyped year.
    assert_eq!(
        refused(log_visit(&view, &visit(p.id, Date::constant(1999, 1, 5), RecordId::new()), None, today)),
        WorkbookRefusal::BeforeControl
    );
    let mut empty = visit(p.id, today, RecordId::new());
    empty.found = String::new();
    assert_eq!(
        refused(log_visit(&view, &empty, None, today)),
        WorkbookRefusal::Text { field: WorkbookField::VisitFinding, max: 2000 }
    );
    assert!(CommunityState::read(&view).visits.is_empty());
    log_visit(&view, &visit(p.id, today, RecordId::new()), None, today).expect("a visit today is fine");
    assert_eq!(CommunityState::read(&view).visits.len(), 1);
}

#[test]
fn a_case_needs_parties_and_its_steps_go_in_order_never_before_the_opening() {
    let view = StationCommunity::new(Doc::new());
    let now = at("2026-12-07T04:00:00Z");
    let mut c = case(&["陈某", "陈某某"], "2026-12-06T20:00:00Z", RecordId::new());
    c.parties.clear();
    assert_eq!(refused(open_case(&view, &c, now)), WorkbookRefusal::NoParties);
    c.parties = vec!["陈某".into(), " ".into()];
    assert_eq!(refused(open_case(&view, &c, now)), WorkbookRefusal::Text { field: WorkbookField::Party(1), max: 100 });
    c.parties = vec!["陈某".into(), "陈某某".into()];
    assert_eq!(refused(open_case(&view, &c, at("2026-12-06T19:00:00Z"))), WorkbookRefusal::FutureTime);
    assert!(CommunityState::read(&view).cases.is_empty(), "nothing half-saved");
    open_case(&view, &c, now).expect("opened");
    let by = RecordId::new();
    let early = Mark { at: at("2026-12-06T19:59:59Z"), by };
    let agreement = CaseStep::Resolved { agreement: "三子女按月轮流赡养".into() };
    assert_eq!(refused(step_case(&view, c.id, &agreement, early, now)), WorkbookRefusal::BeforeOpened);
    assert_eq!(
        refused(step_case(&view, c.id, &CaseStep::ReturnVisit, Mark { at: now, by }, now)),
        WorkbookRefusal::WrongStep
    );
    let later = Mark { at: at("2026-12-07T05:00:00Z"), by };
    assert_eq!(refused(step_case(&view, c.id, &CaseStep::Feedback, later, now)), WorkbookRefusal::FutureTime);
    let stored = CommunityState::read(&view).cases;
    assert_eq!((stored[0].feedback, stored[0].resolved), (None, None), "refused steps saved nothing");
    step_case(&view, c.id, &CaseStep::Feedback, Mark { at: at("2026-12-06T22:00:00Z"), by }, now).expect("feedback");
    let empty = CaseStep::Resolved { agreement: String::new() };
    assert_eq!(
        refused(step_case(&view, c.id, &empty, Mark { at: now, by }, now)),
        WorkbookRefusal::Text { field: WorkbookField::Agreement, max: 2000 }
    );
    let done = step_case(&view, c.id, &agreement, Mark { at: now, by }, now).expect("resolved");
    assert_eq!(done.agreement, "三子女按月轮流赡养");
    let next_day = now.checked_add(SignedDuration::from_hours(24)).expect("time");
    step_case(&view, c.id, &CaseStep::ReturnVisit, Mark { at: next_day, by }, next_day).expect("return visit");
    assert!(CommunityState::read(&view).cases[0].return_visit.is_some());
}

#[test]
fn two_offline_devices_visits_merge_and_the_overdue_list_counts_the_latest() {
    let today = Date::constant(2026, 12, 7);
    let a = StationCommunity::new(Doc::with_client_id(1));
    let p = person(Date::constant(2026, 11, 1));
    put_subject(&a, &p, today).expect("saved");
    let b = StationCommunity::new(Doc::with_client_id(2));
    let sync = |from: &StationCommunity, to: &StationCommunity| {
        let update = from.doc().transact().encode_state_as_update_v1(&StateVector::default());
        to.doc().transact_mut().apply_update(Update::decode_v1(&update).expect("update")).expect("apply");
    };
    sync(&a, &b);
    // Overdue on both (high risk, mental illness: every 3 days from 11-01).
    let state = CommunityState::read(&b);
    assert!(matches!(due_list(&state.subjects, &state.visits, today)[0].state, DueState::Overdue { .. }));
    log_visit(&a, &visit(p.id, Date::constant(2026, 12, 5), RecordId::new()), None, today).expect("a");
    log_visit(&b, &visit(p.id, Date::constant(2026, 12, 6), RecordId::new()), None, today).expect("b");
    sync(&a, &b);
    sync(&b, &a);
    for view in [&a, &b] {
        let state = CommunityState::read(view);
        assert_eq!(state.visits.len(), 2);
        let due = &due_list(&state.subjects, &state.visits, today)[0];
        assert_eq!((due.last, due.state), (Some(Date::constant(2026, 12, 6)), DueState::Soon { in_days: 2 }));
    }
}
