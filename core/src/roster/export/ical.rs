//! A roster as an iCalendar file (RFC 5545), one event (VEVENT) per shift.
//!
//! Time zone: every DTSTART and DTEND is in UTC (`...Z`, RFC 5545 form #2), which needs no
//! VTIMEZONE and is exact; China has one offset (+08:00) and no daylight saving, so
//! nothing is lost, and calendar apps show the times in the device's zone. The calendar
//! also carries `X-WR-TIMEZONE:Asia/Shanghai` as the display hint common apps read.
//!
//! Each event: `UID` `{shift id}@liandong` (stable, so a re-import updates rather than
//! duplicates), `SUMMARY` the shift in Chinese (`值班（带班）`; a station's calendar adds
//! the officer: `值班（带班）：张三`), `CATEGORIES` the kind, `DESCRIPTION` the officer with
//! badge number and the note.

use icalendar::{Calendar, Component, EventLike, Property};
use jiff::Timestamp;

use super::{Scope, select};
use crate::model::Shift;
use crate::org::Organisation;
use crate::roster::shift_types::{kind_name, label};
use crate::rules::Lang;
use crate::time::CHINA_TZ_NAME;

/// `20261201T003000Z`.
fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The summary of `shift` in a calendar of `scope`.
pub fn summary(org: &Organisation, shift: &Shift, scope: Scope) -> String {
    let what = label(shift, Lang::Zh);
    match scope {
        Scope::Officer(_) => what,
        Scope::Station(_) => match org.officers.iter().find(|o| o.id == shift.officer) {
            Some(officer) => format!("{what}：{}", officer.name),
            None => what,
        },
    }
}

/// The shifts of `scope` among `shifts` as an iCalendar text named `name` (e.g.
/// `得胜派出所排班`), stamped `stamp` (the export time).
pub fn to_ical(org: &Organisation, shifts: &[Shift], scope: Scope, name: &str, stamp: Timestamp) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Liandong//Roster//ZH"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(name)
        .timezone(CHINA_TZ_NAME);
    for shift in select(shifts, scope) {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}@liandong", shift.id))
            .add_property("DTSTAMP", utc(stamp))
            .add_property("DTSTART", utc(shift.start))
            .add_property("DTEND", utc(shift.end))
            .summary(&summary(org, shift, scope))
            .categories([kind_name(shift.kind, Lang::Zh)]);
        let mut description = Vec::new();
        if let Some(officer) = org.officers.iter().find(|o| o.id == shift.officer) {
            description.push(format!("民警：{}（{}）", officer.name, officer.badge_number));
        }
        if let Some(note) = shift.note.as_deref().filter(|n| !n.is_empty()) {
            description.push(format!("备注：{note}"));
        }
        if !description.is_empty() {
            event.description(&description.join("\n"));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
