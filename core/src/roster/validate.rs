//! Bad input, refused with the reason before any rule runs: a shift that ends at or before
//! its start, two shifts of one officer at the same time, an officer of another station
//! (or unknown), a leave without its kind. Unlike rule violations these are never
//! overridden: the data itself is wrong. A [`ShiftError`] names the shifts and the officer;
//! the app words it.
//!
//! Overlap means two work shifts, or two leaves, of one officer sharing any instant (a shift
//! ending at 08:00 and one starting at 08:00 do not overlap). A leave over a work shift is
//! not an overlap: it is how leave is requested, and the shift it covers is cancelled
//! ([`super::shift_types`]). The other way round, a new work shift starting inside the
//! officer's leave is refused: shorten the leave first.

use std::collections::HashMap;

use serde::Serialize;

use crate::ids::RecordId;
use crate::model::{Shift, ShiftKind};
use crate::org::Organisation;
use crate::rules::{RecordKind, RecordRef, refs};

/// Why a shift is refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ShiftError {
    /// The shift ends at or before its start.
    EndNotAfterStart {
        /// The shift.
        shift: RecordId,
    },
    /// Two shifts of one officer overlap.
    Overlap {
        /// The shift refused (the later one, when listing a roster).
        shift: RecordId,
        /// The shift it overlaps.
        other: RecordId,
        /// The officer.
        officer: RecordRef,
    },
    /// The officer (or the shift's station) is not of the roster's station.
    OtherStation {
        /// The shift.
        shift: RecordId,
        /// The officer.
        officer: RecordRef,
    },
    /// The officer is not in the county's directory.
    UnknownOfficer {
        /// The shift.
        shift: RecordId,
        /// The id given.
        officer: RecordId,
    },
    /// A leave without its kind, or a kind of leave on a shift that is not leave.
    LeaveKindMismatch {
        /// The shift.
        shift: RecordId,
    },
    /// A work shift that would start inside the officer's leave.
    OnLeave {
        /// The shift.
        shift: RecordId,
        /// The leave.
        leave: RecordId,
        /// The officer.
        officer: RecordRef,
    },
}

impl ShiftError {
    /// The shift refused.
    pub fn shift(&self) -> RecordId {
        match self {
            ShiftError::EndNotAfterStart { shift }
            | ShiftError::Overlap { shift, .. }
            | ShiftError::OtherStation { shift, .. }
            | ShiftError::UnknownOfficer { shift, .. }
            | ShiftError::LeaveKindMismatch { shift }
            | ShiftError::OnLeave { shift, .. } => *shift,
        }
    }
}

/// Whether `a` and `b` (same officer) may not share time: both work or both leave.
fn clash(a: &Shift, b: &Shift) -> bool {
    (a.kind == ShiftKind::Leave) == (b.kind == ShiftKind::Leave) && a.start < b.end && b.start < a.end
}

fn officer_ref(org: &Organisation, id: RecordId) -> RecordRef {
    org.officers
        .iter()
        .find(|o| o.id == id)
        .map_or(RecordRef { kind: RecordKind::Officer, id, label: id.to_string() }, refs::officer)
}

/// The checks of one shift on its own.
fn check_alone(org: &Organisation, station: RecordId, shift: &Shift) -> Vec<ShiftError> {
    let mut out = Vec::new();
    if shift.end <= shift.start {
        out.push(ShiftError::EndNotAfterStart { shift: shift.id });
    }
    match org.officers.iter().find(|o| o.id == shift.officer) {
        None => out.push(ShiftError::UnknownOfficer { shift: shift.id, officer: shift.officer }),
        Some(officer) if officer.station != Some(station) || shift.station != station => {
            out.push(ShiftError::OtherStation { shift: shift.id, officer: refs::officer(officer) })
        }
        Some(_) => {}
    }
    if (shift.kind == ShiftKind::Leave) != shift.leave.is_some() {
        out.push(ShiftError::LeaveKindMismatch { shift: shift.id });
    }
    out
}

/// Why `shift` (new, or a changed version of a shift of `roster` with the same id) may not
/// enter `station`'s `roster`; empty when it may.
pub fn check_shift(org: &Organisation, station: RecordId, roster: &[Shift], shift: &Shift) -> Vec<ShiftError> {
    let mut out = check_alone(org, station, shift);
    if shift.end > shift.start {
        for other in roster.iter().filter(|o| o.id != shift.id && o.officer == shift.officer && clash(o, shift)) {
            out.push(ShiftError::Overlap {
                shift: shift.id,
                other: other.id,
                officer: officer_ref(org, shift.officer),
            });
        }
    }
    if shift.kind != ShiftKind::Leave {
        let leave = roster.iter().find(|l| {
            l.id != shift.id
                && l.officer == shift.officer
                && l.kind == ShiftKind::Leave
                && l.start <= shift.start
                && shift.start < l.end
        });
        if let Some(leave) = leave {
            out.push(ShiftError::OnLeave {
                shift: shift.id,
                leave: leave.id,
                officer: officer_ref(org, shift.officer),
            });
        }
    }
    out
}

/// What is wrong in a whole roster (e.g. after a merge of two offline edits that each
/// passed): every shift's own checks and every overlapping pair once, in id order.
pub fn check_roster(org: &Organisation, station: RecordId, roster: &[Shift]) -> Vec<ShiftError> {
    let mut out: Vec<ShiftError> = roster.iter().flat_map(|s| check_alone(org, station, s)).collect();
    let mut by_officer: HashMap<RecordId, Vec<&Shift>> = HashMap::new();
    for shift in roster.iter().filter(|s| s.end > s.start) {
        by_officer.entry(shift.officer).or_default().push(shift);
    }
    for (officer, mut shifts) in by_officer {
        crate::sort::by_key(&mut shifts, |s| (s.start, s.id));
        for (i, a) in shifts.iter().enumerate() {
            for b in shifts[i + 1..].iter().take_while(|b| b.start < a.end) {
                if clash(a, b) {
                    let (first, later) = if a.id < b.id { (a, b) } else { (b, a) };
                    out.push(ShiftError::Overlap {
                        shift: later.id,
                        other: first.id,
                        officer: officer_ref(org, officer),
                    });
                }
            }
        }
    }
    crate::sort::by_key(&mut out, |e| e.shift());
    out
}
