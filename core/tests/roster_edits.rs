//! Checking an edit before saving it: bad input refused with the reason, the violations an
//! edit newly causes, overrides by the station head, saving, unreadable records.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::Org;
use common::roster::{Station, at, of};
use jiff::Timestamp;
use liandong_core::RecordId;
use liandong_core::docs::StationRoster;
use liandong_core::model::{Role, RosterRule, Shift, ShiftKind};
use liandong_core::roster::edit::OverrideError;
use liandong_core::roster::validate::{check_roster, check_shift};
use liandong_core::roster::{
    Finding, SaveError, ShiftError, check_after_sync, check_edit, check_removal, override_violations, read_shifts, save,
};
use yrs::{Doc, Map, MapPrelim, Transact, WriteTxn};

#[test]
fn bad_input_is_refused_with_the_reason() {
    let s = Station::new(2, 2);
    let (x, y) = (s.officers[0], s.officers[1]);
    let night = s.shift(x, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00");
    let roster = vec![night.clone()];

    let backwards = s.shift(x, ShiftKind::Day, "2026-12-03 18:00", "2026-12-03 08:00");
    assert_eq!(
        check_edit(&s.ctx(), &roster, &backwards),
        Err(vec![ShiftError::EndNotAfterStart { shift: backwards.id }])
    );
    let empty = s.shift(x, ShiftKind::Day, "2026-12-03 08:00", "2026-12-03 08:00");
    assert!(matches!(check_edit(&s.ctx(), &roster, &empty).unwrap_err()[..], [ShiftError::EndNotAfterStart { .. }]));

    let overlapping = s.shift(x, ShiftKind::Day, "2026-12-02 07:59", "2026-12-02 12:00");
    let errors = check_edit(&s.ctx(), &roster, &overlapping).unwrap_err();
    assert!(matches!(&errors[..], [ShiftError::Overlap { other, .. }] if *other == night.id));
    assert!(matches!(&errors[0], ShiftError::Overlap { officer, .. } if officer.label == "officer 0（000000）"));
    // Touching is not overlapping; another officer is not the same officer.
    let touching = s.shift(x, ShiftKind::Day, "2026-12-02 08:00", "2026-12-02 12:00");
    assert!(check_shift(&s.org, s.station, &roster, &touching).is_empty());
    let other_officer = s.shift(y, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00");
    assert!(check_edit(&s.ctx(), &roster, &other_officer).is_ok());
    // Changing a shift is not overlapping its own old version.
    let mut later = night.clone();
    later.end = at("2026-12-02 09:00");
    assert!(check_edit(&s.ctx(), &roster, &later).is_ok());
    // A leave over a shift is how leave is requested, not an overlap.
    let leave = s.shift(x, ShiftKind::Leave, "2026-12-01 00:00", "2026-12-03 00:00");
    assert!(check_shift(&s.org, s.station, &roster, &leave).is_empty());
    // But no new work inside a leave.
    let during = s.shift(x, ShiftKind::Day, "2026-12-02 09:00", "2026-12-02 12:00");
    let errors = check_shift(&s.org, s.station, std::slice::from_ref(&leave), &during);
    assert!(matches!(&errors[..], [ShiftError::OnLeave { leave: l, .. }] if *l == leave.id));
    assert!(matches!(&errors[0], ShiftError::OnLeave { officer, .. } if officer.id == x));

    // An officer of another station.
    let mut org = Org(s.org.clone());
    let elsewhere = org.station("Qingu");
    let stranger = org.officer(elsewhere, Role::Officer);
    let s2 = Station { org: org.0, ..Station::new(0, 0) };
    let mut foreign = s.shift(stranger, ShiftKind::Day, "2026-12-05 08:00", "2026-12-05 18:00");
    foreign.station = s.station;
    let ctx = liandong_core::roster::Context::new(&s2.org, &s.config, s.station);
    let errors = check_edit(&ctx, &roster, &foreign).unwrap_err();
    assert!(matches!(&errors[..], [ShiftError::OtherStation { officer, .. }] if officer.id == stranger));
    // Nobody the directory knows.
    let ghost = s.shift(RecordId::new(), ShiftKind::Day, "2026-12-05 08:00", "2026-12-05 18:00");
    assert!(matches!(check_edit(&s.ctx(), &roster, &ghost).unwrap_err()[..], [ShiftError::UnknownOfficer { .. }]));
    // Leave without its kind.
    let mut kindless = s.shift(y, ShiftKind::Leave, "2026-12-05 00:00", "2026-12-06 00:00");
    kindless.leave = None;
    assert!(matches!(
        check_edit(&s.ctx(), &roster, &kindless).unwrap_err()[..],
        [ShiftError::LeaveKindMismatch { .. }]
    ));
}

#[test]
fn overlaps_let_in_by_a_merge_are_listed_once() {
    let s = Station::new(1, 1);
    let x = s.officers[0];
    let a = s.shift(x, ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00");
    let b = s.shift(x, ShiftKind::Standby, "2026-12-01 12:00", "2026-12-01 20:00");
    let errors = check_roster(&s.org, s.station, &[a.clone(), b.clone()]);
    assert_eq!(errors.len(), 1);
    assert!(matches!(&errors[0], ShiftError::Overlap { shift, other, .. } if *shift == b.id && *other == a.id));
}

/// A station with led duty around the clock for three days and two on each night.
fn covered() -> (Station, Vec<Shift>) {
    let s = Station::new(6, 6);
    let o = s.officers.clone();
    let mut roster = Vec::new();
    for (i, day) in ["2026-12-01", "2026-12-02", "2026-12-03"].iter().enumerate() {
        roster.push(s.duty(o[i], day));
        let mut second = s.duty(o[i + 3], day);
        second.leader = false;
        roster.push(second);
    }
    (s, roster)
}

#[test]
fn an_edit_reports_only_what_it_newly_causes_and_blocks_on_block() {
    let (s, roster) = covered();
    let o = &s.officers;
    // A lone day shift on an unplanned day: the day is short of officers and has no duty,
    // but neither is this edit's doing.
    let lone = s.shift(o[0], ShiftKind::Day, "2026-12-05 08:00", "2026-12-05 12:00");
    let check = check_edit(&s.ctx(), &roster, &lone).unwrap();
    assert!(check.violations.is_empty(), "{:#?}", check.violations);

    // Officer 0's duty ends 12-02 08:30; a day shift at 12:00 leaves 3.5 hours of rest.
    let day = s.shift(o[0], ShiftKind::Standby, "2026-12-02 12:00", "2026-12-02 18:00");
    let check = check_edit(&s.ctx(), &roster, &day).unwrap();
    assert_eq!(check.violations.len(), 1, "{:#?}", check.violations);
    assert_eq!(check.violations[0].rule, RosterRule::MinRest);
    assert!(check.blocks());
    let v = &check.violations[0];
    assert_eq!(v.finding, Finding::ShortRest { minutes: 210, min_minutes: 660 });
    assert_eq!((v.from, v.to), (at("2026-12-02 08:30"), at("2026-12-02 12:00")));
    assert_eq!(v.officers.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(), ["officer 0（000000）"]);

    // What was already wrong is not the edit's: a second short rest elsewhere stays out.
    let mut worse = roster.clone();
    worse.push(s.shift(o[1], ShiftKind::Standby, "2026-12-03 09:00", "2026-12-03 10:00"));
    let check = check_edit(&s.ctx(), &worse, &day).unwrap();
    assert_eq!(check.violations.len(), 1);

    // Removing the only leader of a day opens a gap.
    let check = check_removal(&s.ctx(), &roster, roster[2].id);
    assert!(of(&check.violations, RosterRule::DutyCoverage).len() == 1 && check.blocks());
}

#[test]
fn leave_that_breaks_staffing_is_flagged_when_requested() {
    let (s, roster) = covered();
    // Officer 4 (not leading) asks for sick leave over their duty of 12-02.
    let leave = s.shift(s.officers[4], ShiftKind::Leave, "2026-12-02 00:00", "2026-12-03 00:00");
    let check = check_edit(&s.ctx(), &roster, &leave).unwrap();
    assert_eq!(check.violations.len(), 1, "{:#?}", check.violations);
    let v = &check.violations[0];
    assert_eq!(v.rule, RosterRule::LeaveBreaksStaffing);
    assert!(v.involves(leave.id) && v.involves(roster[3].id));
    assert_eq!(v.officers.iter().map(|o| o.id).collect::<Vec<_>>(), vec![s.officers[4]]);
    assert!(!check.blocks(), "leave only warns by default");
    assert_eq!(
        v.finding,
        Finding::Understaffed {
            kind: ShiftKind::Duty24,
            day: "2026-12-02".parse().unwrap(),
            officers: 1,
            min: 2,
            skill: None
        }
    );
}

#[test]
fn the_station_head_overrides_a_block_with_a_note() {
    let (s, roster) = covered();
    let o = &s.officers;
    let mut day = s.shift(o[0], ShiftKind::Standby, "2026-12-02 12:00", "2026-12-02 18:00");
    let check = check_edit(&s.ctx(), &roster, &day).unwrap();
    assert!(check.blocks());

    let head = s.org.officers.iter().find(|x| x.id == s.head).unwrap().clone();
    let officer = s.org.officers.iter().find(|x| x.id == o[1]).unwrap().clone();
    let now: Timestamp = "2026-11-30T02:00:00Z".parse().unwrap();
    assert_eq!(
        override_violations(&mut day, &check.violations, &officer, "急需", now),
        Err(OverrideError::NotStationHead)
    );
    assert_eq!(override_violations(&mut day, &check.violations, &head, "  ", now), Err(OverrideError::NoteMissing));
    assert_eq!(override_violations(&mut day, &check.violations, &head, "县局专项行动，人手不足", now), Ok(1));
    assert_eq!(day.overrides[0].by, head.id);

    let again = check_edit(&s.ctx(), &roster, &day).unwrap();
    assert_eq!(again.violations.len(), 1);
    assert!(!again.blocks());
    assert!(again.violations[0].overridden.is_some());
    assert_eq!(again.violations[0].overridden.as_ref().map(|o| o.note.as_str()), Some("县局专项行动，人手不足"));

    // The override covers that violation only: a longer shift is a new finding and blocks.
    day.start = at("2026-12-02 11:00");
    assert!(check_edit(&s.ctx(), &roster, &day).unwrap().blocks());
}

#[test]
fn save_writes_what_passes_and_refuses_what_blocks() {
    let (s, roster) = covered();
    let view = StationRoster::new(Doc::new());
    for shift in &roster {
        view.put(shift).unwrap();
    }
    let ok = s.shift(s.officers[0], ShiftKind::Training, "2026-12-04 08:30", "2026-12-04 17:30");
    assert!(save(&view, &s.ctx(), &ok).is_ok());
    let blocked = s.shift(s.officers[0], ShiftKind::Standby, "2026-12-02 12:00", "2026-12-02 18:00");
    let error = save(&view, &s.ctx(), &blocked).unwrap_err();
    assert!(matches!(&error, SaveError::Blocked(v) if v.len() == 1));
    assert!(
        matches!(&error, SaveError::Blocked(v) if v[0].finding == Finding::ShortRest { minutes: 210, min_minutes: 660 })
    );
    let backwards = s.shift(s.officers[0], ShiftKind::Day, "2026-12-09 18:00", "2026-12-09 08:00");
    assert!(matches!(save(&view, &s.ctx(), &backwards), Err(SaveError::Refused(_))));
    // Overridden, it saves, and the override reads back with the shift.
    let mut overridden = blocked.clone();
    let SaveError::Blocked(violations) = error else { unreachable!() };
    let head = s.org.officers.iter().find(|x| x.id == s.head).unwrap();
    override_violations(&mut overridden, &violations, head, "抢险", "2026-11-30T02:00:00Z".parse().unwrap()).unwrap();
    let check = save(&view, &s.ctx(), &overridden).unwrap();
    assert!(check.violations.iter().all(|v| v.overridden.is_some()));
    let (shifts, unreadable) = read_shifts(&view, s.station);
    assert_eq!(shifts.len(), roster.len() + 2);
    assert!(unreadable.is_empty());
    assert_eq!(shifts.iter().find(|x| x.id == overridden.id), Some(&overridden));
    let report = check_after_sync(&view, &s.ctx());
    let rest: Vec<_> = report.violations.iter().filter(|v| v.rule == RosterRule::MinRest).collect();
    assert!(rest.len() == 1 && !rest[0].blocks() && rest[0].overridden.as_ref().is_some_and(|o| o.note == "抢险"));
}

#[test]
fn a_shift_record_from_a_newer_version_is_skipped_and_reported() {
    let (s, roster) = covered();
    let doc = Doc::new();
    let view = StationRoster::new(doc.clone());
    for shift in &roster {
        view.put(shift).unwrap();
    }
    // A newer app's kind of shift (escort duty) this version does not know.
    let newer = RecordId::new();
    {
        let mut txn = doc.transact_mut();
        let shifts = txn.get_or_insert_map("shifts");
        let fields: MapPrelim = [
            ("station", yrs::Any::from(s.station.to_string())),
            ("officer", yrs::Any::from(s.officers[0].to_string())),
            ("kind", yrs::Any::from("escort")),
            ("start", yrs::Any::from("2026-12-04T00:00:00Z")),
            ("end", yrs::Any::from("2026-12-04T08:00:00Z")),
        ]
        .into_iter()
        .collect();
        shifts.insert(&mut txn, newer.to_string(), fields);
    }
    let (shifts, unreadable) = read_shifts(&view, s.station);
    assert_eq!(shifts.len(), roster.len());
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].id, newer.to_string());
    assert!(unreadable[0].reason.contains("escort"), "{}", unreadable[0].reason);
    let report = check_after_sync(&view, &s.ctx());
    assert_eq!(report.unreadable.len(), 1);
    assert!(report.refused.is_empty());
}

#[test]
fn planning_a_shift_officer_by_officer_is_not_blocked_but_emptying_one_is() {
    let (s, roster) = covered();
    let o = &s.officers;
    // First officer of the night of 12-05: one of two, and still allowed.
    let first = s.shift(o[4], ShiftKind::Night, "2026-12-05 18:00", "2026-12-06 08:00");
    assert!(!check_edit(&s.ctx(), &roster, &first).unwrap().blocks());
    let mut with_first = roster.clone();
    with_first.push(first.clone());
    // The second makes it full.
    let second = s.shift(o[5], ShiftKind::Night, "2026-12-05 18:00", "2026-12-06 08:00");
    let check = check_edit(&s.ctx(), &with_first, &second).unwrap();
    assert!(check.violations.iter().all(|v| v.rule != RosterRule::MinStaffing), "{:#?}", check.violations);
    let mut full = with_first.clone();
    full.push(second.clone());
    // Taking one off the full night leaves it short: that is the removal's doing.
    let check = check_removal(&s.ctx(), &full, second.id);
    assert_eq!(of(&check.violations, RosterRule::MinStaffing).len(), 1, "{:#?}", check.violations);
    assert!(check.blocks());
    // A led duty on a day without one closes part of a gap and opens none.
    let duty = s.duty(o[1], "2026-12-07");
    assert!(of(&check_edit(&s.ctx(), &roster, &duty).unwrap().violations, RosterRule::DutyCoverage).is_empty());
}

#[test]
fn a_removal_warns_only_about_rules_it_can_worsen() {
    let mut s = Station::new(2, 2);
    s.config.rules.hours.max_minutes = 60 * 60;
    let (x, y) = (s.officers[0], s.officers[1]);
    // x on 24-hour duty every other day for three weeks (over 60 hours in every 7 days),
    // with y on each duty too (the minimum of two).
    let mut roster = Vec::new();
    for k in 0..11 {
        let day = jiff::civil::date(2026, 12, 1).checked_add(jiff::Span::new().days(2 * k)).expect("day");
        roster.push(s.duty(x, &day.to_string()));
        let mut second = s.duty(y, &day.to_string());
        second.leader = false;
        roster.push(second);
    }
    roster.sort_by_key(|s| s.start);
    // Taking x's first duty away measures the hours again over other days: not worse.
    let first = roster.iter().find(|s| s.officer == x).expect("a duty").id;
    let check = check_removal(&s.ctx(), &roster, first);
    assert!(check.violations.iter().all(|v| v.rule != RosterRule::MaxHoursInWindow), "{:#?}", check.violations);
    // It does leave that duty with one officer and the day without x leading: staffing
    // and coverage are what a removal can worsen.
    assert!(check.violations.iter().any(|v| v.rule == RosterRule::MinStaffing || v.rule == RosterRule::DutyCoverage));
}
