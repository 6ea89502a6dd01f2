//! A roster as CSV, one row per shift, for spreadsheets (Excel, WPS).
//!
//! UTF-8 with a byte-order mark (so Chinese opens correctly in Excel; the `csv` crate's
//! reader and most tools skip it). The header row is [`HEADER`]: Chinese column names that
//! stay stable between versions (new columns only at the end). Times are RFC 3339 in China
//! Standard Time (`2026-12-01T08:30:00+08:00`); hours with two decimals; flags `是`/`否`.

use jiff::Timestamp;

use super::{Whose, select};
use crate::model::Shift;
use crate::org::Organisation;
use crate::roster::shift_types::{label, leave_name};
use crate::rules::Lang;

/// The column names, in order: shift id, officer name, badge number, shift (as people say
/// it), kind code (`day`, `night`, `duty24`, ...), start, end, hours, leader, leave kind, note.
pub const HEADER: [&str; 11] =
    ["班次编号", "民警", "警号", "班次", "类型代码", "开始", "结束", "时长（小时）", "带班", "假别", "备注"];

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

/// The shifts of `scope` among `shifts` as CSV text (BOM, header, one row per shift).
pub fn to_csv(org: &Organisation, shifts: &[Shift], scope: Whose) -> Result<String, CsvError> {
    let mut writer = ::csv::Writer::from_writer(BOM.as_bytes().to_vec());
    let error = |e: ::csv::Error| CsvError(e.to_string());
    writer.write_record(HEADER).map_err(error)?;
    for shift in select(shifts, scope) {
        let officer = org.officers.iter().find(|o| o.id == shift.officer);
        let hours = (shift.end.as_second() - shift.start.as_second()) as f64 / 3600.0;
        writer
            .write_record([
                shift.id.to_string(),
                officer.map_or_else(String::new, |o| o.name.clone()),
                officer.map_or_else(String::new, |o| o.badge_number.clone()),
                label(shift, Lang::Zh),
                kind_code(shift),
                china_time(shift.start),
                china_time(shift.end),
                format!("{hours:.2}"),
                if shift.leader { "是" } else { "否" }.to_owned(),
                shift.leave.map_or("", |l| leave_name(l, Lang::Zh)).to_owned(),
                shift.note.clone().unwrap_or_default(),
            ])
            .map_err(error)?;
    }
    let bytes = writer.into_inner().map_err(|e| CsvError(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CsvError(e.to_string()))
}
