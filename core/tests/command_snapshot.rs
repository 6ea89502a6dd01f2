//! The board's snapshot (`command::snapshot`): a reload shows the board from it before the
//! documents are decoded, so it must give exactly the board the documents give, and a
//! snapshot this version cannot read must be refused whole rather than read in part.

mod common;

use common::command::{Region, at, officers, read, replica, write_raw};
use liandong_core::command::snapshot::{self, BoardInputs, FORMAT, SnapshotError};
use liandong_core::command::{Board, edit};
use liandong_core::model::{EquipmentKind, EquipmentStatus, IncidentKind, ShiftKind};
use serde_json::json;

/// A region mid-operation: an open incident, a request of B half filled by a loan of one of
/// A's officers on shift, a vehicle sent, an item in repair, one from a newer version.
fn inputs(r: &Region) -> BoardInputs {
    let view = replica(1, r.commander);
    let incident =
        r.incident(IncidentKind::CriminalCrackdown, "擂鼓镇 · 集贸市场", "摩托车盗窃团伙", "2026-12-01 05:00");
    edit::save_incident(&view, &r.org, &incident).expect("incident");
    let mut request = r.request(r.b, &[(officers(), 2)], "2026-12-01 07:00", "2026-12-01 20:00");
    request.incident = Some(incident.id);
    edit::save_request(&view, &r.org, r.region, &request).expect("request");
    let car = r.item(r.a, EquipmentKind::PatrolCar, "鄂A·1234警");
    edit::save_equipment(&view, &r.org, r.region, &car).expect("car");
    let mut broken = r.item(r.b, EquipmentKind::Radio, "对讲机 7");
    broken.status = EquipmentStatus::InRepair;
    edit::save_equipment(&view, &r.org, r.region, &broken).expect("radio");
    let newer = r.item(r.b, EquipmentKind::Radio, "无人机 1");
    edit::save_equipment(&view, &r.org, r.region, &newer).expect("drone");
    write_raw(&view, "equipment", newer.id, "kind", json!("hovercraft"));
    let sent = r.send_officer(&request, 0, r.at_a[0], "2026-12-01 07:00", "2026-12-01 20:00");
    edit::commit(&view, &r.org, &read(&view), r.region, &sent).expect("officer");
    // Day shifts of A's two and B's first officer every day of November and December.
    let mut shifts = Vec::new();
    for day in 1..=61 {
        let date = if day <= 30 { format!("2026-11-{day:02}") } else { format!("2026-12-{:02}", day - 30) };
        for o in [r.at_a[0], r.at_a[1], r.at_b[0]] {
            shifts.push(r.shift(o, ShiftKind::Day, &format!("{date} 08:00"), &format!("{date} 18:00")));
        }
    }
    BoardInputs {
        written: at("2026-12-01 09:00"),
        region: "r".to_owned(),
        state: read(&view),
        org: r.org.clone(),
        shifts,
    }
}

fn encode(i: &BoardInputs) -> Vec<u8> {
    snapshot::encode(&i.region, i.written, &i.state, &i.org, &i.shifts).expect("encodes")
}

#[test]
fn the_board_from_a_snapshot_is_the_board_from_the_documents() {
    let r = Region::new();
    let live = inputs(&r);
    assert_eq!(live.state.commitments.len(), 1);
    let kept = snapshot::decode(&encode(&live)).expect("reads back");
    assert_eq!((kept.written, &kept.region, &kept.org), (live.written, &live.region, &live.org));
    assert!(kept.state.same_records(&live.state));
    // Of two months of shifts, the day before to 9 days after the day it was written.
    assert_eq!((live.shifts.len(), kept.shifts.len()), (183, 33));

    // The same board at any time it is shown.
    for now in ["2026-12-01 09:00", "2026-12-01 23:59", "2026-12-02 08:59"] {
        let now = at(now);
        assert!(kept.is_fresh(now));
        let board = Board::build(&live.state, &live.org, r.region, &live.shifts, now);
        assert_eq!(Board::build(&kept.state, &kept.org, r.region, &kept.shifts, now), board, "at {now}");
    }
    // What the commander sees at 09:00: one of A's two on duty is on loan, the line still short.
    let board = Board::build(&kept.state, &kept.org, r.region, &kept.shifts, at("2026-12-01 09:00"));
    let a = board.stations.iter().find(|s| s.station == r.a).expect("A's card");
    assert_eq!((a.on_duty.len(), a.lent_out.len(), board.unfilled.len()), (1, 1, 1));
    // A day after it was written (or before, by a clock set back) it is not shown.
    assert!(!kept.is_fresh(at("2026-12-02 09:00")));
    assert!(!kept.is_fresh(at("2026-12-01 08:59")));
}

#[test]
fn a_shift_under_an_active_commitment_is_kept_however_old() {
    let r = Region::new();
    let mut live = inputs(&r);
    // The loaned officer's leave, long ago, under a commitment still running: a finding.
    let mut long = live.state.commitments[0].clone();
    long.from = at("2026-10-01 08:00");
    live.state.commitments[0] = long;
    live.shifts.push(r.shift(r.at_a[0], ShiftKind::Leave, "2026-10-02 08:00", "2026-10-03 08:00"));
    let kept = snapshot::decode(&encode(&live)).expect("reads back");
    let now = at("2026-12-01 09:00");
    let board = Board::build(&live.state, &live.org, r.region, &live.shifts, now);
    assert!(board.findings.iter().any(|f| matches!(f, liandong_core::command::rules::CommandFinding::OnLeave { .. })));
    assert_eq!(Board::build(&kept.state, &kept.org, r.region, &kept.shifts, now), board);
}

#[test]
fn a_snapshot_of_another_format_or_not_a_snapshot_is_not_read() {
    let r = Region::new();
    let bytes = encode(&inputs(&r));
    // The same snapshot, written by a version of another layout.
    let mut any = yrs::Any::decode(&mut yrs::encoding::read::Cursor::new(&bytes)).expect("an Any");
    if let yrs::Any::Map(map) = &mut any {
        std::sync::Arc::make_mut(map).insert("format".to_owned(), yrs::Any::Number(yrs::Number::Int(FORMAT + 1)));
    }
    let mut other = Vec::new();
    any.encode(&mut other);
    assert_eq!(snapshot::decode(&other), Err(SnapshotError::Format(FORMAT + 1)));
    assert_eq!(snapshot::decode(&bytes[..bytes.len() / 2]), Err(SnapshotError::Bytes));
    assert_eq!(snapshot::decode(b"not a snapshot"), Err(SnapshotError::Bytes));
}

#[test]
fn a_record_this_version_cannot_read_refuses_the_whole_snapshot() {
    let r = Region::new();
    let live = inputs(&r);
    let bytes = encode(&live);
    let mut any = yrs::Any::decode(&mut yrs::encoding::read::Cursor::new(&bytes)).expect("an Any");
    if let yrs::Any::Map(map) = &mut any {
        std::sync::Arc::make_mut(map).insert("shifts".to_owned(), yrs::Any::from("shifts of a newer layout"));
    }
    let mut broken = Vec::new();
    any.encode(&mut broken);
    let refused = snapshot::decode(&broken).expect_err("not read in part");
    assert!(matches!(refused, SnapshotError::List("shifts", _)), "{refused:?}");
}
