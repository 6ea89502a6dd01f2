//! Why core refused something on the roster: a shift's bad input ([`ShiftError`], locale
//! keys `shift_refused_*`), a day it cannot plan ([`PlanError`]), an override
//! ([`OverrideError`], `override_*`), a rotation ([`RotationError`], `rotation_*`) and a
//! cell a fill left out ([`SkipReason`]).

use liandong_core::roster::edit::OverrideError;
use liandong_core::roster::fill::MAX_ROTATION_DAYS;
use liandong_core::roster::shift_types::PlanError;
use liandong_core::roster::{RotationError, ShiftError, SkipReason};
use liandong_core::time::text::ymd;

use crate::components::fmt::fill;
use crate::i18n::*;

/// Why a shift is refused: `张三（001）：与其已有班次时间重叠`.
pub fn shift(locale: Locale, error: &ShiftError) -> String {
    let officer = |template: &str, label: &str| fill(template, &[("officer", label.to_owned())]);
    match error {
        ShiftError::EndNotAfterStart { .. } => td_string!(locale, shift_refused_end_not_after_start).to_owned(),
        ShiftError::Overlap { officer: o, .. } => officer(td_string!(locale, shift_refused_overlap), &o.label),
        ShiftError::OtherStation { officer: o, .. } => {
            officer(td_string!(locale, shift_refused_other_station), &o.label)
        }
        ShiftError::UnknownOfficer { officer: id, .. } => {
            officer(td_string!(locale, shift_refused_unknown_officer), &id.to_string())
        }
        ShiftError::LeaveKindMismatch { .. } => td_string!(locale, shift_refused_leave_kind).to_owned(),
        ShiftError::OnLeave { officer: o, .. } => officer(td_string!(locale, shift_refused_on_leave), &o.label),
    }
}

/// Why a fill (a rotation, a copy of last week) left a cell out: one line per error or
/// blocking violation.
pub fn skipped(locale: Locale, reason: &SkipReason) -> Vec<String> {
    match reason {
        SkipReason::Refused(errors) => errors.iter().map(|e| shift(locale, e)).collect(),
        SkipReason::Blocked(violations) => violations.iter().map(|v| super::roster::violation(locale, v)).collect(),
    }
}

/// Why a shift cannot be planned on a day (at the edge of the calendar).
pub fn plan(locale: Locale, error: &PlanError) -> String {
    cannot_plan(locale, error.date)
}

fn cannot_plan(locale: Locale, date: jiff::civil::Date) -> String {
    fill(td_string!(locale, shift_cannot_plan), &[("date", ymd(date))])
}

/// Why the station head's override was refused.
pub fn override_refused(locale: Locale, error: &OverrideError) -> &'static str {
    match error {
        OverrideError::NotStationHead => td_string!(locale, override_not_station_head),
        OverrideError::NoteMissing => td_string!(locale, override_note_missing),
    }
}

/// Why a rotation could not be applied.
pub fn rotation(locale: Locale, error: &RotationError) -> String {
    match error {
        RotationError::EmptyPattern => td_string!(locale, rotation_empty_pattern).to_owned(),
        RotationError::NoOfficers => td_string!(locale, rotation_no_officers).to_owned(),
        RotationError::EndBeforeStart => td_string!(locale, rotation_end_before_start).to_owned(),
        RotationError::TooLong => {
            fill(td_string!(locale, rotation_too_long), &[("max", MAX_ROTATION_DAYS.to_string())])
        }
        RotationError::Calendar(date) => cannot_plan(locale, *date),
    }
}
