//! A station's roster, or one officer's, for other programs: iCalendar (RFC 5545) for
//! calendar apps on phones and laptops ([`ical`]), CSV for spreadsheets ([`csv`]).
//!
//! Both take live shifts (e.g. from [`crate::roster::merge::read_shifts`]) and a
//! [`Scope`]; shifts come out in start order.

pub mod csv;
pub mod ical;

use crate::ids::RecordId;
use crate::model::Shift;

/// Whose shifts to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every shift of a station.
    Station(RecordId),
    /// One officer's shifts.
    Officer(RecordId),
}

/// The shifts of `scope` among `shifts`, by start (then id).
pub fn select(shifts: &[Shift], scope: Scope) -> Vec<&Shift> {
    let mut out: Vec<&Shift> = shifts
        .iter()
        .filter(|s| match scope {
            Scope::Station(station) => s.station == station,
            Scope::Officer(officer) => s.officer == officer,
        })
        .collect();
    crate::sort::by_key(&mut out, |s| (s.start, s.id));
    out
}
