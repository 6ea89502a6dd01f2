//! A station's roster, or one officer's, for other programs: iCalendar (RFC 5545) for
//! calendar apps on phones and laptops ([`ical`]), CSV for spreadsheets ([`csv`]).
//!
//! Both take live shifts (e.g. from [`crate::roster::merge::read_shifts`]) and a
//! [`Whose`]; shifts come out in start order.

pub mod csv;
pub mod ical;

use crate::ids::RecordId;
use crate::model::Shift;

/// Whose shifts to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Every shift of a station.
    Station(RecordId),
    /// One officer's shifts.
    Officer(RecordId),
}

/// The shifts of `scope` among `shifts`, by start (then id).
pub fn select(shifts: &[Shift], scope: Whose) -> Vec<&Shift> {
    let mut out: Vec<&Shift> = shifts
        .iter()
        .filter(|s| match scope {
            Whose::Station(station) => s.station == station,
            Whose::Officer(officer) => s.officer == officer,
        })
        .collect();
    crate::sort::by_key(&mut out, |s| (s.start, s.id));
    out
}
