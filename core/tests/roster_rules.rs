//! The roster rules at and around their boundaries, with the default numbers.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::roster::{Station, at, of};
use liandong_core::model::{RosterRule, ShiftKind};
use liandong_core::roster::rules::Finding;
use liandong_core::roster::{Period, Severity, check};

#[test]
fn rest_of_10h59_fails_and_11h_passes() {
    let s = Station::new(1, 1);
    let x = s.officers[0];
    let night = s.shift(x, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00");
    let short = s.shift(x, ShiftKind::Day, "2026-12-02 18:59", "2026-12-02 22:00");
    let violations = check(&s.ctx(), &[night.clone(), short.clone()], None);
    let rest = of(&violations, RosterRule::MinRest);
    assert_eq!(rest.len(), 1, "{violations:#?}");
    assert_eq!(rest[0].shifts, {
        let mut v = vec![night.id, short.id];
        v.sort();
        v
    });
    assert_eq!(rest[0].finding, Finding::ShortRest { minutes: 659, min_minutes: 660 });
    assert_eq!(rest[0].severity, Severity::Block);
    assert_eq!((rest[0].from, rest[0].to), (at("2026-12-02 08:00"), at("2026-12-02 18:59")));
    assert_eq!(rest[0].officers.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(), ["officer 0（000000）"]);

    let enough = s.shift(x, ShiftKind::Day, "2026-12-02 19:00", "2026-12-02 22:00");
    assert!(of(&check(&s.ctx(), &[night, enough], None), RosterRule::MinRest).is_empty());
}

#[test]
fn six_duty_days_in_a_row_pass_and_seven_fail() {
    let s = Station::new(1, 1);
    let x = s.officers[0];
    let days: Vec<_> = (1..=7)
        .map(|d| s.shift(x, ShiftKind::Day, &format!("2026-12-{d:02} 08:00"), &format!("2026-12-{d:02} 16:00")))
        .collect();
    assert!(of(&check(&s.ctx(), &days[..6], None), RosterRule::MaxConsecutiveDays).is_empty());
    let violations = check(&s.ctx(), &days, None);
    let run = of(&violations, RosterRule::MaxConsecutiveDays);
    assert_eq!(run.len(), 1);
    assert_eq!(run[0].finding, Finding::ConsecutiveDays { days: 7, max: 6 });
    assert_eq!(run[0].shifts.len(), 7);
    assert_eq!(run[0].severity, Severity::Warn);
    // A rest day breaks the run.
    let broken: Vec<_> = days.iter().enumerate().filter(|(i, _)| *i != 3).map(|(_, s)| s.clone()).collect();
    assert!(of(&check(&s.ctx(), &broken, None), RosterRule::MaxConsecutiveDays).is_empty());
}

#[test]
fn four_nights_in_a_row_pass_and_five_fail() {
    let s = Station::new(1, 1);
    let x = s.officers[0];
    let nights: Vec<_> = (1..=5)
        .map(|d| s.shift(x, ShiftKind::Night, &format!("2026-12-{d:02} 18:00"), &format!("2026-12-{:02} 08:00", d + 1)))
        .collect();
    assert!(of(&check(&s.ctx(), &nights[..4], None), RosterRule::MaxNightsInRow).is_empty());
    let violations = check(&s.ctx(), &nights, None);
    let run = of(&violations, RosterRule::MaxNightsInRow);
    assert_eq!(run.len(), 1);
    assert_eq!(run[0].finding, Finding::NightsInRow { nights: 5, max: 4 });
}

#[test]
fn sixty_hours_in_seven_days_pass_and_sixty_and_a_half_fail() {
    let mut s = Station::new(1, 1);
    s.config.rules.hours.max_minutes = 60 * 60;
    let x = s.officers[0];
    // Five 12-hour shifts, every other day 07:00–19:00: 60 hours within 7 days.
    let mut shifts: Vec<_> = [1, 2, 3, 5, 7]
        .iter()
        .map(|d| s.shift(x, ShiftKind::Day, &format!("2026-12-{d:02} 07:00"), &format!("2026-12-{d:02} 19:00")))
        .collect();
    assert!(of(&check(&s.ctx(), &shifts, None), RosterRule::MaxHoursInWindow).is_empty());
    // Half an hour more on the last one: 60.5 hours.
    shifts[4].end = at("2026-12-07 19:30");
    let violations = check(&s.ctx(), &shifts, None);
    let hours = of(&violations, RosterRule::MaxHoursInWindow);
    assert_eq!(hours.len(), 1, "{violations:#?}");
    assert_eq!(hours[0].finding, Finding::Hours { minutes: 3630, max_minutes: 3600, window_days: 7 });
    assert_eq!(hours[0].shifts.len(), 5);
    assert_eq!(hours[0].to.as_second() - hours[0].from.as_second(), 7 * 86_400, "a 7-day window");
    // The window slides: the same 60.5 hours spread over 8 days pass.
    shifts[4].start = at("2026-12-08 07:00");
    shifts[4].end = at("2026-12-08 19:30");
    assert!(of(&check(&s.ctx(), &shifts, None), RosterRule::MaxHoursInWindow).is_empty());
}

#[test]
fn leave_counts_as_no_work_and_training_and_residency_do() {
    let s = Station::new(1, 1);
    let x = s.officers[0];
    let mut shifts: Vec<_> = (1..=6)
        .map(|d| s.shift(x, ShiftKind::Leave, &format!("2026-12-{d:02} 00:00"), &format!("2026-12-{:02} 00:00", d + 1)))
        .collect();
    shifts.push(s.shift(x, ShiftKind::Day, "2026-12-07 08:00", "2026-12-07 16:00"));
    assert!(of(&check(&s.ctx(), &shifts, None), RosterRule::MaxConsecutiveDays).is_empty());
    // Three training days, three residency days and a day shift: seven duty days.
    let mut work: Vec<_> = (1..=3)
        .map(|d| s.shift(x, ShiftKind::Training, &format!("2026-12-{d:02} 08:30"), &format!("2026-12-{d:02} 17:30")))
        .collect();
    work.extend(
        (4..=6).map(|d| {
            s.shift(x, ShiftKind::Residency, &format!("2026-12-{d:02} 08:30"), &format!("2026-12-{d:02} 17:30"))
        }),
    );
    work.push(s.shift(x, ShiftKind::Day, "2026-12-07 08:00", "2026-12-07 16:00"));
    assert_eq!(of(&check(&s.ctx(), &work, None), RosterRule::MaxConsecutiveDays).len(), 1);
}

#[test]
fn staffing_minimums_overall_and_by_skill() {
    // Officers 0 and 1 have first response, 2 and 3 not.
    let s = Station::new(4, 2);
    let o = &s.officers;
    let night = |i: usize| s.shift(o[i], ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00");
    let run = |shifts: &[_]| check(&s.ctx(), shifts, None);

    assert!(of(&run(&[night(0), night(2)]), RosterRule::MinStaffing).is_empty());

    let violations = run(&[night(2), night(3)]);
    let under = of(&violations, RosterRule::MinStaffing);
    assert_eq!(under.len(), 1, "{violations:#?}");
    assert!(
        matches!(&under[0].finding, Finding::Understaffed { officers: 0, min: 1, skill: Some(s), .. } if s == "first_response")
    );
    assert_eq!(under[0].severity, Severity::Block);
    assert!(matches!(
        &under[0].finding,
        Finding::Understaffed { kind: ShiftKind::Night, day, .. } if *day == "2026-12-01".parse::<jiff::civil::Date>().unwrap()
    ));

    let violations = run(&[night(0)]);
    let under = of(&violations, RosterRule::MinStaffing);
    assert_eq!(under.len(), 1);
    assert!(matches!(under[0].finding, Finding::Understaffed { officers: 1, min: 2, skill: None, .. }));

    // Day shifts need two officers, no skill.
    let day = |i: usize| s.shift(o[i], ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00");
    assert!(of(&run(&[day(2), day(3)]), RosterRule::MinStaffing).is_empty());
    assert_eq!(of(&run(&[day(2)]), RosterRule::MinStaffing).len(), 1);
}

#[test]
fn an_expired_skill_does_not_staff() {
    let mut s = Station::new(2, 0);
    let o = s.officers.clone();
    s.org.skill_grants.push(liandong_core::model::SkillGrant {
        id: liandong_core::RecordId::new(),
        station: s.station,
        officer: o[0],
        skill: "first_response".into(),
        expires: Some("2026-11-30".parse().unwrap()),
    });
    let shifts: Vec<_> =
        o.iter().map(|x| s.shift(*x, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00")).collect();
    assert_eq!(of(&check(&s.ctx(), &shifts, None), RosterRule::MinStaffing).len(), 1);
}

#[test]
fn led_duty_around_the_clock_and_a_one_minute_gap_fails() {
    let s = Station::new(3, 3);
    let o = &s.officers;
    let days = ["2026-12-01", "2026-12-02", "2026-12-03"];
    let mut shifts: Vec<_> = days.iter().zip(o).map(|(d, x)| s.duty(*x, d)).collect();
    let period = Some(Period { first: "2026-12-01".parse().unwrap(), last: "2026-12-03".parse().unwrap() });
    assert!(of(&check(&s.ctx(), &shifts, period), RosterRule::DutyCoverage).is_empty());

    // The second day's duty starts a minute late.
    shifts[1].start = at("2026-12-02 08:31");
    let violations = check(&s.ctx(), &shifts, period);
    let gaps = of(&violations, RosterRule::DutyCoverage);
    assert_eq!(gaps.len(), 1, "{violations:#?}");
    assert_eq!(gaps[0].finding, Finding::CoverageGap { minutes: 1 });
    assert_eq!((gaps[0].from, gaps[0].to), (at("2026-12-02 08:30"), at("2026-12-02 08:31")));
    assert!(gaps[0].involves(shifts[0].id) && gaps[0].involves(shifts[1].id));
    assert_eq!(gaps[0].severity, Severity::Block);

    // A duty nobody leads does not cover.
    shifts[1].start = at("2026-12-02 08:30");
    shifts[1].leader = false;
    let gaps = check(&s.ctx(), &shifts, period);
    let gaps = of(&gaps, RosterRule::DutyCoverage);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].finding, Finding::CoverageGap { minutes: 24 * 60 });

    // The period's last day without duty is a gap to its end.
    shifts[1].leader = true;
    let longer = Some(Period { first: "2026-12-01".parse().unwrap(), last: "2026-12-04".parse().unwrap() });
    let gaps = check(&s.ctx(), &shifts, longer);
    let gaps = of(&gaps, RosterRule::DutyCoverage);
    assert_eq!(gaps.len(), 1);
    assert_eq!((gaps[0].from, gaps[0].to), (at("2026-12-04 08:30"), at("2026-12-05 08:30")));
}

#[test]
fn numbers_and_severities_come_from_the_settings() {
    let mut s = Station::new(1, 1);
    s.config.rules.rest.min_minutes = 8 * 60;
    s.config.rules.rest.severity = Severity::Warn;
    let x = s.officers[0];
    let shifts = [
        s.shift(x, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00"),
        s.shift(x, ShiftKind::Day, "2026-12-02 16:00", "2026-12-02 22:00"),
    ];
    assert!(of(&check(&s.ctx(), &shifts, None), RosterRule::MinRest).is_empty());
    s.config.rules.rest.min_minutes = 9 * 60;
    let violations = check(&s.ctx(), &shifts, None);
    let rest = of(&violations, RosterRule::MinRest);
    assert_eq!(rest.len(), 1);
    assert!(!rest[0].blocks());
}

#[test]
fn weeks_of_duty_every_other_day_name_the_worst_seven_days_not_the_whole_span() {
    let mut s = Station::new(1, 1);
    s.config.rules.hours.max_minutes = 60 * 60;
    let x = s.officers[0];
    // 24-hour duty every other day for 40 days, and one more day shift in the third week:
    // every 7 days are over 60 hours; the worst 7 days hold four duties and the day shift.
    let mut shifts: Vec<_> = (0..20)
        .map(|k| {
            let day = jiff::civil::date(2026, 11, 1).checked_add(jiff::Span::new().days(2 * k)).unwrap();
            s.duty(x, &day.to_string())
        })
        .collect();
    shifts.push(s.shift(x, ShiftKind::Day, "2026-11-16 09:00", "2026-11-16 17:00"));
    shifts.sort_by_key(|s| s.start);
    let violations = check(&s.ctx(), &shifts, None);
    let hours = of(&violations, RosterRule::MaxHoursInWindow);
    assert_eq!(hours.len(), 1, "{violations:#?}");
    assert_eq!(hours[0].to.as_second() - hours[0].from.as_second(), 7 * 86_400, "a 7-day window");
    assert_eq!(hours[0].finding, Finding::Hours { minutes: (4 * 24 + 8) * 60, max_minutes: 3600, window_days: 7 });
    assert_eq!(liandong_core::time::in_china(hours[0].from).month(), 11, "the worst window starts in November");
    assert_eq!(hours[0].shifts.len(), 5, "the four duties and the day shift of the worst window");
}
