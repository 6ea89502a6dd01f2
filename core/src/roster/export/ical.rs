//! A roster as an iCalendar file (RFC 5545), one event (VEVENT) per shift, then any other
//! events (the region's meetings the station is expected at, [`Event`]).
//!
//! Time zone: every DTSTART and DTEND is in UTC (`...Z`, RFC 5545 form #2), which needs no
//! VTIMEZONE and is exact; China has one offset (+08:00) and no daylight saving, so
//! nothing is lost, and calendar apps show the times in the device's zone. The calendar
//! also carries `X-WR-TIMEZONE:Asia/Shanghai` as the display hint common apps read.
//!
//! Each event: `UID` `{shift id}@liandong` (stable, so a re-import updates rather than
//! duplicates), `SUMMARY` the shift (`值班（带班）`; a station's calendar adds the officer:
//! `值班（带班）：张三`), `CATEGORIES` the kind, `DESCRIPTION` the officer with badge number
//! and the note; all in the exporter's words ([`ExportWords`]).
//!
//! Written by hand rather than with the `icalendar` crate: the crate brought chrono and
//! about 30 KB (9 KB Brotli) into the app's Wasm for a few lines of text. The writing rules
//! it followed are in [`line`] (RFC 5545 §3.1 folding, §3.3.11 TEXT escaping); the tests
//! read every calendar back with the `icalendar` crate's parser.

use jiff::Timestamp;

use super::{ExportWords, Whose, select};
use crate::ids::RecordId;
use crate::model::Shift;
use crate::org::Organisation;
use crate::time::CHINA_TZ_NAME;

/// `20261201T003000Z`.
fn utc(ts: Timestamp) -> String {
    let t = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// The summary of `shift` in a calendar of `scope`, in `words`.
pub fn summary(org: &Organisation, shift: &Shift, scope: Whose, words: &dyn ExportWords) -> String {
    let what = words.shift(shift);
    match scope {
        Whose::Officer(_) => what,
        Whose::Station(_) => match org.officers.iter().find(|o| o.id == shift.officer) {
            Some(officer) => words.shift_of(&what, &officer.name),
            None => what,
        },
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends the content line `name:value` to `out`, folded (RFC 5545 §3.1): no line longer
/// than 75 octets, continuation lines start with one space, a UTF-8 character is never
/// split, and every line ends in CRLF.
fn line(out: &mut String, name: &str, value: &str) {
    const MAX_OCTETS: usize = 75;
    let whole = format!("{name}:{value}");
    let mut used = 0;
    for c in whole.chars() {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// An event of the calendar that is not a shift (a regional meeting, 例会), worded by the
/// caller; its `UID` is `{uid}@liandong` like a shift's.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The record it comes from (stable across exports).
    pub uid: RecordId,
    /// Start.
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
    /// Title, e.g. `例会：得胜派出所会议室`.
    pub summary: String,
    /// Category, e.g. `例会`.
    pub category: String,
    /// Description (the agenda); none when empty.
    pub description: String,
}

fn event(
    out: &mut String,
    stamp: Timestamp,
    uid: RecordId,
    (start, end): (Timestamp, Timestamp),
    summary: &str,
    category: &str,
    description: &str,
) {
    line(out, "BEGIN", "VEVENT");
    line(out, "UID", &text(&format!("{uid}@liandong")));
    line(out, "DTSTAMP", &utc(stamp));
    line(out, "DTSTART", &utc(start));
    line(out, "DTEND", &utc(end));
    line(out, "SUMMARY", &text(summary));
    line(out, "CATEGORIES", &text(category));
    if !description.is_empty() {
        line(out, "DESCRIPTION", &text(description));
    }
    line(out, "END", "VEVENT");
}

/// The shifts of `scope` among `shifts`, then `events`, as an iCalendar text named `name`
/// (e.g. `得胜派出所排班`), stamped `stamp` (the export time), in `words`. Lines end in CRLF.
pub fn to_ical(
    org: &Organisation,
    shifts: &[Shift],
    events: &[Event],
    scope: Whose,
    name: &str,
    stamp: Timestamp,
    words: &dyn ExportWords,
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN", "VCALENDAR");
    line(&mut out, "VERSION", "2.0");
    line(&mut out, "PRODID", "-//Liandong//Roster//ZH");
    line(&mut out, "CALSCALE", "GREGORIAN");
    line(&mut out, "METHOD", "PUBLISH");
    line(&mut out, "X-WR-CALNAME", &text(name));
    line(&mut out, "NAME", &text(name));
    line(&mut out, "X-WR-TIMEZONE", CHINA_TZ_NAME);
    for shift in select(shifts, scope) {
        let mut description = String::new();
        if let Some(officer) = org.officers.iter().find(|o| o.id == shift.officer) {
            description.push_str(&words.officer(&officer.name, &officer.badge_number));
        }
        if let Some(note) = shift.note.as_deref().filter(|n| !n.is_empty()) {
            if !description.is_empty() {
                description.push('\n');
            }
            description.push_str(&words.note(note));
        }
        let summary = summary(org, shift, scope, words);
        event(&mut out, stamp, shift.id, (shift.start, shift.end), &summary, &words.kind(shift.kind), &description);
    }
    for e in events {
        event(&mut out, stamp, e.uid, (e.start, e.end), &e.summary, &e.category, &e.description);
    }
    line(&mut out, "END", "VCALENDAR");
    out
}
