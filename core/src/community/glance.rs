//! The workbook's figures for Home, read straight from the document's maps without
//! decoding its records: Home is in the Wasm every first visit downloads, and the code that
//! decodes the workbook's records (several KB with Brotli) belongs to the workbook's own
//! module. The figures are those of [`super::cadence`] and [`super::mediation`], computed
//! by the same functions from the raw fields; a record of an unexpected shape is left out.
//! `tests`: the glance equals the typed reading on the demo workbooks.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use yrs::{Any, Map, MapRef, Number, Out, ReadTxn, Transact};

use super::cadence::{DueState, days_between, next_visit};
use super::mediation::deadline_of;
use crate::docs::StationCommunity;
use crate::model::{KeySubject, MediationCase, RiskLevel, Visit};
use crate::record::{DELETED_AT, Record};

/// The workbook's figures on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Glance {
    /// Key persons and sites whose visit is overdue.
    pub overdue: usize,
    /// Those due within [`super::cadence::DUE_SOON_DAYS`].
    pub soon: usize,
    /// Mediation cases past a deadline.
    pub cases: usize,
}

/// A field of a record, if it is a plain value.
fn field<T: ReadTxn>(txn: &T, record: &MapRef, name: &str) -> Option<Any> {
    match record.get(txn, name)? {
        Out::Any(Any::Null | Any::Undefined) => None,
        Out::Any(value) => Some(value),
        _ => None,
    }
}

/// A text field.
fn text<T: ReadTxn>(txn: &T, record: &MapRef, name: &str) -> Option<std::sync::Arc<str>> {
    match field(txn, record, name)? {
        Any::String(s) => Some(s),
        _ => None,
    }
}

/// A date field (`2026-12-07`).
fn date<T: ReadTxn>(txn: &T, record: &MapRef, name: &str) -> Option<Date> {
    text(txn, record, name)?.parse().ok()
}

/// The time of a mark field (`{ at, by }`).
fn mark_at<T: ReadTxn>(txn: &T, record: &MapRef, name: &str) -> Option<Timestamp> {
    match field(txn, record, name)? {
        Any::Map(mark) => match mark.get("at") {
            Some(Any::String(at)) => at.parse().ok(),
            _ => None,
        },
        _ => None,
    }
}

/// The records of collection `name` not deleted, as (record id, record).
fn live_records<T: ReadTxn>(txn: &T, name: &str) -> Vec<(String, MapRef)> {
    let Some(map) = txn.get_map(name) else { return Vec::new() };
    map.iter(txn)
        .filter_map(|(key, value)| match value {
            Out::YMap(record) if field(txn, &record, DELETED_AT).is_none() => Some((key.to_owned(), record)),
            _ => None,
        })
        .collect()
}

/// The workbook's figures on `today` (China) at `now`.
pub fn glance(view: &StationCommunity, today: Date, now: Timestamp) -> Glance {
    let txn = view.doc().transact();
    let mut last: HashMap<String, Date> = HashMap::new();
    for (_, visit) in live_records(&txn, Visit::COLLECTION) {
        let (Some(subject), Some(on)) = (text(&txn, &visit, "subject"), date(&txn, &visit, "on")) else { continue };
        let entry = last.entry(subject.to_string()).or_insert(on);
        *entry = (*entry).max(on);
    }
    let mut out = Glance::default();
    for (id, subject) in live_records(&txn, KeySubject::COLLECTION) {
        let Some(since) = date(&txn, &subject, "since") else { continue };
        if date(&txn, &subject, "until").is_some_and(|until| until < today) {
            continue;
        }
        let risk = match text(&txn, &subject, "risk").as_deref() {
            Some("high") => RiskLevel::High,
            Some("medium") => RiskLevel::Medium,
            Some("low") => RiskLevel::Low,
            _ => continue,
        };
        let mental_illness = match field(&txn, &subject, "kind") {
            Some(Any::Map(kind)) => matches!(
                (kind.get("type"), kind.get("category")),
                (Some(Any::String(t)), Some(Any::String(c))) if t.as_ref() == "person" && c.as_ref() == "mental_illness"
            ),
            _ => false,
        };
        let own = match field(&txn, &subject, "cadence_days") {
            Some(Any::Number(Number::Int(n))) => u32::try_from(n).ok(),
            // Whole numbers written by JavaScript arrive as floats.
            Some(Any::Number(Number::Float(f))) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => {
                Some(f as u32)
            }
            _ => None,
        };
        let cadence = days_between(own, mental_illness, risk);
        match next_visit(since, last.get(&id).copied(), cadence, today).1 {
            DueState::Overdue { .. } => out.overdue += 1,
            DueState::Soon { .. } => out.soon += 1,
            DueState::Later => {}
        }
    }
    for (_, case) in live_records(&txn, MediationCase::COLLECTION) {
        let Some(opened) = mark_at(&txn, &case, "opened") else { continue };
        let set = |f: &str| matches!(field(&txn, &case, f), Some(Any::Map(_)));
        if deadline_of(opened, set("feedback"), mark_at(&txn, &case, "resolved"), set("return_visit"), now).overdue() {
            out.cases += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::community::{CommunityState, case_list, due_list};
    use crate::org::Organisation;

    #[test]
    fn the_glance_gives_the_typed_readings_figures_on_every_demo_workbook() {
        let file = crate::demo::county();
        let docs = crate::county_file::import(&file).expect("demo imports");
        let org = Organisation::read(&docs.directory_view(), &docs.roster_views()).0;
        let now: Timestamp = "2026-12-07T02:00:00Z".parse().expect("time");
        let mut seen = 0;
        for station in &org.stations {
            let view = StationCommunity::new(yrs::Doc::new());
            crate::demo::community::write(&view, &org, station.id, now).expect("written");
            // One record with a cadence of its own.
            if let Some(mut first) = CommunityState::read(&view).subjects.into_iter().next() {
                first.cadence_days = Some(2);
                view.put(&first).expect("written");
            }
            // Read days later, and with one key person gone.
            for later in [0, 3, 9] {
                let now = now.checked_add(jiff::SignedDuration::from_hours(24 * later)).expect("time");
                let today = crate::time::in_china(now).date();
                let state = CommunityState::read(&view);
                let due = due_list(&state.subjects, &state.visits, today);
                let typed = Glance {
                    overdue: due.iter().filter(|d| matches!(d.state, DueState::Overdue { .. })).count(),
                    soon: due.iter().filter(|d| matches!(d.state, DueState::Soon { .. })).count(),
                    cases: case_list(&state.cases, now).iter().filter(|(_, d)| d.overdue()).count(),
                };
                assert_eq!(glance(&view, today, now), typed, "{} {later} days on", station.name);
                seen += usize::from(typed.overdue > 0);
            }
            if let Some(first) = CommunityState::read(&view).subjects.first() {
                view.delete::<KeySubject>(first.id, now).expect("deleted");
                let today = crate::time::in_china(now).date();
                let state = CommunityState::read(&view);
                let due = due_list(&state.subjects, &state.visits, today);
                let overdue = due.iter().filter(|d| matches!(d.state, DueState::Overdue { .. })).count();
                assert_eq!(glance(&view, today, now).overdue, overdue, "a deleted record is not counted");
            }
        }
        assert!(seen > 10, "the figures were not all zero");
    }
}
