//! Core's results worded from the locale files, in Chinese and in English: the sentences
//! core wrote itself before its words moved to the app (`crate::words`), which officers
//! know and the end-to-end tests look for ("连续值勤", "重叠", "少于 11 小时").

#![cfg(target_arch = "wasm32")]

use jiff::Timestamp;
use liandong::i18n::Locale;
use liandong::words;
use liandong_core::RecordId;
use liandong_core::model::{LeaveKind, RosterRule, Shift, ShiftKind, ShiftOverride};
use liandong_core::roster::export::ExportWords;
use liandong_core::roster::export::csv::Column;
use liandong_core::roster::{Finding, RosterViolation, Severity, ShiftEdit, ShiftError, SkipReason};
use liandong_core::rules::{RecordKind, RecordRef, Violation};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `2026-12-02 08:00` in China time.
fn at(china: &str) -> Timestamp {
    format!("{}:00+08:00", china.replace(' ', "T")).parse().expect("time")
}

fn officer(n: u32) -> RecordRef {
    RecordRef { kind: RecordKind::Officer, id: RecordId::new(), label: format!("officer {n}（{n:06}）") }
}

fn violation(rule: RosterRule, officers: Vec<RecordRef>, range: (&str, &str), finding: Finding) -> RosterViolation {
    RosterViolation {
        rule,
        severity: Severity::Block,
        officers,
        from: at(range.0),
        to: at(range.1),
        shifts: vec![],
        finding,
        overridden: None,
        edits: vec![],
    }
}

fn shift(kind: ShiftKind, leader: bool, leave: Option<LeaveKind>) -> Shift {
    Shift {
        id: RecordId::new(),
        station: RecordId::new(),
        officer: RecordId::new(),
        kind,
        start: at("2026-12-01 08:30"),
        end: at("2026-12-02 08:30"),
        leader,
        leave,
        note: None,
        overrides: vec![],
    }
}

#[wasm_bindgen_test]
fn shifts_read_as_people_say_them() {
    let led = shift(ShiftKind::Duty24, true, None);
    assert_eq!(words::shift::label(Locale::zh, &led), "值班（带班）");
    assert_eq!(words::shift::label(Locale::en, &led), "24-hour duty (leader)");
    let sick = shift(ShiftKind::Leave, false, Some(LeaveKind::Sick));
    assert_eq!(words::shift::label(Locale::zh, &sick), "请假（病假）");
    assert_eq!(words::shift::label(Locale::en, &sick), "leave (sick leave)");
    assert_eq!(words::shift::label(Locale::zh, &shift(ShiftKind::Night, false, None)), "夜班");
}

#[wasm_bindgen_test]
fn a_short_rest_names_the_officer_the_lengths_and_the_range() {
    let v = violation(
        RosterRule::MinRest,
        vec![officer(0)],
        ("2026-12-02 08:00", "2026-12-02 18:59"),
        Finding::ShortRest { minutes: 659, min_minutes: 660 },
    );
    assert_eq!(
        words::roster::violation(Locale::zh, &v),
        "officer 0（000000）：两班之间仅休息 10 小时 59 分，少于 11 小时（12月02日 08:00 至 12月02日 18:59）"
    );
    assert_eq!(
        words::roster::violation(Locale::en, &v),
        "officer 0（000000）: only 10 h 59 min rest between shifts, less than 11 h (12-02 08:00 to 12-02 18:59)"
    );
}

#[wasm_bindgen_test]
fn understaffing_names_the_day_the_kind_and_the_leave_that_caused_it() {
    let day = "2026-12-02".parse().unwrap();
    let finding = Finding::Understaffed { kind: ShiftKind::Duty24, day, officers: 1, min: 2, skill: None };
    let v =
        violation(RosterRule::LeaveBreaksStaffing, vec![officer(4)], ("2026-12-02 08:30", "2026-12-03 08:30"), finding);
    assert!(
        words::roster::violation(Locale::zh, &v)
            .starts_with("officer 4（000004）请假后，12月2日值班：在岗 1 人，至少需要 2 人")
    );
    assert!(
        words::roster::violation(Locale::en, &v)
            .starts_with("with officer 4（000004） on leave, 24-hour duty of 2026-12-02: 1 on it, needs at least 2")
    );
    let day = "2026-12-01".parse().unwrap();
    let skill = Some("first_response".to_owned());
    let finding = Finding::Understaffed { kind: ShiftKind::Night, day, officers: 0, min: 1, skill };
    let v = violation(RosterRule::MinStaffing, vec![], ("2026-12-01 18:00", "2026-12-02 08:00"), finding);
    assert!(
        words::roster::violation(Locale::zh, &v)
            .starts_with("12月1日夜班：具备「first_response」的在岗 0 人，至少需要 1 人")
    );
}

#[wasm_bindgen_test]
fn runs_hours_and_gaps_read_with_their_numbers() {
    let range = ("2026-12-01 08:00", "2026-12-07 16:00");
    let days = violation(
        RosterRule::MaxConsecutiveDays,
        vec![officer(0)],
        range,
        Finding::ConsecutiveDays { days: 7, max: 6 },
    );
    assert!(words::roster::violation(Locale::zh, &days).contains("连续值勤 7 天，超过 6 天"));
    let nights =
        violation(RosterRule::MaxNightsInRow, vec![officer(0)], range, Finding::NightsInRow { nights: 5, max: 4 });
    assert!(words::roster::violation(Locale::en, &nights).contains("5 night shifts in a row, more than 4"));
    let hours = Finding::Hours { minutes: 3630, max_minutes: 3600, window_days: 7 };
    let hours = violation(RosterRule::MaxHoursInWindow, vec![officer(0)], range, hours);
    let text = words::roster::violation(Locale::zh, &hours);
    assert!(text.contains("任意 7 天内最多工作 60 小时，本段 7 天（12月"), "{text}");
    assert!(text.ends_with("工作 60 小时 30 分"), "{text}");
    let gap = violation(
        RosterRule::DutyCoverage,
        vec![],
        ("2026-12-02 08:30", "2026-12-02 08:31"),
        Finding::CoverageGap { minutes: 1 },
    );
    assert_eq!(
        words::roster::violation(Locale::zh, &gap),
        "12月02日 08:30 至 12月02日 08:31 无带班值班（空档 1 分钟）"
    );
}

#[wasm_bindgen_test]
fn an_override_and_the_authors_follow_the_finding() {
    let mut v = violation(
        RosterRule::MinRest,
        vec![officer(0)],
        ("2026-12-02 08:30", "2026-12-02 12:00"),
        Finding::ShortRest { minutes: 210, min_minutes: 660 },
    );
    v.overridden = Some(ShiftOverride {
        rule: RosterRule::MinRest,
        officers: vec![],
        shifts: vec![],
        from: v.from,
        to: v.to,
        note: "县局专项行动，人手不足".into(),
        by: RecordId::new(),
        at: v.from,
    });
    let (head, deputy) = (officer(8), officer(9));
    v.edits = vec![
        ShiftEdit { shift: RecordId::new(), authors: vec![head.clone()] },
        ShiftEdit { shift: RecordId::new(), authors: vec![head, deputy] },
    ];
    let text = words::roster::violation(Locale::zh, &v);
    assert!(text.contains("两班之间仅休息 3 小时 30 分"), "{text}");
    assert!(
        text.ends_with("；已由所长批准：县局专项行动，人手不足；排班人：officer 8（000008）、officer 9（000009）"),
        "{text}"
    );
    assert!(
        words::roster::violation(Locale::en, &v).ends_with("; scheduled by officer 8（000008）, officer 9（000009）")
    );
}

#[wasm_bindgen_test]
fn refused_shifts_and_fills_say_why() {
    let overlap = ShiftError::Overlap { shift: RecordId::new(), other: RecordId::new(), officer: officer(0) };
    assert_eq!(words::refused::shift(Locale::zh, &overlap), "officer 0（000000）：与其已有班次时间重叠");
    let on_leave = ShiftError::OnLeave { shift: RecordId::new(), leave: RecordId::new(), officer: officer(0) };
    assert_eq!(words::refused::shift(Locale::zh, &on_leave), "officer 0（000000）：该时段在请假中");
    let stranger = ShiftError::OtherStation { shift: RecordId::new(), officer: officer(1) };
    assert!(words::refused::shift(Locale::en, &stranger).ends_with("not an officer of this station"));
    // A fill words its reasons in the officer's language (they were always Chinese).
    let rest = violation(
        RosterRule::MinRest,
        vec![officer(0)],
        ("2026-12-07 08:30", "2026-12-08 08:30"),
        Finding::ShortRest { minutes: 0, min_minutes: 660 },
    );
    let blocked = SkipReason::Blocked(vec![rest]);
    assert!(words::refused::skipped(Locale::zh, &blocked)[0].contains("少于 11 小时"));
    assert!(words::refused::skipped(Locale::en, &blocked)[0].contains("less than 11 h"));
    let refused = SkipReason::Refused(vec![overlap]);
    assert_eq!(
        words::refused::skipped(Locale::en, &refused),
        ["officer 0（000000）: overlaps another of their shifts"]
    );
}

#[wasm_bindgen_test]
fn rule_violations_name_the_record_first() {
    let district = RecordRef { kind: RecordKind::District, id: RecordId::new(), label: "凤凰岭警务区".into() };
    let v = Violation::DistrictSize { district, villages: 4, population: 4001 };
    assert_eq!(words::rules::violation(Locale::zh, &v), "凤凰岭警务区：4 个村、4001 人，应为 2–3 个村或不超过 3000 人");
    let office = RecordRef { kind: RecordKind::Office, id: RecordId::new(), label: "二室".into() };
    let v = Violation::OfficeWithoutResident { office };
    assert_eq!(words::rules::violation(Locale::zh, &v), "二室：没有驻室民警");
    assert_eq!(words::rules::violation(Locale::en, &v), "二室: no resident officer");
}

#[wasm_bindgen_test]
fn exports_are_in_the_officers_language() {
    let zh = words::export::Export(Locale::zh);
    let en = words::export::Export(Locale::en);
    let led = shift(ShiftKind::Duty24, true, None);
    assert_eq!(zh.shift_of(&zh.shift(&led), "张三"), "值班（带班）：张三");
    assert_eq!(zh.officer("张三", "410001"), "民警：张三（410001）");
    assert_eq!(zh.column(Column::Hours), "时长（小时）");
    assert_eq!((zh.yes_no(true), zh.leave(LeaveKind::Annual)), ("是".to_owned(), "年休假".to_owned()));
    assert_eq!(en.shift_of(&en.shift(&led), "Zhang San"), "24-hour duty (leader): Zhang San");
}
