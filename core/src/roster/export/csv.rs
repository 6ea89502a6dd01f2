//! A roster as CSV, one row per shift, for spreadsheets (Excel, WPS).
//!
//! UTF-8 with a byte-order mark (so Chinese opens correctly in Excel; the `csv` crate's
//! reader and most tools skip it). The header row names the [`COLUMNS`] in the exporter's
//! words; their order stays stable between versions (new columns only at the end), and
//! the kind code column (`duty24`) reads the same in every language. Times are RFC 3339 in
//! China Standard Time (`2026-12-01T08:30:00+08:00`); hours with two decimals; flags and
//! names in the exporter's words ([`ExportWords`]).

use jiff::Timestamp;

use super::{ExportWords, Whose, select};
use crate::model::Shift;
use crate::org::Organisation;

/// A column of the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The shift's id.
    Id,
    /// The officer's name.
    Officer,
    /// The officer's badge number.
    Badge,
    /// The shift as people say it (`值班（带班）`).
    Shift,
    /// The kind's code: `day`, `night`, `duty24`, ...
    KindCode,
    /// Start.
    Start,
    /// End.
    End,
    /// Length in hours.
    Hours,
    /// Whether the officer leads the shift.
    Leader,
    /// The kind of leave.
    Leave,
    /// The note.
    Note,
}

/// The columns, in order.
pub const COLUMNS: [Column; 11] = [
    Column::Id,
    Column::Officer,
    Column::Badge,
    Column::Shift,
    Column::KindCode,
    Column::Start,
    Column::End,
    Column::Hours,
    Column::Leader,
    Column::Leave,
    Column::Note,
];

/// The byte-order mark written first.
pub const BOM: &str = "\u{feff}";

/// Why the CSV could not be written (only if the writer itself fails).
#[derive(Debug, thiserror::Error)]
#[error("CSV export failed: {0}")]
pub struct CsvError(String);

fn china_time(ts: Timestamp) -> String {
    format!("{}+08:00", crate::time::text::ymd_t_hms(crate::time::in_china(ts).datetime()))
}

fn kind_code(shift: &Shift) -> String {
    serde_json::to_value(shift.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The shifts of `scope` among `shifts` as CSV text (BOM, header, one row per shift), in
/// `words`.
pub fn to_csv(org: &Organisation, shifts: &[Shift], scope: Whose, words: &dyn ExportWords) -> Result<String, CsvError> {
    let mut writer = ::csv::Writer::from_writer(BOM.as_bytes().to_vec());
    let error = |e: ::csv::Error| CsvError(e.to_string());
    writer.write_record(COLUMNS.map(|c| words.column(c))).map_err(error)?;
    for shift in select(shifts, scope) {
        let officer = org.officers.iter().find(|o| o.id == shift.officer);
        let hours = (shift.end.as_second() - shift.start.as_second()) as f64 / 3600.0;
        writer
            .write_record([
                shift.id.to_string(),
                officer.map_or_else(String::new, |o| o.name.clone()),
                officer.map_or_else(String::new, |o| o.badge_number.clone()),
                words.shift(shift),
                kind_code(shift),
                china_time(shift.start),
                china_time(shift.end),
                format!("{hours:.2}"),
                words.yes_no(shift.leader),
                shift.leave.map_or_else(String::new, |l| words.leave(l)),
                shift.note.clone().unwrap_or_default(),
            ])
            .map_err(error)?;
    }
    let bytes = writer.into_inner().map_err(|e| CsvError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CsvError(e.to_string()))
}
