//! Activating a contingency plan on an incident drafts its request (the plan's lines, the
//! incident's station and place); the request's lines stay short until commitments fill
//! them; the incident's timeline lists each step with who did it, in time order.

mod common;

use common::command::{Region, at, mark, officers, read, replica};
use liandong_core::RecordId;
use liandong_core::command::fill::{self, LineFill};
use liandong_core::command::timeline::{self, Event};
use liandong_core::command::{Stage, edit, plan};
use liandong_core::docs::{Refusal, WriteError};
use liandong_core::model::{
    Closure, Commitment, ContingencyPlan, EquipmentKind, Incident, IncidentKind, IncidentNote, Need, PlanItem,
    RequestItem, Resource,
};

fn incident(r: &Region) -> Incident {
    Incident {
        village: Some("李家村".into()),
        at: at("2026-12-01 08:50"),
        ..r.incident(IncidentKind::MassIncident, "村委会门前", "征地纠纷，约两百人聚集", "2026-12-01 09:00")
    }
}

fn mass_incident_plan(r: &Region) -> ContingencyPlan {
    ContingencyPlan {
        id: RecordId::new(),
        region: r.region,
        kind: IncidentKind::MassIncident,
        title: "群体性事件处置预案".into(),
        items: vec![
            PlanItem { item: RequestItem { need: officers(), count: 2 }, stations: vec![r.a] },
            PlanItem { item: RequestItem { need: Need::Vehicle, count: 1 }, stations: vec![] },
        ],
        steps: vec!["集结".into(), "封控现场".into()],
        contacts: vec!["指挥长 13800000000".into()],
    }
}

#[test]
fn a_drafted_request_copies_the_plans_lines_and_the_incidents_station_and_place() {
    let r = Region::new();
    let (incident, plan) = (incident(&r), mass_incident_plan(&r));
    let id = RecordId::new();
    let draft = plan::draft_request(&plan, &incident, r.a, id, mark(r.commander, "2026-12-01 09:05"));
    assert_eq!(draft.id, id);
    assert_eq!(draft.items, plan.items.iter().map(|l| l.item.clone()).collect::<Vec<_>>());
    assert_eq!(draft.station, r.b, "the incident's station asks, not the center");
    assert_eq!(draft.place, "李家村 村委会门前");
    assert_eq!((draft.incident, draft.plan), (Some(incident.id), Some(plan.id)));
    assert_eq!(draft.raised, mark(r.commander, "2026-12-01 09:05"));
    assert_eq!(draft.needed_by, at("2026-12-01 10:05"));
    assert_eq!(draft.until, at("2026-12-02 10:05"));
    assert_eq!(draft.detail, "集结\n封控现场");
    assert_eq!(draft.cancelled, None);

    // Without a station the center asks; without a place the village is the place.
    let open_country = Incident { station: None, place: " ".into(), ..incident.clone() };
    let draft = plan::draft_request(&plan, &open_country, r.a, id, mark(r.commander, "2026-12-01 09:05"));
    assert_eq!((draft.station, draft.place.as_str()), (r.a, "李家村"));
    let no_village = Incident { village: None, ..incident };
    let draft = plan::draft_request(&plan, &no_village, r.a, id, mark(r.commander, "2026-12-01 09:05"));
    assert_eq!(draft.place, "村委会门前");
}

#[test]
fn an_activated_plan_is_short_on_every_line_until_filled_and_its_timeline_names_who_did_what() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let (incident, plan) = (incident(&r), mass_incident_plan(&r));
    edit::save_incident(&view, &r.org, &incident).expect("incident");
    edit::save_plan(&view, &r.org, &plan).expect("plan");
    let car = r.item(r.a, EquipmentKind::PatrolCar, "鄂F·1234警");
    edit::save_equipment(&view, &r.org, r.region, &car).expect("car");

    let request = plan::draft_request(&plan, &incident, r.a, RecordId::new(), mark(r.commander, "2026-12-01 09:05"));
    edit::save_request(&view, &r.org, r.region, &request).expect("drafted request saves");
    let short = |view| fill::unfilled(&read(view), &request);
    assert_eq!(
        short(&view),
        vec![LineFill { item: 0, wanted: 2, committed: 0 }, LineFill { item: 1, wanted: 1, committed: 0 }]
    );

    let by = |c: Commitment, who, when| Commitment { committed: mark(who, when), ..c };
    let first = by(
        r.send_officer(&request, 0, r.at_a[0], "2026-12-01 09:30", "2026-12-01 18:00"),
        r.commander,
        "2026-12-01 09:10",
    );
    let first = edit::commit(&view, &r.org, &read(&view), r.region, &first).expect("first officer");
    assert_eq!(
        short(&view),
        vec![LineFill { item: 0, wanted: 2, committed: 1 }, LineFill { item: 1, wanted: 1, committed: 0 }]
    );
    // Written before the dispatch but timed after it: the timeline sorts by time.
    let note = IncidentNote {
        id: RecordId::new(),
        incident: incident.id,
        mark: mark(r.head_b, "2026-12-01 09:25"),
        text: "现场已设警戒线".into(),
    };
    edit::add_note(&view, &read(&view), &note).expect("note");
    edit::mark_step(&view, &read(&view), first.id, Stage::Dispatched, mark(r.head_a, "2026-12-01 09:20")).expect("out");
    let second = by(
        r.send_officer(&request, 0, r.at_a[1], "2026-12-01 09:30", "2026-12-01 18:00"),
        r.head_a,
        "2026-12-01 09:30",
    );
    let second = edit::commit(&view, &r.org, &read(&view), r.region, &second).expect("second officer");
    assert_eq!(short(&view), vec![LineFill { item: 1, wanted: 1, committed: 0 }]);
    let vehicle =
        by(r.send_item(&request, 1, &car, "2026-12-01 09:30", "2026-12-01 18:00"), r.commander, "2026-12-01 09:35");
    let vehicle = edit::commit(&view, &r.org, &read(&view), r.region, &vehicle).expect("car");
    assert!(short(&view).is_empty());
    assert!(fill::is_open(&read(&view), &request), "filled, but the officers are still out");

    let step = |c: &Commitment, stage| Event::Step { commitment: c.id, resource: c.resource, stage };
    let lines: Vec<_> =
        timeline::of(&read(&view), incident.id).into_iter().map(|e| (e.mark.at, e.mark.by, e.event)).collect();
    assert_eq!(
        lines,
        vec![
            (at("2026-12-01 09:00"), r.commander, Event::Opened),
            (at("2026-12-01 09:05"), r.commander, Event::Requested(request.id)),
            (at("2026-12-01 09:10"), r.commander, step(&first, Stage::Committed)),
            (at("2026-12-01 09:20"), r.head_a, step(&first, Stage::Dispatched)),
            (at("2026-12-01 09:25"), r.head_b, Event::Note("现场已设警戒线".into())),
            (at("2026-12-01 09:30"), r.head_a, step(&second, Stage::Committed)),
            (at("2026-12-01 09:35"), r.commander, step(&vehicle, Stage::Committed)),
        ]
    );
    assert_eq!(
        lines[6].2,
        Event::Step { commitment: vehicle.id, resource: Resource::Equipment(car.id), stage: Stage::Committed }
    );

    // Closed with its result: last on the timeline, and nothing more is committed to it.
    let closure =
        Closure { mark: mark(r.commander, "2026-12-01 17:00"), result: "劝离聚集人员，无人受伤".into() };
    edit::close_incident(&view, &read(&view), incident.id, closure).expect("close");
    let lines = timeline::of(&read(&view), incident.id);
    assert_eq!(
        lines.last().map(|e| (&e.event, e.mark.by)),
        Some((&Event::Closed("劝离聚集人员，无人受伤".into()), r.commander))
    );
    assert!(!fill::is_open(&read(&view), &request));
    let late = r.send_officer(&request, 0, r.at_a[2], "2026-12-01 17:30", "2026-12-01 18:00");
    assert_eq!(
        edit::commit(&view, &r.org, &read(&view), r.region, &late),
        Err(WriteError::Invalid(Refusal::RequestClosed))
    );
}

#[test]
fn withdrawing_a_request_cancels_what_has_not_set_out_and_keeps_who_is_out() {
    use common::command::{Region, mark, officers, read, replica};
    use liandong_core::command::{Stage, edit, fill};
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let waiting = r.send_officer(&request, 0, r.at_a[1], "2026-12-01 08:00", "2026-12-02 08:00");
    let waiting = edit::commit(&view, &r.org, &read(&view), r.region, &waiting).expect("first");
    let out = r.send_officer(&request, 0, r.at_a[2], "2026-12-01 08:00", "2026-12-02 08:00");
    let out = edit::commit(&view, &r.org, &read(&view), r.region, &out).expect("second");
    edit::mark_step(&view, &read(&view), out.id, Stage::Dispatched, mark(r.commander, "2026-12-01 08:10"))
        .expect("out");
    edit::cancel_request(&view, &read(&view), request.id, mark(r.head_b, "2026-12-01 09:00")).expect("withdraw");
    let state = read(&view);
    let stage = |id| state.commitments.iter().find(|c| c.id == id).map(|c| c.stage());
    assert_eq!(stage(waiting.id), Some(Stage::Cancelled), "not yet set out: cancelled with the request");
    assert_eq!(stage(out.id), Some(Stage::Dispatched), "on the way: stays until released and returned");
    assert!(fill::unfilled(&state, state.request(request.id).expect("request")).is_empty());
}

#[test]
fn one_officer_committed_twice_to_a_line_fills_it_once() {
    use common::command::{Region, officers, read, replica, send};
    use liandong_core::command::{edit, fill};
    let r = Region::new();
    let one = replica(1, r.commander);
    let two = replica(2, r.head_a);
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&one, &r.org, r.region, &request).expect("request");
    send(&one, &two);
    for view in [&one, &two] {
        let c = r.send_officer(&request, 0, r.at_a[1], "2026-12-01 08:00", "2026-12-02 08:00");
        edit::commit(view, &r.org, &read(view), r.region, &c).expect("offline, each alone");
    }
    send(&one, &two);
    send(&two, &one);
    let state = read(&one);
    let line = fill::lines(&state, state.request(request.id).expect("request"))[0];
    assert_eq!((line.committed, line.short()), (1, 1), "the same officer twice is one officer");
}
