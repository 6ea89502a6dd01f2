//! Bulletins screens (通报, docs/domain.md "Information sharing"):
//! - [`list`]: `/bulletins`: filters, search, urgent and unacknowledged first.
//! - [`form`]: `/bulletins/new` and `/bulletins/{id}/edit`: post, or update as a new version.
//! - [`detail`]: `/bulletins/{id}`: text, photos, versions and what changed, acknowledging,
//!   who acknowledged by station, forwarding, joint analysis, cancellation, series.
//! - [`series`]: `/series`: the region's case series; `/series/{id}`: one on a timeline by
//!   station. [`series_link`]: linking bulletins into a series from a bulletin's page.
//! - [`forwarded`]: `/bulletins/forwarded`: what the stations forwarded to the center.
//! - [`data`]: reading and writing the bulletins documents; photo compression is
//!   [`crate::components::photo`].

pub mod data;
pub mod detail;
pub mod form;
pub mod forwarded;
pub mod list;
pub mod series;
pub mod series_link;

pub use list::{BulletinRow, Bulletins, latest};

use jiff::Timestamp;
use leptos_i18n::I18nContext;
use liandong_core::RecordId;
use liandong_core::bulletins::Change;
use liandong_core::model::{BulletinCategory, Scope, Urgency};
use liandong_core::org::Organisation;

use crate::components::fmt;

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
        BulletinCategory::CommunityIntelligence => t_string!(i18n, wb_reports),
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

/// A station's name for the bulletins screens, marked when it is a region's center station
/// (`得胜派出所（中心所）`); the county bureau for its own bulletins; empty when the directory
/// does not know it.
pub fn station_label(i18n: I18nContext<Locale>, org: &Organisation, station: RecordId) -> String {
    let Some(s) = org.stations.iter().find(|s| s.id == station) else {
        // The bureau posts county-wide bulletins under the county's record.
        return org
            .county
            .as_ref()
            .filter(|c| c.id == station)
            .map(|c| fmt::fill(t_string!(i18n, b_bureau_label), &[("county", c.name.clone())]))
            .unwrap_or_default();
    };
    if org.regions.iter().any(|r| r.center == station) {
        fmt::fill(t_string!(i18n, b_center_label), &[("station", s.name.clone())])
    } else {
        s.name.clone()
    }
}

/// One line of a bulletin's change history in words: the field's name and its old and new
/// value as the screens show them (category and urgency by name, times in China time).
pub fn change_text(i18n: I18nContext<Locale>, change: &Change) -> String {
    let value = |text: &str| -> String {
        if text.is_empty() {
            return t_string!(i18n, b_change_empty).to_string();
        }
        match change.field {
            "category" => {
                parse::<BulletinCategory>(text).map_or(text.to_owned(), |c| category_name(i18n, c).to_owned())
            }
            "urgency" => parse::<Urgency>(text).map_or(text.to_owned(), |u| urgency_name(i18n, u).to_owned()),
            "expires_at" => text.parse::<Timestamp>().map_or(text.to_owned(), fmt::date_time),
            _ => text.to_owned(),
        }
    };
    let field = match change.field {
        "title" => t_string!(i18n, b_field_title),
        "body" => t_string!(i18n, b_field_body),
        "category" => t_string!(i18n, b_field_category),
        "urgency" => t_string!(i18n, b_field_urgency),
        "place" => t_string!(i18n, b_field_place),
        "expires_at" => t_string!(i18n, b_field_expires_at),
        other => other,
    };
    fmt::fill(
        t_string!(i18n, b_change_line),
        &[("field", field.to_owned()), ("old", value(&change.old)), ("new", value(&change.new))],
    )
}
