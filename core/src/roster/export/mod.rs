//! A station's roster, or one officer's, for other programs: iCalendar (RFC 5545) for
//! calendar apps on phones and laptops ([`ical`]), CSV for spreadsheets ([`csv`]).
//!
//! Both take live shifts (e.g. from [`crate::roster::merge::read_shifts`]), a [`Whose`]
//! and the words to write ([`ExportWords`]: the file is for people, in the language of
//! whoever exports it; core has no words of its own); shifts come out in start order.

pub mod csv;
pub mod ical;

use crate::ids::RecordId;
use crate::model::{LeaveKind, Shift, ShiftKind};

/// The words an export writes, in the language of whoever exports: the app passes its
/// locale files' words (the tests pass Chinese ones, as in the examples below).
pub trait ExportWords {
    /// A shift as people say it: `值班（带班）`, `请假（病假）`, `夜班`.
    fn shift(&self, shift: &Shift) -> String;
    /// The name of a kind: `值班` (an event's category).
    fn kind(&self, kind: ShiftKind) -> String;
    /// The name of a kind of leave: `年休假`.
    fn leave(&self, leave: LeaveKind) -> String;
    /// A flag: `是` or `否`.
    fn yes_no(&self, yes: bool) -> String;
    /// The name of a CSV column: `班次编号`, `民警`, ...
    fn column(&self, column: csv::Column) -> String;
    /// A station calendar's event title: the shift (as [`ExportWords::shift`]) and the
    /// officer's name, `值班（带班）：张三`.
    fn shift_of(&self, shift: &str, officer: &str) -> String;
    /// An event's line naming the officer: `民警：张三（410001）`.
    fn officer(&self, name: &str, badge: &str) -> String;
    /// An event's line giving the note: `备注：…`.
    fn note(&self, note: &str) -> String;
}

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
