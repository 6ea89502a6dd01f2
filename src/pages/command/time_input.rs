//! Times typed into forms: `<input type=datetime-local>` values (`2026-12-07T10:30`) read
//! as China time, and timestamps written back in that form.

use jiff::Timestamp;
use jiff::civil::DateTime;
use liandong_core::time::{china, in_china};

/// A `datetime-local` value as a timestamp in China time; `None` when empty or malformed.
pub fn parse(value: &str) -> Option<Timestamp> {
    let dt: DateTime = value.trim().parse().ok()?;
    china().to_timestamp(dt).ok()
}

/// A timestamp as a `datetime-local` value in China time, to the minute.
pub fn value(at: Timestamp) -> String {
    let t = in_china(at).datetime();
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}
