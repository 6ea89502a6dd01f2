//! The checked writes of regional command refuse with their code and write nothing: the
//! document's state vector and encoded state are the same before and after.

mod common;

use common::command::{Region, at, encoded, mark, officers, read, replica, send};
use liandong_core::command::{Stage, edit};
use liandong_core::docs::{Refusal, RegionCommand, StepName, WriteError};
use liandong_core::model::{
    Closure, Commitment, ContingencyPlan, Equipment, EquipmentKind, EquipmentStatus, Incident, IncidentKind, Need,
    PlanItem, RequestItem, SupportRequest,
};

/// Runs `write`, which must be refused with `refusal` and leave the document as it was.
#[track_caller]
fn refused<T: std::fmt::Debug>(view: &RegionCommand, refusal: Refusal, write: impl FnOnce() -> Result<T, WriteError>) {
    let before = encoded(view);
    let result = write();
    assert_eq!(result.expect_err("the write is refused"), WriteError::Invalid(refusal));
    let after = encoded(view);
    assert_eq!(after.0, before.0, "the state vector moved: something was written");
    assert_eq!(after.1, before.1, "the document changed");
}

/// A region with a request of B for two officers and one radio, saved.
fn with_request() -> (Region, RegionCommand, SupportRequest) {
    let r = Region::new();
    let view = replica(1, r.commander);
    let radios = Need::Equipment { kind: EquipmentKind::Radio };
    let request = r.request(r.b, &[(officers(), 2), (radios, 1)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    (r, view, request)
}

#[test]
fn an_officer_of_another_region_is_refused() {
    let (r, view, request) = with_request();
    let c = r.send_officer(&request, 0, r.outsider, "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::OtherRegion, || edit::commit(&view, &r.org, &read(&view), r.region, &c));
    // An officer of the region is accepted, with the lending station filled in.
    let own = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    let own = Commitment { station: r.far, ..own };
    let saved = edit::commit(&view, &r.org, &read(&view), r.region, &own).expect("own officer");
    assert_eq!(saved.station, r.a);
    assert_eq!(read(&view).commitments, vec![saved]);
}

#[test]
fn a_request_or_plan_line_asking_for_none_is_refused_naming_the_line() {
    let r = Region::new();
    let view = replica(1, r.commander);
    edit::save_request(
        &view,
        &r.org,
        r.region,
        &r.request(r.b, &[(officers(), 1)], "2026-12-01 08:00", "2026-12-01 09:00"),
    )
    .expect("a count of one is enough");
    let zero = r.request(r.b, &[(officers(), 1), (Need::Vehicle, 0)], "2026-12-01 08:00", "2026-12-02 08:00");
    refused(&view, Refusal::CountBelowOne { line: 1 }, || edit::save_request(&view, &r.org, r.region, &zero));
    let none = SupportRequest { items: vec![], ..zero.clone() };
    refused(&view, Refusal::NoLines, || edit::save_request(&view, &r.org, r.region, &none));
    // A request of a station of another region.
    let far = SupportRequest { station: r.far, items: vec![RequestItem { need: officers(), count: 1 }], ..zero };
    refused(&view, Refusal::OtherRegion, || edit::save_request(&view, &r.org, r.region, &far));
    // "Until" at "by when".
    let empty = r.request(r.b, &[(officers(), 1)], "2026-12-01 08:00", "2026-12-01 08:00");
    refused(&view, Refusal::EndBeforeStart, || edit::save_request(&view, &r.org, r.region, &empty));

    let plan = ContingencyPlan {
        id: liandong_core::RecordId::new(),
        region: r.region,
        kind: IncidentKind::MassIncident,
        title: "群体性事件处置预案".into(),
        items: vec![PlanItem { item: RequestItem { need: officers(), count: 0 }, stations: vec![] }],
        steps: vec![],
        contacts: vec![],
    };
    refused(&view, Refusal::CountBelowOne { line: 0 }, || edit::save_plan(&view, &r.org, &plan));
}

#[test]
fn steps_out_of_order_or_earlier_than_the_step_before_are_refused() {
    let (r, view, request) = with_request();
    let c = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    let step = |stage, when| {
        let view = view.clone();
        let head = r.head_a;
        move || edit::mark_step(&view, &read(&view), c.id, stage, mark(head, when))
    };

    // A return before the dispatch; arriving before setting out.
    let order = |step, after| Refusal::StepOrder { step, after };
    refused(&view, order(StepName::Returned, StepName::Dispatched), step(Stage::Returned, "2026-12-01 12:00"));
    refused(&view, order(StepName::OnScene, StepName::Dispatched), step(Stage::OnScene, "2026-12-01 09:00"));
    // A dispatch before the commitment was made (06:30).
    refused(&view, order(StepName::Dispatched, StepName::Committed), step(Stage::Dispatched, "2026-12-01 06:29"));
    step(Stage::Dispatched, "2026-12-01 08:00")().expect("dispatch");
    // On scene a minute before the dispatch; at the dispatch's minute is fine.
    refused(&view, order(StepName::OnScene, StepName::Dispatched), step(Stage::OnScene, "2026-12-01 07:59"));
    step(Stage::OnScene, "2026-12-01 08:00")().expect("on scene at the same minute");
    // A return before the arrival; a cancellation after the dispatch.
    refused(&view, order(StepName::Returned, StepName::OnScene), step(Stage::Returned, "2026-12-01 07:59"));
    refused(&view, order(StepName::Cancelled, StepName::Dispatched), step(Stage::Cancelled, "2026-12-01 09:00"));
    let back = step(Stage::Returned, "2026-12-01 17:00")().expect("return");
    assert_eq!(back.released, Some(mark(r.head_a, "2026-12-01 17:00")), "a return marks the skipped release");
    // Nothing after the return.
    refused(&view, Refusal::Ended, step(Stage::Released, "2026-12-01 18:00"));
    refused(&view, Refusal::Ended, step(Stage::Cancelled, "2026-12-01 18:00"));
}

#[test]
fn a_step_marked_again_may_not_pass_the_step_after_it() {
    let (r, view, request) = with_request();
    let c = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    let step = |stage, when| edit::mark_step(&view, &read(&view), c.id, stage, mark(r.head_a, when));
    step(Stage::Dispatched, "2026-12-01 08:00").expect("dispatch");
    step(Stage::OnScene, "2026-12-01 09:00").expect("on scene");
    // The dispatch corrected to a later minute, still before the arrival: accepted.
    step(Stage::Dispatched, "2026-12-01 08:10").expect("corrected");
    step(Stage::Dispatched, "2026-12-01 09:00").expect("at the arrival's minute");
    // A minute after the arrival would put the arrival before the dispatch.
    let order = Refusal::StepOrder { step: StepName::OnScene, after: StepName::Dispatched };
    refused(&view, order, || step(Stage::Dispatched, "2026-12-01 09:01"));
    step(Stage::Released, "2026-12-01 12:00").expect("released");
    let order = Refusal::StepOrder { step: StepName::Released, after: StepName::OnScene };
    refused(&view, order, || step(Stage::OnScene, "2026-12-01 12:01"));
    let order = Refusal::StepOrder { step: StepName::OnScene, after: StepName::Dispatched };
    refused(&view, order, || step(Stage::Dispatched, "2026-12-01 09:01"));
    let c = &read(&view).commitments[0];
    let at_ = |m: Option<liandong_core::model::Mark>| m.map(|m| m.at);
    assert_eq!(
        (at_(c.dispatched), at_(c.on_scene), at_(c.released)),
        (Some(at("2026-12-01 09:00")), Some(at("2026-12-01 09:00")), Some(at("2026-12-01 12:00")))
    );
}

#[test]
fn an_item_of_a_kind_this_version_does_not_know_is_refused() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let json = serde_json::json!({
        "id": liandong_core::RecordId::new(),
        "kind": "hovercraft",
        "identifier": "QD-7",
        "station": r.a,
        "status": "available",
    });
    let item: Equipment = serde_json::from_value(json).expect("a newer kind reads as unknown");
    assert_eq!(item.kind, EquipmentKind::Unknown);
    refused(&view, Refusal::UnknownKind { line: 0 }, || edit::save_equipment(&view, &r.org, r.region, &item));
    // Nor may a request ask for one.
    let request = r.request(
        r.b,
        &[(officers(), 1), (Need::Equipment { kind: item.kind }, 1)],
        "2026-12-01 08:00",
        "2026-12-02 08:00",
    );
    refused(&view, Refusal::UnknownKind { line: 1 }, || edit::save_request(&view, &r.org, r.region, &request));
    // A known kind is saved.
    edit::save_equipment(&view, &r.org, r.region, &Equipment { kind: EquipmentKind::Drone, ..item.clone() })
        .expect("drone");
    // An item kept by a station of another region is not the region's.
    let far = Equipment { id: liandong_core::RecordId::new(), kind: EquipmentKind::Drone, station: r.far, ..item };
    refused(&view, Refusal::OtherRegion, || edit::save_equipment(&view, &r.org, r.region, &far));
}

#[test]
fn an_item_in_repair_is_refused() {
    let (r, view, request) = with_request();
    let radio = r.item(r.a, EquipmentKind::Radio, "DJ-001");
    edit::save_equipment(&view, &r.org, r.region, &Equipment { status: EquipmentStatus::InRepair, ..radio.clone() })
        .expect("item");
    let c = r.send_item(&request, 1, &radio, "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::ItemUnusable, || edit::commit(&view, &r.org, &read(&view), r.region, &c));
    // An officer for the radio line, the radio for the officers' line.
    let officer = r.send_officer(&request, 1, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::WrongResource { line: 1 }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &officer)
    });
    let wrong_line = Commitment { item: 0, ..c.clone() };
    refused(&view, Refusal::WrongResource { line: 0 }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &wrong_line)
    });
    // Repaired, it goes.
    edit::set_status(
        &view,
        &read(&view),
        radio.id,
        EquipmentStatus::Available,
        None,
        mark(r.head_a, "2026-12-01 07:00"),
    )
    .expect("repaired");
    edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("available");
}

#[test]
fn an_officer_committed_for_an_overlapping_time_is_refused_naming_the_commitment() {
    let (r, view, request) = with_request();
    let x = r.at_a[0];
    let first = r.send_officer(&request, 0, x, "2026-12-01 08:00", "2026-12-01 18:00");
    let first = edit::commit(&view, &r.org, &read(&view), r.region, &first).expect("first");
    let overlapping = r.send_officer(&request, 0, x, "2026-12-01 17:59", "2026-12-01 20:00");
    refused(&view, Refusal::AlreadyCommitted { commitment: first.id }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &overlapping)
    });
    let before = r.send_officer(&request, 0, x, "2026-12-01 06:00", "2026-12-01 08:01");
    refused(&view, Refusal::AlreadyCommitted { commitment: first.id }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &before)
    });
    // Editing the commitment itself is no clash with itself.
    let longer = Commitment { until: at("2026-12-01 19:00"), ..first.clone() };
    edit::commit(&view, &r.org, &read(&view), r.region, &longer).expect("edit own");
    // Touching at either end is fine.
    let after = r.send_officer(&request, 0, x, "2026-12-01 19:00", "2026-12-01 20:00");
    edit::commit(&view, &r.org, &read(&view), r.region, &after).expect("touching after");
    let earlier = r.send_officer(&request, 0, x, "2026-12-01 06:00", "2026-12-01 08:00");
    edit::commit(&view, &r.org, &read(&view), r.region, &earlier).expect("touching before");
    // A loan that ends before it starts.
    let backwards = r.send_officer(&request, 0, r.at_a[1], "2026-12-01 08:00", "2026-12-01 08:00");
    refused(&view, Refusal::EndBeforeStart, || edit::commit(&view, &r.org, &read(&view), r.region, &backwards));
}

#[test]
fn commitments_to_a_withdrawn_request_are_refused() {
    let (r, view, request) = with_request();
    edit::cancel_request(&view, &read(&view), request.id, mark(r.head_b, "2026-12-01 07:00")).expect("withdraw");
    let c = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::RequestClosed, || edit::commit(&view, &r.org, &read(&view), r.region, &c));
    refused(&view, Refusal::RequestClosed, || {
        edit::cancel_request(&view, &read(&view), request.id, mark(r.head_b, "2026-12-01 07:01"))
    });
}

#[test]
fn an_officer_without_the_lines_skill_on_the_day_is_refused() {
    let mut r = Region::new();
    let view = replica(1, r.commander);
    let first_response = Need::Officers { skill: Some("first_response".into()) };
    let request = r.request(r.b, &[(first_response, 2)], "2026-12-01 08:00", "2026-12-03 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    // at_a[1] holds no first-response grant.
    let without = r.send_officer(&request, 0, r.at_a[1], "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::WrongResource { line: 0 }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &without)
    });
    // at_a[2]'s grant ends on 30 November: on the 1st of December it no longer counts.
    r.org.skill_grants.push(liandong_core::model::SkillGrant {
        id: liandong_core::RecordId::new(),
        station: r.a,
        officer: r.at_a[2],
        skill: "first_response".into(),
        expires: Some(jiff::civil::date(2026, 11, 30)),
    });
    let expired = r.send_officer(&request, 0, r.at_a[2], "2026-12-01 08:00", "2026-12-01 18:00");
    refused(&view, Refusal::WrongResource { line: 0 }, || {
        edit::commit(&view, &r.org, &read(&view), r.region, &expired)
    });
    // From 00:00 on 30 November, China time, the grant still counts.
    let in_time = r.send_officer(&request, 0, r.at_a[2], "2026-11-30 00:00", "2026-11-30 18:00");
    edit::commit(&view, &r.org, &read(&view), r.region, &in_time).expect("a grant valid that day");
    // at_a[0] holds the skill.
    let with = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    edit::commit(&view, &r.org, &read(&view), r.region, &with).expect("the skill the line asks for");
    assert_eq!(read(&view).commitments.len(), 2);
}

/// An open incident of B, opened by B's head at 07:00 on the first of December.
fn incident(r: &Region) -> Incident {
    Incident {
        at: at("2026-12-01 06:40"),
        opened: mark(r.head_b, "2026-12-01 07:00"),
        ..r.incident(IncidentKind::HitAndRun, "S106 12公里处", "货车撞伤行人后逃逸", "2026-12-01 07:00")
    }
}

#[test]
fn an_edit_keeps_who_opened_the_incident_and_two_devices_edits_of_different_fields_merge() {
    let r = Region::new();
    let (here, there) = (replica(1, r.commander), replica(2, r.head_b));
    let opened = incident(&r);
    edit::save_incident(&here, &r.org, &opened).expect("opened");
    send(&here, &there);
    // The commander corrects the place; offline, B's head adds to the summary. An edit
    // cannot change who opened it, nor close it.
    let by_commander = mark(r.commander, "2026-12-01 08:00");
    let place = Incident {
        place: "S106 13公里处".into(),
        opened: mark(r.commander, "2026-12-01 08:00"),
        closed: Some(Closure { mark: by_commander, result: "x".into() }),
        ..opened.clone()
    };
    edit::edit_incident(&here, &r.org, &read(&here), &place, by_commander).expect("place");
    let summary = Incident { summary: "货车撞伤行人后逃逸，车牌尾号 37".into(), ..opened.clone() };
    edit::edit_incident(&there, &r.org, &read(&there), &summary, mark(r.head_b, "2026-12-01 08:05")).expect("summary");
    send(&here, &there);
    send(&there, &here);
    for view in [&here, &there] {
        let merged = read(view).incident(opened.id).cloned().expect("the incident");
        assert_eq!(merged.place, "S106 13公里处");
        assert_eq!(merged.summary, "货车撞伤行人后逃逸，车牌尾号 37");
        assert_eq!(merged.opened, opened.opened, "who opened it stays");
        assert_eq!(merged.closed, None, "an edit does not close it");
        assert!(merged.edited.is_some(), "the last edit is marked");
    }
}

#[test]
fn a_closed_incident_or_an_empty_summary_is_refused() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let opened = incident(&r);
    edit::save_incident(&view, &r.org, &opened).expect("opened");
    let by = mark(r.commander, "2026-12-01 08:00");
    let empty = Incident { summary: " ".into(), ..opened.clone() };
    refused(
        &view,
        Refusal::Text { field: liandong_core::docs::TextField::IncidentSummary, max: edit::MAX_TEXT },
        || edit::edit_incident(&view, &r.org, &read(&view), &empty, by),
    );
    let unknown = Incident { id: liandong_core::RecordId::new(), ..opened.clone() };
    refused(&view, Refusal::Missing, || edit::edit_incident(&view, &r.org, &read(&view), &unknown, by));
    edit::close_incident(&view, &read(&view), opened.id, Closure { mark: by, result: "抓获".into() }).expect("closed");
    let late = Incident { place: "别处".into(), ..opened };
    refused(&view, Refusal::IncidentClosed, || edit::edit_incident(&view, &r.org, &read(&view), &late, by));
}
