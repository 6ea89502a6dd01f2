//! Where the workbook reads and writes: the signed-in officer's station's
//! `station/{station}/community`, reactive.

use jiff::civil::Date;
use liandong_core::community::CommunityState;
use liandong_core::docs::{CommunityDoc, StationCommunity, StationRoster, WriteError};
use liandong_core::model::{Mark, Village};
use liandong_core::{DocumentId, RecordId};

use crate::data::{WriteFailure, writer};
use crate::sync;

/// The workbook's document id: the signed-in officer's station's; `None` for bureau staff
/// and commanders (no station). Reactive.
pub fn doc_id() -> Option<DocumentId> {
    crate::data::claims()?.station.map(|s| DocumentId::community(&s))
}

/// Everything of the workbook, reactive; `None` until the document is read here
/// ([`crate::sync::read_settled`]).
pub fn state() -> Option<CommunityState> {
    let doc = sync::read_settled(&doc_id()?)?;
    Some(CommunityState::read(&StationCommunity::new(doc)))
}

/// The signed-in officer's station's record id (reactive).
pub fn station() -> Option<RecordId> {
    let code = crate::data::claims()?.station?;
    sync::with_directory_org(|org| org.stations.iter().find(|s| s.code == code).map(|s| s.id))
}

/// Today in China (the workbook's days are China civil days).
pub fn today() -> Date {
    liandong_core::time::in_china(liandong_core::time::now()).date()
}

/// A typed number with full-width digits (from a Chinese input method, `１２０`) turned
/// into ASCII ones, trimmed: ready for `parse`.
pub fn ascii_digits(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .map(|c| match c {
            // U+FF10..U+FF19: full-width ０ to ９.
            '\u{FF10}'..='\u{FF19}' => char::from_digit(c as u32 - 0xFF10, 10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Runs `f` with a writer of the workbook and the officer's mark now.
///
/// # Errors
/// Those of [`crate::data::writer`] ([`WriteFailure::NotOpen`] when there is no workbook
/// here), and core's refusal.
pub fn write<T>(f: impl FnOnce(&StationCommunity, Mark) -> Result<T, WriteError>) -> Result<T, WriteFailure> {
    let id = doc_id().ok_or(WriteFailure::NotOpen)?;
    let view = writer::<CommunityDoc>(&id)?;
    let by = sync::officer_id().ok_or(WriteFailure::SignedOut)?;
    Ok(f(&view, Mark { at: liandong_core::time::now(), by })?)
}

/// Words a failed write: the workbook's own refusals here, the others as everywhere.
pub fn failure(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, e: &WriteFailure) -> String {
    use liandong_core::docs::Refusal;
    match e {
        WriteFailure::Refused(WriteError::Invalid(Refusal::Workbook(r))) => {
            crate::words::community::refusal(i18n.get_locale(), r)
        }
        other => crate::components::fmt::write_failure(i18n, other),
    }
}

/// Whether the signed-in officer may remove `record` (its author, or the station head,
/// while it has not left the station); reactive.
pub fn may_remove<R: liandong_core::community::remove::Logged>(record: &R) -> bool {
    let (Some(me), Some(claims)) = (sync::officer_id(), crate::data::claims()) else { return false };
    liandong_core::community::remove::may_remove(record, me, claims.role)
}

/// Removes record `id` of kind `R` (and its photo) as the signed-in officer.
///
/// # Errors
/// Those of [`write`]; core's refusal.
pub fn remove<R: liandong_core::community::remove::Logged>(id: RecordId) -> Result<(), WriteFailure> {
    let role = crate::data::claims().map(|c| c.role).ok_or(WriteFailure::SignedOut)?;
    write(|view, mark| liandong_core::community::remove::remove::<R>(view, id, mark.by, role, mark.at))
}

/// Says under a list why a write (a forward, a removal) failed; clears it when it worked.
pub fn said_failure<T>(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    said: crate::pages::command::said::Said,
    result: Result<T, WriteFailure>,
) {
    use leptos::prelude::Set;
    said.set(result.err().map(|e| Err(failure(i18n, &e))));
}

/// Says under a form what its write did: `saved` on success (and returns `true`, so the
/// form clears what was typed), core's reason otherwise (and keeps it).
pub fn settle<T>(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    said: crate::pages::command::said::Said,
    result: Result<T, WriteFailure>,
    saved: &str,
) -> bool {
    use leptos::prelude::Set;
    let ok = result.is_ok();
    said.set(Some(result.map(|_| saved.to_owned()).map_err(|e| failure(i18n, &e))));
    ok
}

/// Records of the station by id and name.
pub type Named = Vec<(RecordId, String)>;

/// The name of record `id` in `list`, if it is there.
pub fn name_of(list: &[(RecordId, String)], id: Option<RecordId>) -> Option<String> {
    let id = id?;
    list.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())
}

/// The record of `list` a `<select>` chose (its value is the id); `None` for "无".
pub fn chosen(list: &[(RecordId, String)], value: &str) -> Option<RecordId> {
    list.iter().map(|(i, _)| *i).find(|i| i.to_string() == value)
}

/// The station's villages (from its roster) and officers, by id: (villages, officers).
pub fn names() -> (Named, Named) {
    let Some(code) = crate::data::claims().and_then(|c| c.station) else { return Default::default() };
    let villages = crate::sync::read_doc(&DocumentId::roster(&code))
        .map(|doc| StationRoster::new(doc).list::<Village>().into_records())
        .unwrap_or_default()
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    let officers = crate::sync::with_directory_org(|org| {
        let station = org.stations.iter().find(|s| s.code == code).map(|s| s.id);
        station.map(|s| org.strength_of(s).map(|o| (o.id, o.name.clone())).collect()).unwrap_or_default()
    });
    (villages, officers)
}
