//! The kinds of shift and of leave, and a shift as people say it: `值班（带班）`,
//! `请假（病假）`, `夜班`; in English `24-hour duty (leader)`, `leave (sick leave)`
//! (locale keys `shift_name_*`, `leave_name_*`, `shift_label_*`).

use liandong_core::model::{LeaveKind, Shift, ShiftKind};

use crate::components::fmt::fill;
use crate::i18n::*;

/// The name of a kind: `值班` / `24-hour duty`.
pub fn kind(locale: Locale, kind: ShiftKind) -> &'static str {
    match kind {
        ShiftKind::Day => td_string!(locale, shift_name_day),
        ShiftKind::Night => td_string!(locale, shift_name_night),
        ShiftKind::Duty24 => td_string!(locale, shift_name_duty24),
        ShiftKind::Standby => td_string!(locale, shift_name_standby),
        ShiftKind::Residency => td_string!(locale, shift_name_residency),
        ShiftKind::Leave => td_string!(locale, shift_name_leave),
        ShiftKind::Training => td_string!(locale, shift_name_training),
        ShiftKind::JointPatrol => td_string!(locale, shift_name_joint_patrol),
    }
}

/// The name of a kind of leave: `年休假` / `annual leave`.
pub fn leave(locale: Locale, leave: LeaveKind) -> &'static str {
    match leave {
        LeaveKind::Annual => td_string!(locale, leave_name_annual),
        LeaveKind::Sick => td_string!(locale, leave_name_sick),
        LeaveKind::Personal => td_string!(locale, leave_name_personal),
        LeaveKind::Compensatory => td_string!(locale, leave_name_compensatory),
    }
}

/// What a shift is: its kind, with the kind of leave for a leave, or the leader's mark.
pub fn label(locale: Locale, shift: &Shift) -> String {
    let name = kind(locale, shift.kind).to_owned();
    match (shift.kind, shift.leave) {
        (ShiftKind::Leave, Some(l)) => {
            fill(td_string!(locale, shift_label_leave), &[("kind", name), ("leave", leave(locale, l).to_owned())])
        }
        _ if shift.leader => fill(td_string!(locale, shift_label_led), &[("kind", name)]),
        _ => name,
    }
}
