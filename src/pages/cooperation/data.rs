//! Where the cooperation page reads and writes: the signed-in officer's region's command
//! document, reactive; the region's stations and officers by name; the rights of
//! [`liandong_core::cooperation::rights`].

use liandong_core::access::Claims;
use liandong_core::cooperation::CooperationState;
use liandong_core::docs::{CommandDoc, RegionCommand, WriteError};
use liandong_core::model::{Mark, Shift};
use liandong_core::org::Organisation;
use liandong_core::{DocumentId, RecordId};

use crate::data::{WriteFailure, writer};
use crate::sync;

/// The region's command document id; `None` for the bureau's staff. Reactive.
pub fn doc_id() -> Option<DocumentId> {
    crate::data::claims()?.region.map(|r| DocumentId::command(&r))
}

/// Every cooperation record of the region, reactive; `None` until the document is read.
pub fn state() -> Option<CooperationState> {
    let doc = sync::read_settled(&doc_id()?)?;
    Some(CooperationState::read(&RegionCommand::new(doc)))
}

/// The region's stations and their officers on strength, by name, in the region's order:
/// `(station, station name, [(officer, name)])`.
pub type Roll = Vec<(RecordId, String, Vec<(RecordId, String)>)>;

/// The roll of the signed-in officer's region (reactive; empty without one).
pub fn roll() -> Roll {
    let Some(region) = crate::data::claims().and_then(|c| c.region) else { return Vec::new() };
    sync::with_directory_org(|org| {
        let Some(r) = org.regions.iter().find(|x| x.code == region) else { return Vec::new() };
        r.stations()
            .filter_map(|s| {
                let station = org.stations.iter().find(|x| x.id == s)?;
                let mut officers: Vec<(RecordId, String)> =
                    org.strength_of(s).map(|o| (o.id, o.name.clone())).collect();
                liandong_core::sort::by_key(&mut officers, |(_, n)| n.clone());
                Some((s, station.name.clone(), officers))
            })
            .collect()
    })
}

/// The name of station or officer `id` in `roll`.
pub fn name(roll: &Roll, id: RecordId) -> String {
    roll.iter()
        .find_map(|(s, name, officers)| {
            if *s == id {
                return Some(name.clone());
            }
            officers.iter().find(|(o, _)| *o == id).map(|(_, n)| n.clone())
        })
        .unwrap_or_default()
}

/// The records of a list as the page shows them: the coming ones (not yet ended) soonest
/// first, at most `coming`, then the last `past` ones, latest first. `span` gives a record's
/// start and end.
pub fn coming_then_past<T: Clone>(
    items: &[T],
    span: impl Fn(&T) -> (jiff::Timestamp, jiff::Timestamp),
    coming: usize,
    past: usize,
) -> Vec<T> {
    let now = liandong_core::time::now();
    let mut ahead: Vec<T> = items.iter().filter(|x| span(x).1 > now).cloned().collect();
    liandong_core::sort::by_key(&mut ahead, |x| span(x).0);
    ahead.truncate(coming);
    let mut done: Vec<T> = items.iter().filter(|x| span(x).1 <= now).cloned().collect();
    liandong_core::sort::by_key(&mut done, |x| std::cmp::Reverse(span(x).0));
    done.truncate(past);
    ahead.into_iter().chain(done).collect()
}

/// When something runs, China time: `12-11 20:00–23:00`, or `12-10 08:30–12-12 17:30`
/// over several days.
pub fn when(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    start: jiff::Timestamp,
    end: jiff::Timestamp,
) -> String {
    use liandong_core::time::{in_china, text};
    let (from, to) = (in_china(start).datetime(), in_china(end).datetime());
    let end = if from.date() == to.date() { text::hm(to) } else { text::md_hm(to) };
    crate::components::fmt::fill(crate::i18n::t_string!(i18n, co_when), &[("start", text::md_hm(from)), ("end", end)])
}

/// A typed length in hours (`2`, `1.5`, full-width digits too) as a duration; `None` for
/// anything else (the form then says how to write it; core checks the range).
pub fn hours(typed: &str) -> Option<jiff::SignedDuration> {
    let text = crate::pages::community::data::ascii_digits(&typed.replace('．', "."));
    let h: f64 = text.parse().ok().filter(|h: &f64| h.is_finite())?;
    Some(jiff::SignedDuration::from_mins((h * 60.0).round() as i64))
}

/// A form's default start: `days` from today (China) at `hour`:`minute`, as the
/// `datetime-local` value.
pub fn default_start(days: i64, hour: i8, minute: i8) -> String {
    use jiff::ToSpan;
    let today = liandong_core::time::in_china(liandong_core::time::now()).date();
    let day = today.checked_add(days.days()).unwrap_or(today);
    let at = liandong_core::time::china()
        .to_timestamp(day.to_datetime(jiff::civil::Time::constant(hour, minute, 0, 0)))
        .unwrap_or(liandong_core::time::now());
    crate::pages::command::time_input::value(at)
}

/// The signed-in officer's claims and the directory's organisation, for the rights.
fn with_rights<T>(f: impl FnOnce(&Claims, &Organisation) -> T) -> Option<T> {
    let claims = crate::data::claims()?;
    Some(sync::with_directory_org(|org| f(&claims, org)))
}

/// Whether the signed-in officer plans and records (the commander, the center station's head).
pub fn may_plan() -> bool {
    with_rights(liandong_core::cooperation::rights::may_plan).unwrap_or(false)
}

/// Whether the signed-in officer records `patrol`'s findings.
pub fn may_report(patrol: &liandong_core::model::JointPatrol) -> bool {
    with_rights(|c, o| liandong_core::cooperation::rights::may_report(c, o, patrol)).unwrap_or(false)
}

/// Whether the signed-in officer marks `decision` done.
pub fn may_close(decision: &liandong_core::model::Decision) -> bool {
    with_rights(|c, o| liandong_core::cooperation::rights::may_close(c, o, decision)).unwrap_or(false)
}

/// The signed-in officer's station id (reactive).
pub fn station() -> Option<RecordId> {
    with_rights(|c, o| c.station_id(o)).flatten()
}

/// The shifts of every station of the region (for the overlaps a plan would make).
pub fn region_shifts(roll: &Roll) -> Vec<Shift> {
    let codes: Vec<(RecordId, String)> = sync::with_directory_org(|org| {
        roll.iter()
            .filter_map(|(s, ..)| org.stations.iter().find(|x| x.id == *s).map(|x| (x.id, x.code.clone())))
            .collect()
    });
    codes.iter().flat_map(|(id, code)| crate::pages::roster::data::shifts(code, *id).0).collect()
}

/// Runs `f` with a writer of the region's command document and the officer's mark now.
///
/// # Errors
/// Those of [`crate::data::writer`], and core's refusal.
pub fn write<T>(f: impl FnOnce(&RegionCommand, Mark) -> Result<T, WriteError>) -> Result<T, WriteFailure> {
    let id = doc_id().ok_or(WriteFailure::NotOpen)?;
    let view = writer::<CommandDoc>(&id)?;
    let by = sync::officer_id().ok_or(WriteFailure::SignedOut)?;
    Ok(f(&view, Mark { at: liandong_core::time::now(), by })?)
}

/// Words a failed write: the cooperation's own refusals here, the others as everywhere.
pub fn failure(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, e: &WriteFailure, roll: &Roll) -> String {
    use liandong_core::docs::Refusal;
    match e {
        WriteFailure::Refused(WriteError::Invalid(Refusal::Cooperation(r))) => {
            crate::words::cooperation::refusal(i18n.get_locale(), r, |id| name(roll, id))
        }
        other => crate::components::fmt::write_failure(i18n, other),
    }
}

/// Says under a form what its write did; `true` when it worked.
pub fn settle<T>(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    said: crate::pages::command::said::Said,
    result: Result<T, WriteFailure>,
    saved: &str,
    roll: &Roll,
) -> bool {
    use leptos::prelude::Set;
    let ok = result.is_ok();
    said.set(Some(result.map(|_| saved.to_owned()).map_err(|e| failure(i18n, &e, roll))));
    ok
}
