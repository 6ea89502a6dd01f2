//! The command rules at their boundaries: a double booking from one minute of overlap (not
//! when two windows touch), an officer on leave or off duty, an item in repair, a request
//! past its "by when", a plan the region cannot fill.

mod common;

use common::command::{Region, at, mark, officers, read, replica};
use liandong_core::command::rules::{self, CommandFinding, Inputs};
use liandong_core::command::{Stage, edit, fill::LineFill};
use liandong_core::docs::RegionCommand;
use liandong_core::model::{
    Commitment, ContingencyPlan, EquipmentKind, EquipmentStatus, IncidentKind, Need, PlanItem, RequestItem, Resource,
    Shift, ShiftKind, SupportRequest,
};
use liandong_core::roster::Severity;

/// The command findings of `view` at `now` with `shifts`.
fn check(r: &Region, view: &RegionCommand, shifts: &[Shift], now: &str) -> Vec<CommandFinding> {
    rules::check(&read(view), Inputs { org: &r.org, shifts, now: at(now) })
}

/// Commits through the checked write, which must accept it.
fn commit(r: &Region, view: &RegionCommand, c: &Commitment) -> Commitment {
    edit::commit(view, &r.org, &read(view), r.region, c).expect("the commitment is legal on its own")
}

/// A request of B for `count` officers, wanted at 08:00 on 1 December until the next day.
fn officers_request(r: &Region, view: &RegionCommand, count: u32) -> SupportRequest {
    let request = r.request(r.b, &[(officers(), count)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(view, &r.org, r.region, &request).expect("request");
    request
}

#[test]
fn an_officer_is_double_booked_from_one_minute_of_overlap_and_not_when_the_windows_touch() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = officers_request(&r, &view, 2);
    let x = r.at_a[0];
    let morning = commit(&r, &view, &r.send_officer(&request, 0, x, "2026-12-01 08:00", "2026-12-01 12:00"));
    // Starts when the morning ends: the checked write accepts it and no rule objects.
    let afternoon = commit(&r, &view, &r.send_officer(&request, 0, x, "2026-12-01 12:00", "2026-12-01 16:00"));
    assert!(rules::double_bookings(&read(&view)).is_empty());
    assert!(check(&r, &view, &[], "2026-12-01 07:00").is_empty());

    // One minute earlier (as a merge of two devices would leave it; commit refuses it).
    view.put(&Commitment { from: at("2026-12-01 11:59"), ..afternoon.clone() }).expect("put");
    let findings = rules::double_bookings(&read(&view));
    assert_eq!(
        findings,
        vec![CommandFinding::DoubleBooked {
            resource: Resource::Officer(x),
            first: (morning.id, morning.committed),
            second: (afternoon.id, afternoon.committed),
            from: at("2026-12-01 11:59"),
            to: at("2026-12-01 12:00"),
        }]
    );
    assert_eq!(findings[0].severity(), Severity::Block);
    assert_eq!(check(&r, &view, &[], "2026-12-01 07:00"), findings);

    // A cancelled commitment binds nobody.
    edit::mark_step(&view, &read(&view), afternoon.id, Stage::Cancelled, mark(r.commander, "2026-12-01 07:00"))
        .expect("cancel");
    assert!(rules::double_bookings(&read(&view)).is_empty());
}

#[test]
fn an_item_is_free_again_at_its_return_and_double_booked_a_minute_before() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let radio = r.item(r.a, EquipmentKind::Radio, "DJ-001");
    edit::save_equipment(&view, &r.org, r.region, &radio).expect("item");
    let radios = Need::Equipment { kind: EquipmentKind::Radio };
    let request = r.request(r.b, &[(radios, 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");

    let all_day = commit(&r, &view, &r.send_item(&request, 0, &radio, "2026-12-01 08:00", "2026-12-01 18:00"));
    edit::mark_step(&view, &read(&view), all_day.id, Stage::Dispatched, mark(r.head_a, "2026-12-01 08:00"))
        .expect("dispatch");
    edit::mark_step(&view, &read(&view), all_day.id, Stage::Returned, mark(r.head_a, "2026-12-01 12:00"))
        .expect("return");

    // The return ends the first commitment's hold at 12:00: the radio may go out again then.
    let again = commit(&r, &view, &r.send_item(&request, 0, &radio, "2026-12-01 12:00", "2026-12-01 16:00"));
    assert!(rules::double_bookings(&read(&view)).is_empty());

    view.put(&Commitment { from: at("2026-12-01 11:59"), ..again.clone() }).expect("put");
    let findings = rules::double_bookings(&read(&view));
    assert_eq!(
        findings,
        vec![CommandFinding::DoubleBooked {
            resource: Resource::Equipment(radio.id),
            first: (all_day.id, all_day.committed),
            second: (again.id, again.committed),
            from: at("2026-12-01 11:59"),
            to: at("2026-12-01 12:00"),
        }]
    );
}

#[test]
fn an_officer_on_leave_is_named_with_the_leave_from_one_minute_of_overlap() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = officers_request(&r, &view, 1);
    let x = r.at_a[1];
    let c = commit(&r, &view, &r.send_officer(&request, 0, x, "2026-12-01 08:00", "2026-12-01 18:00"));

    // A leave that ends when the loan starts.
    let ends_at_start = r.shift(x, ShiftKind::Leave, "2026-11-30 08:00", "2026-12-01 08:00");
    assert!(check(&r, &view, std::slice::from_ref(&ends_at_start), "2026-12-01 07:00").is_empty());

    // One minute longer.
    let leave = Shift { end: at("2026-12-01 08:01"), ..ends_at_start };
    let findings = check(&r, &view, std::slice::from_ref(&leave), "2026-12-01 07:00");
    assert_eq!(findings, vec![CommandFinding::OnLeave { commitment: c.id, officer: x, leave: leave.id }]);
    assert_eq!(findings[0].severity(), Severity::Warn);

    // Another officer's leave is not this officer's.
    let theirs = Shift { officer: r.at_a[2], ..leave };
    let findings = check(&r, &view, &[theirs], "2026-12-01 07:00");
    assert_eq!(findings, vec![CommandFinding::OffDuty { commitment: c.id, officer: x }]);
}

#[test]
fn an_officer_without_a_shift_while_the_own_station_has_shifts_is_off_duty() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = officers_request(&r, &view, 1);
    let (x, y) = (r.at_a[1], r.at_a[2]);
    let c = commit(&r, &view, &r.send_officer(&request, 0, x, "2026-12-01 08:00", "2026-12-01 18:00"));
    let colleague = r.shift(y, ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00");
    let now = "2026-12-01 07:00";

    let findings = check(&r, &view, std::slice::from_ref(&colleague), now);
    assert_eq!(findings, vec![CommandFinding::OffDuty { commitment: c.id, officer: x }]);
    assert_eq!(findings[0].severity(), Severity::Warn);

    // A shift of X that starts when the loan ends does not put X on duty during it...
    let touching = r.shift(x, ShiftKind::Day, "2026-12-01 18:00", "2026-12-01 22:00");
    assert_eq!(check(&r, &view, &[colleague.clone(), touching.clone()], now), findings);
    // ...one that starts a minute before does.
    let overlapping = Shift { start: at("2026-12-01 17:59"), ..touching };
    assert!(check(&r, &view, &[colleague.clone(), overlapping], now).is_empty());

    // No shifts of the own station then: the roster says nothing, nor does the rule.
    let next_day = r.shift(y, ShiftKind::Day, "2026-12-02 08:00", "2026-12-02 18:00");
    assert!(check(&r, &view, &[next_day], now).is_empty());
    // The receiving station's shifts are not the officer's station's.
    let at_b = r.shift(r.at_b[0], ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00");
    assert!(check(&r, &view, &[at_b], now).is_empty());
}

#[test]
fn an_item_committed_and_then_sent_to_repair_blocks_until_it_is_back_or_returned() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let car = r.item(r.a, EquipmentKind::PatrolCar, "鄂F·1234警");
    edit::save_equipment(&view, &r.org, r.region, &car).expect("item");
    let request = r.request(r.b, &[(Need::Vehicle, 1)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let c = commit(&r, &view, &r.send_item(&request, 0, &car, "2026-12-01 08:00", "2026-12-01 18:00"));
    let now = "2026-12-01 07:00";
    assert!(check(&r, &view, &[], now).is_empty());

    for status in [EquipmentStatus::InRepair, EquipmentStatus::OutOfService] {
        let note = Some("刹车故障".to_owned());
        edit::set_status(&view, &read(&view), car.id, status, note, mark(r.head_a, "2026-12-01 06:45"))
            .expect("status");
        let findings = check(&r, &view, &[], now);
        assert_eq!(findings, vec![CommandFinding::ItemUnusable { commitment: c.id, item: car.id, status }]);
        assert_eq!(findings[0].severity(), Severity::Block);
    }

    edit::set_status(&view, &read(&view), car.id, EquipmentStatus::Available, None, mark(r.head_a, "2026-12-01 06:50"))
        .expect("repaired");
    assert!(check(&r, &view, &[], now).is_empty());

    // Once returned, the car's repair is no longer the commitment's business.
    edit::mark_step(&view, &read(&view), c.id, Stage::Dispatched, mark(r.head_a, "2026-12-01 08:00")).expect("out");
    edit::mark_step(&view, &read(&view), c.id, Stage::Returned, mark(r.head_a, "2026-12-01 12:00")).expect("back");
    edit::set_status(&view, &read(&view), car.id, EquipmentStatus::InRepair, None, mark(r.head_a, "2026-12-01 12:30"))
        .expect("status");
    assert!(check(&r, &view, &[], now).is_empty());
}

#[test]
fn a_request_short_after_its_by_when_is_overdue_and_not_at_it() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 10:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    commit(&r, &view, &r.send_officer(&request, 0, r.at_a[0], "2026-12-01 10:00", "2026-12-01 18:00"));

    assert!(check(&r, &view, &[], "2026-12-01 10:00").is_empty());
    let findings = check(&r, &view, &[], "2026-12-01 10:01");
    assert_eq!(
        findings,
        vec![CommandFinding::Overdue {
            request: request.id,
            needed_by: at("2026-12-01 10:00"),
            short: vec![LineFill { item: 0, wanted: 2, committed: 1 }],
        }]
    );
    assert_eq!(findings[0].severity(), Severity::Warn);

    // Filled: no longer overdue.
    let second = commit(&r, &view, &r.send_officer(&request, 0, r.at_a[1], "2026-12-01 10:00", "2026-12-01 18:00"));
    assert!(check(&r, &view, &[], "2026-12-01 10:01").is_empty());
    // A cancelled commitment does not fill its line.
    edit::mark_step(&view, &read(&view), second.id, Stage::Cancelled, mark(r.commander, "2026-12-01 09:00"))
        .expect("cancel");
    assert_eq!(check(&r, &view, &[], "2026-12-01 10:01"), findings);
    // A withdrawn request is not overdue.
    edit::cancel_request(&view, &read(&view), request.id, mark(r.head_b, "2026-12-01 09:30")).expect("withdraw");
    assert!(check(&r, &view, &[], "2026-12-01 10:01").is_empty());
}

#[test]
fn a_plan_the_region_cannot_fill_names_each_short_line_with_wanted_and_available() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let car = r.item(r.a, EquipmentKind::PatrolCar, "鄂F·1234警");
    edit::save_equipment(&view, &r.org, r.region, &car).expect("item");
    // B's strength: two officers and its head. One officer with first response, at A.
    let line = |need: Need, count: u32, stations: Vec<_>| PlanItem { item: RequestItem { need, count }, stations };
    let mut plan = ContingencyPlan {
        id: liandong_core::RecordId::new(),
        region: r.region,
        kind: IncidentKind::MajorDisaster,
        title: "重大灾害事故处置预案".into(),
        items: vec![
            line(officers(), 3, vec![r.b]),
            line(Need::Vehicle, 1, vec![]),
            line(Need::Officers { skill: Some("first_response".into()) }, 1, vec![]),
        ],
        steps: vec![],
        contacts: vec![],
    };
    edit::save_plan(&view, &r.org, &plan).expect("plan");
    let now = "2026-12-01 09:00";
    assert!(check(&r, &view, &[], now).is_empty(), "exactly as many as wanted");

    plan.items[0].item.count = 4;
    edit::save_plan(&view, &r.org, &plan).expect("plan");
    let findings = check(&r, &view, &[], now);
    assert_eq!(findings, vec![CommandFinding::PlanShort { plan: plan.id, lines: vec![(0, 4, 3)] }]);
    assert_eq!(findings[0].severity(), Severity::Warn);

    // From 09:00: an officer of B on leave, the car out on a commitment, the first
    // responder too. Asked at 09:00 all three lines are short; a minute before, none.
    plan.items[0].item.count = 3;
    edit::save_plan(&view, &r.org, &plan).expect("plan");
    let leave = r.shift(r.at_b[0], ShiftKind::Leave, "2026-12-01 09:00", "2026-12-01 18:00");
    let request = r.request(r.a, &[(Need::Vehicle, 1), (officers(), 1)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    commit(&r, &view, &r.send_item(&request, 0, &car, "2026-12-01 09:00", "2026-12-01 12:00"));
    commit(&r, &view, &r.send_officer(&request, 1, r.at_a[0], "2026-12-01 09:00", "2026-12-01 12:00"));
    let short = |now: &str| -> Vec<CommandFinding> {
        check(&r, &view, std::slice::from_ref(&leave), now)
            .into_iter()
            .filter(|f| matches!(f, CommandFinding::PlanShort { .. }))
            .collect()
    };
    assert_eq!(
        short(now),
        vec![CommandFinding::PlanShort { plan: plan.id, lines: vec![(0, 3, 2), (1, 1, 0), (2, 1, 0)] }]
    );
    assert!(short("2026-12-01 08:59").is_empty());
    // At 12:00 the commitments end; the leave goes on.
    assert_eq!(short("2026-12-01 12:00"), vec![CommandFinding::PlanShort { plan: plan.id, lines: vec![(0, 3, 2)] }]);
}
