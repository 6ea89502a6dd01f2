//! The roster rules' findings (排班规则) as one line each, e.g. `张三（001）：两班之间仅休息
//! 10 小时 59 分，少于 11 小时（12月01日 18:00 至 12月02日 04:59）`: what was found
//! ([`Finding`], locale keys `roster_rule_*`), the officers, the time range in China time,
//! then the station head's override and who scheduled the shifts, when there are.

use jiff::Timestamp;
use liandong_core::model::RosterRule;
use liandong_core::roster::{Finding, RosterViolation};
use liandong_core::time::in_china;

use crate::components::fmt::fill;
use crate::i18n::*;

/// The whole line: the finding, then the override and the officers who scheduled the
/// shifts involved (each once, in the order first met), when there are.
pub fn violation(locale: Locale, v: &RosterViolation) -> String {
    let mut line = finding(locale, v);
    if let Some(o) = &v.overridden {
        line.push_str(&fill(td_string!(locale, roster_rule_overridden), &[("note", o.note.clone())]));
    }
    let mut authors: Vec<&str> = Vec::new();
    for author in v.edits.iter().flat_map(|e| &e.authors) {
        if !authors.contains(&author.label.as_str()) {
            authors.push(&author.label);
        }
    }
    if !authors.is_empty() {
        let names = authors.join(td_string!(locale, list_separator));
        line.push_str(&fill(td_string!(locale, roster_rule_authors), &[("names", names)]));
    }
    line
}

/// What was found, with the officers and the time range.
pub fn finding(locale: Locale, v: &RosterViolation) -> String {
    let names =
        v.officers.iter().map(|o| o.label.as_str()).collect::<Vec<_>>().join(td_string!(locale, rule_names_separator));
    let who = if names.is_empty() {
        String::new()
    } else {
        fill(td_string!(locale, roster_rule_who), &[("names", names.clone())])
    };
    let range = range(locale, v.from, v.to);
    match &v.finding {
        Finding::Understaffed { kind, day, officers, min, skill } => {
            let cause = if v.rule == RosterRule::LeaveBreaksStaffing {
                fill(td_string!(locale, roster_rule_leave_cause), &[("names", names)])
            } else {
                String::new()
            };
            understaffed(locale, (*kind, *day, *officers, *min, skill.as_deref()), range, cause)
        }
        Finding::LoanedAway { kind, day, officers, min, skill, loans } => {
            let sep = td_string!(locale, list_separator);
            let each = loans
                .iter()
                .map(|l| {
                    fill(
                        td_string!(locale, roster_rule_loan),
                        &[("officer", l.officer.label.clone()), ("to", l.to.label.clone()), ("by", l.by.label.clone())],
                    )
                })
                .collect::<Vec<_>>()
                .join(sep);
            let cause = fill(td_string!(locale, roster_rule_loan_cause), &[("loans", each)]);
            understaffed(locale, (*kind, *day, *officers, *min, skill.as_deref()), range, cause)
        }
        Finding::CoverageGap { minutes } => {
            fill(td_string!(locale, roster_rule_coverage_gap), &[("gap", duration(locale, *minutes)), ("range", range)])
        }
        Finding::ShortRest { minutes, min_minutes } => fill(
            td_string!(locale, roster_rule_short_rest),
            &[
                ("rest", duration(locale, *minutes)),
                ("min", duration(locale, i64::from(*min_minutes))),
                ("range", range),
                ("who", who),
            ],
        ),
        Finding::ConsecutiveDays { days, max } => fill(
            td_string!(locale, roster_rule_days_in_row),
            &[("days", days.to_string()), ("max", max.to_string()), ("range", range), ("who", who)],
        ),
        Finding::NightsInRow { nights, max } => fill(
            td_string!(locale, roster_rule_nights_in_row),
            &[("nights", nights.to_string()), ("max", max.to_string()), ("range", range), ("who", who)],
        ),
        Finding::Joint { kind, own } => fill(
            td_string!(locale, roster_rule_joint),
            &[
                ("joint", crate::words::shift::kind(locale, *kind).to_owned()),
                ("own", crate::words::shift::kind(locale, *own).to_owned()),
                ("range", range),
                ("who", who),
            ],
        ),
        Finding::Hours { minutes, max_minutes, window_days } => fill(
            td_string!(locale, roster_rule_hours),
            &[
                ("window", window_days.to_string()),
                ("max", duration(locale, i64::from(*max_minutes))),
                ("worked", duration(locale, *minutes)),
                ("range", range),
                ("who", who),
            ],
        ),
    }
}

/// An understaffed shift: (kind, day, officers on it, minimum, skill), its range, and the
/// cause (leave, loans) worded by the caller.
fn understaffed(
    locale: Locale,
    (kind, day, officers, min, skill): (liandong_core::model::ShiftKind, jiff::civil::Date, u32, u32, Option<&str>),
    range: String,
    cause: String,
) -> String {
    let on = match skill {
        Some(skill) => fill(
            td_string!(locale, roster_rule_on_shift_skilled),
            &[("officers", officers.to_string()), ("skill", skill.to_owned())],
        ),
        None => fill(td_string!(locale, roster_rule_on_shift), &[("officers", officers.to_string())]),
    };
    fill(
        td_string!(locale, roster_rule_understaffed),
        &[
            ("month", day.month().to_string()),
            ("day", day.day().to_string()),
            ("date", liandong_core::time::text::ymd(day)),
            ("kind", super::shift::kind(locale, kind).to_owned()),
            ("min", min.to_string()),
            ("range", range),
            ("on", on),
            ("cause", cause),
        ],
    )
}

/// `12月01日 08:30 至 12月02日 08:30` / `12-01 08:30 to 12-02 08:30`, China time.
pub fn range(locale: Locale, from: Timestamp, to: Timestamp) -> String {
    fill(td_string!(locale, roster_range), &[("from", time(locale, from)), ("to", time(locale, to))])
}

/// `12月01日 08:30` / `12-01 08:30`, China time.
pub fn time(locale: Locale, at: Timestamp) -> String {
    let t = in_china(at).datetime();
    fill(
        td_string!(locale, roster_time),
        &[
            ("month", format!("{:02}", t.month())),
            ("day", format!("{:02}", t.day())),
            ("time", liandong_core::time::text::hm(t)),
        ],
    )
}

/// `10 小时 59 分`, `11 小时`, `1 分钟` / `10 h 59 min`, `11 h`, `1 min`.
pub fn duration(locale: Locale, minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => fill(td_string!(locale, duration_minutes), &[("minutes", m.to_string())]),
        (h, 0) => fill(td_string!(locale, duration_hours), &[("hours", h.to_string())]),
        (h, m) => {
            fill(td_string!(locale, duration_hours_minutes), &[("hours", h.to_string()), ("minutes", m.to_string())])
        }
    }
}
