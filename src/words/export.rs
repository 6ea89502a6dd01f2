//! The words of the roster's exports (iCalendar, CSV), in the officer's language: core
//! writes the files and takes every word from here ([`ExportWords`]; locale keys
//! `export_*`, and the kinds of shift of [`super::shift`]).

use liandong_core::model::{LeaveKind, Shift, ShiftKind};
use liandong_core::roster::export::ExportWords;
use liandong_core::roster::export::csv::Column;

use crate::components::fmt::fill;
use crate::i18n::*;

/// The exports' words in a language.
#[derive(Debug, Clone, Copy)]
pub struct Export(pub Locale);

impl ExportWords for Export {
    fn shift(&self, shift: &Shift) -> String {
        super::shift::label(self.0, shift)
    }

    fn kind(&self, kind: ShiftKind) -> String {
        super::shift::kind(self.0, kind).to_owned()
    }

    fn leave(&self, leave: LeaveKind) -> String {
        super::shift::leave(self.0, leave).to_owned()
    }

    fn yes_no(&self, yes: bool) -> String {
        let locale = self.0;
        if yes { td_string!(locale, export_yes) } else { td_string!(locale, export_no) }.to_owned()
    }

    fn column(&self, column: Column) -> String {
        let locale = self.0;
        match column {
            Column::Id => td_string!(locale, export_column_id),
            Column::Officer => td_string!(locale, export_column_officer),
            Column::Badge => td_string!(locale, export_column_badge),
            Column::Shift => td_string!(locale, export_column_shift),
            Column::KindCode => td_string!(locale, export_column_kind_code),
            Column::Start => td_string!(locale, export_column_start),
            Column::End => td_string!(locale, export_column_end),
            Column::Hours => td_string!(locale, export_column_hours),
            Column::Leader => td_string!(locale, export_column_leader),
            Column::Leave => td_string!(locale, export_column_leave),
            Column::Note => td_string!(locale, export_column_note),
        }
        .to_owned()
    }

    fn shift_of(&self, shift: &str, officer: &str) -> String {
        let locale = self.0;
        fill(td_string!(locale, export_shift_of), &[("shift", shift.to_owned()), ("officer", officer.to_owned())])
    }

    fn officer(&self, name: &str, badge: &str) -> String {
        let locale = self.0;
        fill(td_string!(locale, export_officer), &[("badge", badge.to_owned()), ("name", name.to_owned())])
    }

    fn note(&self, note: &str) -> String {
        let locale = self.0;
        fill(td_string!(locale, export_note), &[("note", note.to_owned())])
    }
}
