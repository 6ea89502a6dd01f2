//! Every roster rule over a 30-officer station's roster of three months (about 2,000
//! shifts), and the check of one edit against it (the rules twice). Goal: all rules in at
//! most 10 ms. Prints figures; passes or fails on nothing.
//!
//! The roster rotates six groups of five officers over a six-day cycle: 24-hour duty (one
//! of the five leads), a day off, office residency, a day shift, a night shift, a day off;
//! each officer has one three-day leave and one training day, and a third of the officers
//! hold first response. Run: `cargo bench -p liandong-core --bench roster_rules`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::model::{LeaveKind, Officer, Role, Shift, ShiftKind, SkillGrant, Station, StationKind};
use liandong_core::org::Organisation;
use liandong_core::roster::shift_types::{new_shift, plan_days};
use liandong_core::roster::{Context, RosterConfig, check, check_edit};

const OFFICERS: usize = 30;
const DAYS: i64 = 90;

fn station() -> (Organisation, RecordId) {
    let mut org = Organisation::default();
    let station = RecordId::new();
    org.stations.push(Station {
        id: station,
        code: "chengguan".into(),
        name: "城关派出所".into(),
        kind: StationKind::Town,
        population: None,
        area_km2: None,
        note: None,
        generated: true,
    });
    for i in 0..OFFICERS {
        let id = RecordId::new();
        org.officers.push(Officer {
            id,
            badge_number: format!("{:06}", 100 + i),
            name: format!("民警{i}"),
            station: Some(station),
            role: if i == 0 { Role::StationHead } else { Role::Officer },
            title: None,
            region: None,
            phone: None,
            generated: true,
        });
        if i % 3 == 0 || i % 5 == 0 {
            org.skill_grants.push(SkillGrant {
                id: RecordId::new(),
                station,
                officer: id,
                skill: "first_response".into(),
                expires: None,
            });
        }
    }
    (org, station)
}

fn roster(org: &Organisation, config: &RosterConfig, station: RecordId) -> Vec<Shift> {
    let mut rng = fastrand::Rng::with_seed(20_261_201);
    let first: Date = "2026-12-01".parse().expect("date");
    let mut shifts = Vec::new();
    for (i, officer) in org.officers.iter().enumerate() {
        let group = i / 5;
        let leave_from = rng.i64(0..DAYS - 3);
        let training = rng.i64(0..DAYS);
        for d in 0..DAYS {
            let day = first.checked_add(jiff::Span::new().days(d)).expect("day");
            let kind = match (d + group as i64) % 6 {
                0 => ShiftKind::Duty24,
                2 => ShiftKind::Residency,
                3 if d == training => ShiftKind::Training,
                3 => ShiftKind::Day,
                4 => ShiftKind::Night,
                _ => continue,
            };
            let mut shift = new_shift(config, station, officer.id, kind, day).expect("shift");
            shift.leader = kind == ShiftKind::Duty24 && i % 5 == 0;
            shifts.push(shift);
        }
        let from = first.checked_add(jiff::Span::new().days(leave_from)).expect("day");
        let to = from.checked_add(jiff::Span::new().days(2)).expect("day");
        let (start, end) = plan_days(config, ShiftKind::Leave, from, to, station).expect("leave");
        let mut leave = new_shift(config, station, officer.id, ShiftKind::Leave, from).expect("leave");
        (leave.start, leave.end, leave.leave) = (start, end, Some(LeaveKind::Annual));
        shifts.push(leave);
    }
    shifts
}

fn bench(c: &mut Criterion) {
    let (org, station) = station();
    let config = RosterConfig::default();
    let shifts = roster(&org, &config, station);
    let ctx = Context::new(&org, &config, station);
    let found = check(&ctx, &shifts, None);
    let mut by_rule: std::collections::BTreeMap<_, usize> = Default::default();
    for v in &found {
        *by_rule.entry(v.rule).or_default() += 1;
    }
    println!("roster: {OFFICERS} officers, {DAYS} days, {} shifts, violations by rule: {by_rule:?}", shifts.len());

    c.bench_function("all roster rules, 30 officers x 3 months", |b| {
        b.iter(|| black_box(check(&ctx, black_box(&shifts), None)))
    });
    // Officer 7's day off after a night: standby from 08:00 leaves no rest (a BLOCK).
    let day: Date = "2027-01-16".parse().expect("date");
    let edit = new_shift(&config, station, org.officers[7].id, ShiftKind::Standby, day).expect("shift");
    let outcome = check_edit(&ctx, &shifts, &edit).expect("a well-formed edit");
    println!("the edit newly causes: {:?}", outcome.violations.iter().map(|v| v.rule).collect::<Vec<_>>());
    c.bench_function("check one edit (rules before and after)", |b| {
        b.iter(|| black_box(check_edit(&ctx, black_box(&shifts), black_box(&edit))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
