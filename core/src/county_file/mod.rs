//! The versioned JSON format of a county's organisation, for the bureau to prepare and
//! import (and for export and backup).
//!
//! Shape (version 1; every list keeps its order through import and export):
//! ```json
//! { "format": "liandong-county", "version": 1,
//!   "county": { "code": "demo", "name": "联动示范县", "area_km2": 4800, "population": 460000 },
//!   "policy": { "manpower_band_pct": 25, ... },              // optional, defaults otherwise
//!   "skills": [ { "code": "mediation", "name": "纠纷调解", "name_en": "Dispute mediation" } ],
//!   "stations": [ { "code": "desheng", "name": "得胜派出所", "kind": "town",
//!       "officers":  [ { "badge": "410101", "name": "张伟", "role": "station_head",
//!                        "skills": [ { "skill": "mediation", "expires": "2027-06-30" } ] } ],
//!       "districts": [ { "name": "一警务区", "villages": [ { "name": "王家湾村", "population": 1200 } ] } ],
//!       "offices":   [ { "name": "王家湾警务室", "districts": ["一警务区"], "residents": ["410101"] } ] } ],
//!   "regions": [ { "code": "desheng", "name": "得胜联动区域", "center": "desheng", "members": ["qingu"] } ],
//!   "bureau_staff": [ { "badge": "410001", "name": "...", "role": "bureau_admin" } ],
//!   "roster": { "times": { ... }, "rules": { ... }, "rotations": [ ... ] } }  // optional
//! ```
//! Records refer to each other by code (stations, regions, skills), name (districts, within
//! their station) and badge number (officers). Unknown fields are refused, so a typo is an
//! error, not a silently missing value. Every error names the JSON path and the reason.
//! A skill's `category` is written only when it differs from its `code` (canonical form).

pub mod export;
pub mod import;
mod validate;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Role, StationKind};

pub use export::export;
pub use import::{CountyDocs, import};

/// Value of the `format` field.
pub const FORMAT: &str = "liandong-county";
/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A county file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`] or lower.
    pub version: u32,
    /// The county.
    pub county: CountyEntry,
    /// Rule thresholds; the defaults of [`crate::model::CountyPolicy`] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyEntry>,
    /// The skills catalogue.
    pub skills: Vec<SkillEntry>,
    /// Stations with their officers, districts and offices.
    pub stations: Vec<StationEntry>,
    /// Linkage regions.
    pub regions: Vec<RegionEntry>,
    /// Officers of the bureau itself (no station): administrators, commanders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bureau_staff: Vec<OfficerEntry>,
    /// The county's roster settings (排班设置); the defaults of
    /// [`crate::roster::RosterConfig`] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<RosterEntry>,
}

/// The county's roster settings, every part optional (defaults otherwise): times of each
/// kind of shift, residency hours (the county's, and per station code), the rules'
/// severities and numbers, the rotation patterns. Times are `HH:MM:SS`, China time, e.g.
/// `{ "times": { "night": { "start": "19:00:00", "end": "07:00:00" } },
///    "station_residency": [ { "station": "damiao", "start": "09:00:00", "end": "17:00:00" } ],
///    "rules": { "rest": { "severity": "warn", "min_minutes": 600 } } }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RosterEntry {
    /// Default times per kind of shift.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub times: Option<crate::roster::config::KindTimes>,
    /// Residency hours of stations without their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residency: Option<crate::roster::config::ShiftTimes>,
    /// Residency hours of particular stations, by station code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub station_residency: Vec<StationResidencyEntry>,
    /// The rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<crate::roster::config::RuleSettings>,
    /// Rotation patterns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotations: Option<Vec<crate::roster::Rotation>>,
}

/// One station's residency hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StationResidencyEntry {
    /// Station code.
    pub station: String,
    /// Start, China time.
    pub start: jiff::civil::Time,
    /// End, China time (the next day if not after the start).
    pub end: jiff::civil::Time,
}

/// The county.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountyEntry {
    /// Code for document ids (a-z, 0-9, `-`; 1 to 64 characters).
    pub code: String,
    /// Name.
    pub name: String,
    /// Area in km².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    /// Residents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
}

/// Rule thresholds; absent fields take the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyEntry {
    /// See [`crate::model::CountyPolicy::region_min_stations`].
    pub region_min_stations: u32,
    /// See [`crate::model::CountyPolicy::region_max_stations`].
    pub region_max_stations: u32,
    /// See [`crate::model::CountyPolicy::manpower_band_pct`].
    pub manpower_band_pct: u32,
    /// See [`crate::model::CountyPolicy::district_min_villages`].
    pub district_min_villages: u32,
    /// See [`crate::model::CountyPolicy::district_max_villages`].
    pub district_max_villages: u32,
    /// See [`crate::model::CountyPolicy::district_max_population`].
    pub district_max_population: u32,
    /// See [`crate::model::CountyPolicy::min_skill_categories`].
    pub min_skill_categories: u32,
    /// See [`crate::model::CountyPolicy::required_skills`].
    pub required_skills: Vec<String>,
}

impl Default for PolicyEntry {
    fn default() -> Self {
        let p = crate::model::CountyPolicy::default();
        Self {
            region_min_stations: p.region_min_stations,
            region_max_stations: p.region_max_stations,
            manpower_band_pct: p.manpower_band_pct,
            district_min_villages: p.district_min_villages,
            district_max_villages: p.district_max_villages,
            district_max_population: p.district_max_population,
            min_skill_categories: p.min_skill_categories,
            required_skills: p.required_skills,
        }
    }
}

/// A skill of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillEntry {
    /// Code.
    pub code: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Category, when it differs from the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// A station and what belongs to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StationEntry {
    /// Code for document ids.
    pub code: String,
    /// Name.
    pub name: String,
    /// Town or township.
    pub kind: StationKind,
    /// Residents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Area in km².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the figures are generated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
    /// Officers of the station.
    #[serde(default)]
    pub officers: Vec<OfficerEntry>,
    /// Police districts with their villages.
    #[serde(default)]
    pub districts: Vec<DistrictEntry>,
    /// Villages in no district yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassigned_villages: Vec<VillageEntry>,
    /// Community police offices.
    #[serde(default)]
    pub offices: Vec<OfficeEntry>,
}

/// An officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficerEntry {
    /// Badge number, unique in the county.
    pub badge: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Post (职务) when it says more than the role, e.g. `副所长`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Code of the region a commander commands (bureau staff only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Work phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillGrantEntry>,
    /// Whether generated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// One skill of an officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillGrantEntry {
    /// Skill code of the catalogue.
    pub skill: String,
    /// Last valid day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
}

/// A police district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictEntry {
    /// Name, unique in its station.
    pub name: String,
    /// Its villages.
    #[serde(default)]
    pub villages: Vec<VillageEntry>,
    /// Whether generated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// A village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VillageEntry {
    /// Name, unique in its station.
    pub name: String,
    /// Residents (a whole number, not negative).
    pub population: u32,
}

/// A community police office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeEntry {
    /// Name, unique in its station.
    pub name: String,
    /// Names of the districts it serves.
    #[serde(default)]
    pub districts: Vec<String>,
    /// Badge numbers of its resident officers (of the same station).
    #[serde(default)]
    pub residents: Vec<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Residency hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency_hours: Option<String>,
    /// Whether generated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// A linkage region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    /// Code for document ids.
    pub code: String,
    /// Name.
    pub name: String,
    /// Station code of the center station.
    pub center: String,
    /// Station codes of the member stations.
    pub members: Vec<String>,
}

/// Why a county file was refused: where (a JSON path such as
/// `stations[3].offices[0].residents[1]`) and why. Nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct ImportError {
    /// JSON path of the offending value (`.` for the whole document).
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl ImportError {
    pub(crate) fn at(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { path: path.into(), reason: reason.into() }
    }
}

/// Parses and checks a county file: JSON syntax and types (with the path of the first
/// error), the format and version, and every reference between records.
pub fn parse(json: &str) -> Result<CountyFile, ImportError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let file: CountyFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        ImportError::at(if path.is_empty() { ".".into() } else { path }, e.into_inner().to_string())
    })?;
    validate::check(&file)?;
    Ok(file)
}

impl CountyFile {
    /// The file as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
