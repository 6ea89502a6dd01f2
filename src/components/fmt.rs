//! Small text helpers shared by screens: times in China Standard Time, role and document
//! names in the interface language.

use jiff::Timestamp;
use liandong_core::model::Role;
use liandong_core::time::in_china;
use liandong_core::{DocumentId, DocumentKind};

use crate::i18n::*;
use leptos_i18n::I18nContext;

/// `HH:MM` (China time) of a Unix-millisecond instant.
pub fn hhmm(ms: f64) -> String {
    Timestamp::from_millisecond(ms as i64)
        .map(|t| liandong_core::time::text::hm(in_china(t).datetime()))
        .unwrap_or_default()
}

/// `MM-DD HH:MM` (China time) of a timestamp.
pub fn date_time(t: Timestamp) -> String {
    liandong_core::time::text::md_hm(in_china(t).datetime())
}

/// What the officer reads for a storage failure (the browser's detail stays in the log).
pub fn store_error(i18n: I18nContext<Locale>, error: &crate::store::StoreError) -> &'static str {
    use crate::store::StoreError;
    match error {
        StoreError::Open(_) => t_string!(i18n, storage_cannot_open),
        StoreError::Full => t_string!(i18n, storage_full),
        StoreError::Closed => t_string!(i18n, storage_closed),
        StoreError::Request(_) => t_string!(i18n, storage_failed),
        StoreError::Superseded => t_string!(i18n, storage_superseded),
    }
}

/// What the officer reads when a write did not happen ([`crate::data::WriteFailure`]).
pub fn write_failure(i18n: I18nContext<Locale>, failure: &crate::data::WriteFailure) -> String {
    use crate::data::WriteFailure;
    use liandong_core::docs::{Refusal, TextField, WriteError};
    let max = |key: &str, max: usize| fill(key, &[("max", max.to_string())]);
    match failure {
        WriteFailure::NotOpen => t_string!(i18n, write_not_open).to_owned(),
        WriteFailure::SignedOut => t_string!(i18n, write_signed_out).to_owned(),
        WriteFailure::NoRight => t_string!(i18n, write_no_right).to_owned(),
        WriteFailure::Refused(e) => match e {
            WriteError::NewerSchema { found, supported } => fill(
                t_string!(i18n, write_newer_schema),
                &[("found", found.to_string()), ("supported", supported.to_string())],
            ),
            WriteError::WrongKind { .. } => t_string!(i18n, write_wrong_kind).to_owned(),
            WriteError::NotFound { .. } => t_string!(i18n, write_not_found).to_owned(),
            WriteError::Serialize(..) => t_string!(i18n, write_bug).to_owned(),
            WriteError::Invalid(refusal) => match refusal {
                Refusal::Text { field: TextField::CancelReason, max: m } => {
                    max(t_string!(i18n, refusal_cancel_reason), *m)
                }
                Refusal::Text { field: TextField::Assessment, max: m } => max(t_string!(i18n, refusal_assessment), *m),
                Refusal::Text { field: TextField::SeriesName, max: m } => max(t_string!(i18n, refusal_series_name), *m),
                Refusal::SeriesTooSmall => t_string!(i18n, refusal_series_too_small).to_owned(),
                Refusal::AlreadyInSeries => t_string!(i18n, refusal_already_in_series).to_owned(),
                Refusal::Text { field, max: m } => {
                    let key = match field {
                        TextField::IncidentSummary => t_string!(i18n, refusal_incident_summary),
                        TextField::IncidentResult => t_string!(i18n, refusal_incident_result),
                        TextField::IncidentNote => t_string!(i18n, refusal_incident_note),
                        TextField::RequestPlace => t_string!(i18n, refusal_request_place),
                        TextField::EquipmentIdentifier => t_string!(i18n, refusal_equipment_identifier),
                        TextField::PlanTitle
                        | TextField::CancelReason
                        | TextField::Assessment
                        | TextField::SeriesName => {
                            t_string!(i18n, refusal_plan_title)
                        }
                    };
                    max(key, *m)
                }
                other => crate::words::command::refusal(i18n.get_locale(), other).unwrap_or_default(),
            },
        },
    }
}

/// A skill's name in the interface language (the county's catalogue has both; a skill
/// without an English name shows its Chinese one).
pub fn skill_name(i18n: I18nContext<Locale>, skill: &liandong_core::model::SkillDef) -> String {
    match i18n.get_locale() {
        Locale::en if !skill.name_en.trim().is_empty() => skill.name_en.clone(),
        _ => skill.name.clone(),
    }
}

/// An officer as `name（badge）` (locale key `officer_with_badge`).
pub fn officer(i18n: I18nContext<Locale>, name: &str, badge: &str) -> String {
    fill(t_string!(i18n, officer_with_badge), &[("name", name.to_owned()), ("badge", badge.to_owned())])
}

/// The role's name.
pub fn role(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Officer => t_string!(i18n, role_officer).to_string(),
        Role::Liaison => t_string!(i18n, role_liaison).to_string(),
        Role::StationHead => t_string!(i18n, role_station_head).to_string(),
        Role::Commander => t_string!(i18n, role_commander).to_string(),
        Role::BureauAdmin => t_string!(i18n, role_bureau_admin).to_string(),
    }
}

/// The signed-in officer's post: their title from the directory (e.g. `副所长`) when it
/// has one, else the name of the token's role (reactive: tracks the directory).
pub fn post(i18n: I18nContext<Locale>, claims: &liandong_core::access::Claims) -> String {
    crate::sync::with_directory_org(|org| {
        org.officers.iter().find(|o| o.badge_number == claims.badge).and_then(|o| o.title.clone())
    })
    .unwrap_or_else(|| role(i18n, claims.role))
}

/// Where the signed-in officer belongs, for people: station and region (`大庙派出所 ·
/// 得胜联动区域`), only the one there is, or the county bureau for its staff.
pub fn unit(i18n: I18nContext<Locale>, claims: &liandong_core::access::Claims) -> String {
    let parts: Vec<&str> = [claims.station_name.as_deref(), claims.region_name.as_deref()]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() { t_string!(i18n, session_unit_bureau).to_string() } else { parts.join(" · ") }
}

/// A document's name for people: kind and the code it belongs to.
pub fn document(i18n: I18nContext<Locale>, id: &DocumentId) -> String {
    let kind = match id.kind {
        DocumentKind::Directory => t_string!(i18n, doc_directory).to_string(),
        DocumentKind::CountyBulletins => t_string!(i18n, doc_county_bulletins).to_string(),
        DocumentKind::Bulletins => t_string!(i18n, doc_bulletins).to_string(),
        DocumentKind::Command => t_string!(i18n, doc_command).to_string(),
        DocumentKind::Roster => t_string!(i18n, doc_roster).to_string(),
        DocumentKind::Community => t_string!(i18n, doc_community).to_string(),
    };
    // The key names a county, a region or a station depending on the kind; a region and
    // its lead station share a code (得胜), so the kind decides which name is meant.
    let org = crate::sync::directory_org();
    let station = || org.stations.iter().find(|s| s.code == id.key).map(|s| s.name.clone());
    let region = || org.regions.iter().find(|r| r.code == id.key).map(|r| r.name.clone());
    let county = || org.county.as_ref().filter(|c| c.code == id.key).map(|c| c.name.clone());
    let place = match id.kind {
        DocumentKind::Directory | DocumentKind::CountyBulletins => county(),
        DocumentKind::Bulletins | DocumentKind::Command => region(),
        DocumentKind::Roster | DocumentKind::Community => station(),
    }
    .unwrap_or_else(|| id.key.clone());
    format!("{place} · {kind}")
}

/// Fills `{name}` placeholders of a translated text. (leptos_i18n's own interpolation into
/// strings needs its build-script setup; the texts stay in `locales/*.json` either way.)
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}
