//! Records written by a newer app version: an unknown kind or status reads as `Unknown` and
//! is listed, an unknown field is ignored and kept, a value this version cannot read at all
//! puts the record in `CommandState::unreadable`; the rules, the pool and the board go on.

mod common;

use common::command::{Region, at, mark, officers, read, read_raw, replica, write_raw};
use liandong_core::command::pool::{self, ItemState};
use liandong_core::command::rules::{self, CommandFinding, Inputs};
use liandong_core::command::{Board, Stage, edit, loans};
use liandong_core::docs::{Refusal, WriteError};
use liandong_core::model::{Closure, EquipmentKind, EquipmentStatus, IncidentKind, Need};
use serde_json::json;

#[test]
fn an_unknown_kind_or_status_is_listed_as_unknown_and_checked_like_an_unusable_item() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let boat = r.item(r.a, EquipmentKind::Boat, "CF-01");
    let drone = r.item(r.a, EquipmentKind::Drone, "UAV-01");
    edit::save_equipment(&view, &r.org, r.region, &boat).expect("boat");
    edit::save_equipment(&view, &r.org, r.region, &drone).expect("drone");
    let request = r.request(
        r.b,
        &[(Need::Vehicle, 1), (Need::Equipment { kind: EquipmentKind::Drone }, 1)],
        "2026-12-01 08:00",
        "2026-12-02 08:00",
    );
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let sent = r.send_item(&request, 1, &drone, "2026-12-01 08:00", "2026-12-01 18:00");
    let sent = edit::commit(&view, &r.org, &read(&view), r.region, &sent).expect("drone");
    let incident = r.incident(IncidentKind::MajorDisaster, "清江大堤", "汛情", "2026-12-01 07:00");
    edit::save_incident(&view, &r.org, &incident).expect("incident");

    // A newer version: a hovercraft, a drone lent to the county, a flood drill.
    write_raw(&view, "equipment", boat.id, "kind", json!("hovercraft"));
    write_raw(&view, "equipment", drone.id, "status", json!("lent_to_county"));
    write_raw(&view, "incidents", incident.id, "kind", json!("flood_drill"));

    let state = read(&view);
    assert!(state.unreadable.is_empty(), "{:?}", state.unreadable);
    assert_eq!(state.item(boat.id).map(|e| e.kind), Some(EquipmentKind::Unknown));
    assert_eq!(state.item(drone.id).map(|e| e.status), Some(EquipmentStatus::Unknown));
    assert_eq!(state.incident(incident.id).map(|i| i.kind), Some(IncidentKind::Unknown));

    // The hovercraft is no vehicle this version knows; it is available equipment.
    let now = at("2026-12-01 07:30");
    let hovercraft = state.item(boat.id).expect("listed");
    assert!(!hovercraft.kind.is_vehicle());
    assert_eq!(pool::state_of(&state, hovercraft, now), ItemState::Available);
    let (vehicles, equipment) = pool::counts(&state, Some(r.a), now);
    assert_eq!((vehicles.available, equipment.available, equipment.unusable), (0, 1, 1));
    // The committed drone with a status this version cannot read is flagged.
    let findings = rules::check(&state, Inputs { org: &r.org, shifts: &[], now });
    assert_eq!(
        findings,
        vec![CommandFinding::ItemUnusable { commitment: sent.id, item: drone.id, status: EquipmentStatus::Unknown }]
    );
    // Editing the hovercraft is refused (its kind would be lost), the board still builds.
    assert!(edit::save_equipment(&view, &r.org, r.region, hovercraft).is_err());
    let board = Board::build(&state, &r.org, r.region, &[], now);
    assert_eq!(board.open_incidents, vec![incident.id]);
    assert_eq!(board.stations[0].items_free, vec![boat.id]);
}

#[test]
fn an_unknown_field_is_ignored_and_kept_by_this_versions_writes() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 1)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let c = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    write_raw(&view, "commitments", c.id, "escort_vehicle", json!("鄂F·1234警"));
    write_raw(&view, "support_requests", request.id, "priority", json!(3));

    let state = read(&view);
    assert!(state.unreadable.is_empty());
    assert_eq!(state.commitments, vec![c.clone()]);
    assert_eq!(state.requests, vec![request.clone()]);
    assert_eq!(loans::loans(&state).len(), 1);

    let out = edit::mark_step(&view, &state, c.id, Stage::Dispatched, mark(r.head_a, "2026-12-01 08:00")).expect("out");
    assert_eq!(read(&view).commitments, vec![out]);
    assert_eq!(read_raw(&view, "commitments", c.id, "escort_vehicle"), Some(json!("鄂F·1234警")));
}

#[test]
fn a_record_this_version_cannot_read_is_reported_and_the_rest_still_read() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    let other = r.request(r.b, &[(officers(), 1)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    edit::save_request(&view, &r.org, r.region, &other).expect("other");
    let team = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 08:00", "2026-12-01 18:00");
    let team = edit::commit(&view, &r.org, &read(&view), r.region, &team).expect("commit");
    let kept = r.send_officer(&request, 0, r.at_a[1], "2026-12-01 08:00", "2026-12-01 18:00");
    let kept = edit::commit(&view, &r.org, &read(&view), r.region, &kept).expect("commit");

    // A newer version commits a whole team, and asks for a helicopter.
    write_raw(&view, "commitments", team.id, "resource", json!({ "team": team.id }));
    write_raw(&view, "support_requests", other.id, "items", json!([{ "need": "helicopter", "count": 1 }]));
    // And a commitment that is not a record map at all.
    {
        use yrs::{Map, Transact, WriteTxn};
        let mut txn = view.doc().transact_mut();
        txn.get_or_insert_map("commitments").insert(&mut txn, "garbage", "not a record");
    }

    let state = read(&view);
    let mut unreadable: Vec<_> = state.unreadable.iter().map(|e| (e.collection, e.id.clone())).collect();
    liandong_core::sort::natural(&mut unreadable);
    let mut expected = vec![
        ("commitments", team.id.to_string()),
        ("commitments", "garbage".to_owned()),
        ("support_requests", other.id.to_string()),
    ];
    liandong_core::sort::natural(&mut expected);
    assert_eq!(unreadable, expected);
    assert!(state.unreadable.iter().all(|e| !e.reason.is_empty()));
    assert_eq!(state.commitments, vec![kept]);
    assert_eq!(state.requests, vec![request.clone()]);

    // What can be read still works.
    let now = at("2026-12-01 09:00");
    let short = liandong_core::command::fill::unfilled(&state, &request);
    assert_eq!(short.iter().map(|l| (l.wanted, l.committed)).collect::<Vec<_>>(), vec![(2, 1)]);
    let findings = rules::check(&state, Inputs { org: &r.org, shifts: &[], now });
    assert!(matches!(findings.as_slice(), [CommandFinding::Overdue { request: id, .. }] if *id == request.id));
    Board::build(&state, &r.org, r.region, &[], now);
}

#[test]
fn a_record_of_a_newer_version_is_read_only_here() {
    let r = Region::new();
    let view = replica(1, r.commander);
    let boat = r.item(r.a, EquipmentKind::Boat, "CF-01");
    edit::save_equipment(&view, &r.org, r.region, &boat).expect("boat");
    let incident = r.incident(IncidentKind::MajorDisaster, "清江大堤", "汛情", "2026-12-01 07:00");
    edit::save_incident(&view, &r.org, &incident).expect("incident");
    write_raw(&view, "equipment", boat.id, "kind", json!("hovercraft"));
    write_raw(&view, "incidents", incident.id, "kind", json!("flood_drill"));
    let state = read(&view);
    let before = common::command::encoded(&view);
    let refused = Err(WriteError::Invalid(Refusal::UnknownKind { line: 0 }));
    let when = mark(r.commander, "2026-12-01 09:00");
    assert_eq!(edit::set_status(&view, &state, boat.id, EquipmentStatus::InRepair, None, when), refused);
    let closure = Closure { mark: when, result: "结束".into() };
    assert_eq!(edit::close_incident(&view, &state, incident.id, closure), refused);
    assert_eq!(common::command::encoded(&view), before, "nothing written");
    assert_eq!(read_raw(&view, "equipment", boat.id, "kind"), Some(json!("hovercraft")));
    assert_eq!(read_raw(&view, "incidents", incident.id, "kind"), Some(json!("flood_drill")));
}

#[test]
fn a_glance_finds_an_officers_running_dispatch_and_nothing_else() {
    use liandong_core::command::Stage;
    use liandong_core::command::glance::has_active_commitment;
    let r = Region::new();
    let view = replica(1, r.commander);
    let officer = r.at_a[1];
    assert!(!has_active_commitment(&view, officer), "an empty document");
    let request = r.request(r.b, &[(officers(), 2)], "2026-12-01 08:00", "2026-12-02 08:00");
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let c = r.send_officer(&request, 0, officer, "2026-12-01 08:00", "2026-12-02 08:00");
    let c = edit::commit(&view, &r.org, &read(&view), r.region, &c).expect("commit");
    assert!(has_active_commitment(&view, officer));
    assert!(!has_active_commitment(&view, r.at_a[2]), "another officer");
    edit::mark_step(&view, &read(&view), c.id, Stage::Dispatched, mark(r.commander, "2026-12-01 08:05")).expect("out");
    assert!(has_active_commitment(&view, officer), "on the way");
    edit::mark_step(&view, &read(&view), c.id, Stage::Returned, mark(r.commander, "2026-12-01 18:00")).expect("back");
    assert!(!has_active_commitment(&view, officer), "returned");
    let again = r.send_officer(&request, 0, officer, "2026-12-01 19:00", "2026-12-02 08:00");
    let again = edit::commit(&view, &r.org, &read(&view), r.region, &again).expect("again");
    assert!(has_active_commitment(&view, officer));
    edit::mark_step(&view, &read(&view), again.id, Stage::Cancelled, mark(r.commander, "2026-12-01 19:05"))
        .expect("cancel");
    assert!(!has_active_commitment(&view, officer), "cancelled");
}
