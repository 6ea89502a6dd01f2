//! Filling many cells at once: applying a rotation pattern to a date range, copying last
//! week; cells already planned are kept, shifts the rules block are left out with reasons.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::roster::{Station, of};
use jiff::civil::Date;
use liandong_core::model::{RosterRule, ShiftKind};
use liandong_core::roster::shift_types::day_of;
use liandong_core::roster::{
    Finding, RosterConfig, RosterViolation, Rotation, RotationError, SkipReason, apply_rotation, check, copy_last_week,
};

fn date(text: &str) -> Date {
    text.parse().expect("date")
}

fn pattern(name: &str) -> Rotation {
    RosterConfig::default().rotations.into_iter().find(|r| r.name.starts_with(name)).expect("default pattern")
}

#[test]
fn one_in_three_duty_staggered_over_six_officers_covers_every_day_with_two() {
    // Six officers, all with first response: three lead, three do plain duty.
    let s = Station::new(6, 6);
    let (leaders, others) = s.officers.split_at(3);
    let range = (date("2026-12-07"), date("2026-12-15"));
    let led = apply_rotation(&s.ctx(), &[], &pattern("带班值班一天"), leaders, range, true).unwrap();
    assert_eq!(led.shifts.len(), 9, "one leader a day for nine days");
    assert!(led.skipped.is_empty(), "{:#?}", led.skipped);
    let plain = apply_rotation(&s.ctx(), &led.shifts, &pattern("值班一天"), others, range, true).unwrap();
    assert_eq!(plain.shifts.len(), 9);
    assert!(plain.skipped.is_empty(), "{:#?}", plain.skipped);

    let roster: Vec<_> = led.shifts.iter().chain(&plain.shifts).cloned().collect();
    // Each officer is on duty every third day, three times; each day has a leader and two.
    for officer in &s.officers {
        let days: Vec<Date> = roster.iter().filter(|x| x.officer == *officer).map(day_of).collect();
        assert_eq!(days.len(), 3);
        assert_eq!((days[1] - days[0]).get_days(), 3);
    }
    let violations = check(&s.ctx(), &roster, None);
    assert!(of(&violations, RosterRule::DutyCoverage).is_empty(), "{violations:#?}");
    assert!(of(&violations, RosterRule::MinStaffing).is_empty(), "{violations:#?}");
    assert!(of(&violations, RosterRule::MinRest).is_empty());
}

#[test]
fn without_stagger_everyone_starts_on_the_first_day() {
    let s = Station::new(3, 3);
    let fill = apply_rotation(
        &s.ctx(),
        &[],
        &pattern("日班五天"),
        &s.officers,
        (date("2026-12-07"), date("2026-12-13")),
        false,
    )
    .unwrap();
    assert_eq!(fill.shifts.len(), 15, "5 day shifts each");
    assert!(fill.shifts.iter().all(|x| x.kind == ShiftKind::Day && day_of(x) <= date("2026-12-11")));
}

#[test]
fn planned_cells_are_kept_and_blocked_shifts_left_out_with_the_reason() {
    let s = Station::new(2, 2);
    let x = s.officers[0];
    // x already has a night on 12-07 (kept), ending 12-08 08:00: a duty from 08:30 would
    // leave 30 minutes of rest, which the rest rule (BLOCK) stops.
    let night = s.shift(x, ShiftKind::Night, "2026-12-07 18:00", "2026-12-08 08:00");
    let fill = apply_rotation(
        &s.ctx(),
        std::slice::from_ref(&night),
        &pattern("带班值班一天"),
        &[x],
        (date("2026-12-07"), date("2026-12-08")),
        false,
    )
    .unwrap();
    // Day 1 of the pattern is duty (kept: the night), day 2 is off: nothing new.
    assert_eq!((fill.shifts.len(), fill.kept), (0, 1));

    let every_day = Rotation { name: "天天值班".into(), steps: vec![liandong_core::roster::RotationStep::LEAD] };
    let fill =
        apply_rotation(&s.ctx(), &[night], &every_day, &[x], (date("2026-12-08"), date("2026-12-08")), false).unwrap();
    assert!(fill.shifts.is_empty());
    assert_eq!(fill.skipped.len(), 1);
    assert_eq!(fill.skipped[0].date, date("2026-12-08"));
    assert!(
        matches!(&fill.skipped[0].reason, SkipReason::Blocked(v)
            if matches!(v[..], [RosterViolation { rule: RosterRule::MinRest, finding: Finding::ShortRest { min_minutes: 660, .. }, .. }])),
        "{:?}",
        fill.skipped[0].reason
    );
}

#[test]
fn bad_ranges_and_patterns_are_refused() {
    let s = Station::new(1, 1);
    let d = |t| date(t);
    let empty = Rotation { name: "空".into(), steps: vec![] };
    let any = pattern("日班五天");
    assert_eq!(
        apply_rotation(&s.ctx(), &[], &empty, &s.officers, (d("2026-12-01"), d("2026-12-02")), true),
        Err(RotationError::EmptyPattern)
    );
    assert_eq!(
        apply_rotation(&s.ctx(), &[], &any, &[], (d("2026-12-01"), d("2026-12-02")), true),
        Err(RotationError::NoOfficers)
    );
    assert_eq!(
        apply_rotation(&s.ctx(), &[], &any, &s.officers, (d("2026-12-02"), d("2026-12-01")), true),
        Err(RotationError::EndBeforeStart)
    );
    // 92 days (a quarter) is allowed, 93 is not.
    assert!(apply_rotation(&s.ctx(), &[], &any, &s.officers, (d("2026-12-01"), d("2027-03-02")), true).is_ok());
    assert_eq!(
        apply_rotation(&s.ctx(), &[], &any, &s.officers, (d("2026-12-01"), d("2027-03-03")), true),
        Err(RotationError::TooLong)
    );
}

#[test]
fn copying_last_week_moves_each_shift_seven_days_and_keeps_planned_cells() {
    let s = Station::new(3, 3);
    let o = &s.officers;
    let last_week = vec![
        s.duty(o[0], "2026-11-30"),
        s.shift(o[1], ShiftKind::Day, "2026-12-02 08:00", "2026-12-02 18:00"),
        s.shift(o[2], ShiftKind::Leave, "2026-12-06 00:00", "2026-12-07 00:00"),
        // Already planned this week: o[1] on 12-09 keeps its own shift.
        s.shift(o[1], ShiftKind::Night, "2026-12-09 18:00", "2026-12-10 08:00"),
    ];
    let fill = copy_last_week(&s.ctx(), &last_week, date("2026-12-07"));
    assert_eq!(fill.kept, 1);
    let days: Vec<(Date, ShiftKind)> = fill.shifts.iter().map(|x| (day_of(x), x.kind)).collect();
    assert_eq!(days, vec![(date("2026-12-07"), ShiftKind::Duty24), (date("2026-12-13"), ShiftKind::Leave)]);
    assert!(fill.shifts[0].leader, "the leader stays the leader");
    assert!(fill.shifts.iter().all(|x| !last_week.iter().any(|l| l.id == x.id)), "copies are new records");
    assert_eq!(fill.sources, 3);
}

#[test]
fn a_leave_and_a_duty_on_one_day_are_both_copied() {
    // Last week o[0] was on duty on 12-02 with o[1] leading, and took sick leave that day
    // (the leave cancels the duty; a WARN): all three come over to 12-09, none "kept".
    let s = Station::new(3, 3);
    let o = &s.officers;
    let mut plain = s.duty(o[0], "2026-12-02");
    plain.leader = false;
    let last_week = vec![
        s.shift(o[0], ShiftKind::Leave, "2026-12-02 00:00", "2026-12-03 00:00"),
        plain,
        s.duty(o[1], "2026-12-02"),
    ];
    let fill = copy_last_week(&s.ctx(), &last_week, date("2026-12-07"));
    assert_eq!(fill.kept, 0);
    assert!(fill.skipped.is_empty(), "{:?}", fill.skipped);
    let mut kinds: Vec<ShiftKind> = fill.shifts.iter().map(|x| x.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(kinds, vec![ShiftKind::Duty24, ShiftKind::Duty24, ShiftKind::Leave]);
    assert!(fill.shifts.iter().all(|x| day_of(x) == date("2026-12-09")));
}
