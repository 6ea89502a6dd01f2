//! Bulletins screens (通报, DOMAIN.md "Information sharing"):
//! - [`list`]: `/bulletins`: filters, search, urgent and unacknowledged first.
//! - [`form`]: `/bulletins/new` and `/bulletins/{id}/edit`: post, or update as a new version.
//! - [`detail`]: `/bulletins/{id}`: text, photos, versions and what changed, acknowledging,
//!   who acknowledged by station, forwarding, joint analysis, cancellation, series.
//! - [`series`]: `/series/{id}`: a case series on a timeline by station.
//! - [`forwarded`]: `/bulletins/forwarded`: what the stations forwarded to the center.
//! - [`data`]: reading and writing the bulletins documents; [`photos`]: photo compression.

pub mod data;
pub mod detail;
pub mod form;
pub mod forwarded;
pub mod list;
pub mod series;

pub use list::{BulletinRow, Bulletins, latest};

use leptos_i18n::I18nContext;
use liandong_core::model::{BulletinCategory, Scope, Urgency};

use crate::i18n::*;

/// The category's name.
pub fn category_name(i18n: I18nContext<Locale>, c: BulletinCategory) -> &'static str {
    match c {
        BulletinCategory::TravellingFraud => t_string!(i18n, cat_travelling_fraud),
        BulletinCategory::StolenProperty => t_string!(i18n, cat_stolen_property),
        BulletinCategory::WantedPerson => t_string!(i18n, cat_wanted_person),
        BulletinCategory::CaseClue => t_string!(i18n, cat_case_clue),
        BulletinCategory::SafetyNotice => t_string!(i18n, cat_safety_notice),
        BulletinCategory::MeetingNotice => t_string!(i18n, cat_meeting_notice),
    }
}

/// The urgency's name.
pub fn urgency_name(i18n: I18nContext<Locale>, u: Urgency) -> &'static str {
    match u {
        Urgency::Urgent => t_string!(i18n, urg_urgent),
        Urgency::Important => t_string!(i18n, urg_important),
        Urgency::Routine => t_string!(i18n, urg_routine),
    }
}

/// The scope's name.
pub fn scope_name(i18n: I18nContext<Locale>, s: Scope) -> &'static str {
    match s {
        Scope::Station => t_string!(i18n, scope_station),
        Scope::Region => t_string!(i18n, scope_region),
        Scope::County => t_string!(i18n, scope_county),
    }
}

/// Every category, in form order.
pub const CATEGORIES: [BulletinCategory; 6] = [
    BulletinCategory::TravellingFraud,
    BulletinCategory::StolenProperty,
    BulletinCategory::WantedPerson,
    BulletinCategory::CaseClue,
    BulletinCategory::SafetyNotice,
    BulletinCategory::MeetingNotice,
];

/// Every urgency, most pressing first.
pub const URGENCIES: [Urgency; 3] = [Urgency::Urgent, Urgency::Important, Urgency::Routine];

/// The serde name of a value (`travelling_fraud`), used as form values.
pub fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The value of a serde name.
pub fn parse<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}
