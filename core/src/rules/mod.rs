//! Rules of the linkage-policing model as pure functions over an [`Organisation`].
//!
//! Each rule returns [`Violation`]s that name the records involved, so the UI can link to
//! the record to fix and a command line can print them. Thresholds come from the county's
//! [`crate::model::CountyPolicy`].
//! - [`region`]: 3 to 5 stations including the center; manpower within ±25 % of the mean.
//! - [`district`]: 2 to 3 villages, or at most 3,000 people.
//! - [`staffing`]: "one district, one office; one office, one officer; one officer, many
//!   skills" (一区一室、一室一警、一警多能), and the skills every station needs.
//! - [`report`]: the coverage report per station, region and county.
//!
//! The rules of station rosters (排班) are in [`crate::roster::rules`].

pub mod district;
pub mod region;
pub mod report;
pub mod staffing;

use jiff::civil::Date;
use serde::Serialize;

use crate::ids::RecordId;
use crate::org::Organisation;

pub use report::{CoverageReport, RegionCoverage, StationCoverage};

/// Language of a printed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (the users' language).
    #[default]
    Zh,
    /// English.
    En,
}

/// What kind of record a [`RecordRef`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A linkage region.
    Region,
    /// A station.
    Station,
    /// A police district.
    District,
    /// A community police office.
    Office,
    /// An officer.
    Officer,
    /// A skill of the catalogue.
    Skill,
}

/// A record named by a violation: enough to print it and to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct RecordRef {
    /// Kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: RecordId,
    /// Its name as people know it (officers: name and badge number).
    pub label: String,
}

/// A place where the organisation breaks a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Violation {
    /// A region has fewer or more stations than the policy allows (center included).
    RegionSize {
        /// The region.
        region: RecordRef,
        /// Its stations, center included.
        stations: usize,
        /// Allowed minimum.
        min: u32,
        /// Allowed maximum.
        max: u32,
    },
    /// A region's manpower is outside the band around the county's regional mean.
    RegionManpower {
        /// The region.
        region: RecordRef,
        /// Officers of its stations who count as station strength.
        manpower: usize,
        /// The mean over the county's regions.
        mean: f64,
        /// Lowest allowed.
        low: f64,
        /// Highest allowed.
        high: f64,
    },
    /// A station is in no linkage region.
    StationWithoutRegion {
        /// The station.
        station: RecordRef,
    },
    /// A station is listed in several regions.
    StationInSeveralRegions {
        /// The station.
        station: RecordRef,
        /// The regions listing it.
        regions: Vec<RecordRef>,
    },
    /// A district has neither 2 to 3 villages nor at most 3,000 people (or no village).
    DistrictSize {
        /// The district.
        district: RecordRef,
        /// Its villages.
        villages: usize,
        /// Their population.
        population: u64,
    },
    /// A district has no office.
    DistrictWithoutOffice {
        /// The district.
        district: RecordRef,
    },
    /// An office serves more than one district.
    OfficeServesSeveralDistricts {
        /// The office.
        office: RecordRef,
        /// The districts it serves.
        districts: Vec<RecordRef>,
    },
    /// An office has no resident officer.
    OfficeWithoutResident {
        /// The office.
        office: RecordRef,
    },
    /// An officer is resident in several offices.
    OfficerInSeveralOffices {
        /// The officer.
        officer: RecordRef,
        /// The offices.
        offices: Vec<RecordRef>,
    },
    /// An officer covers fewer skill categories than the policy asks.
    OfficerFewSkills {
        /// The officer.
        officer: RecordRef,
        /// Distinct categories of the officer's valid skills.
        categories: usize,
        /// Required minimum.
        min: u32,
    },
    /// No officer of a station has a skill required at every station.
    StationMissingSkill {
        /// The station.
        station: RecordRef,
        /// The missing skill (its code when the catalogue lacks it).
        skill: String,
    },
}

impl Violation {
    /// The records this violation is about, the one to fix first.
    pub fn records(&self) -> Vec<&RecordRef> {
        match self {
            Violation::RegionSize { region, .. } | Violation::RegionManpower { region, .. } => vec![region],
            Violation::StationWithoutRegion { station } | Violation::StationMissingSkill { station, .. } => {
                vec![station]
            }
            Violation::StationInSeveralRegions { station, regions } => {
                std::iter::once(station).chain(regions.iter()).collect()
            }
            Violation::DistrictSize { district, .. } | Violation::DistrictWithoutOffice { district } => vec![district],
            Violation::OfficeServesSeveralDistricts { office, districts } => {
                std::iter::once(office).chain(districts.iter()).collect()
            }
            Violation::OfficeWithoutResident { office } => vec![office],
            Violation::OfficerInSeveralOffices { officer, offices } => {
                std::iter::once(officer).chain(offices.iter()).collect()
            }
            Violation::OfficerFewSkills { officer, .. } => vec![officer],
        }
    }

    /// One line describing the violation in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let names = |refs: &[RecordRef]| refs.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("、");
        match (self, lang) {
            (Violation::RegionSize { region, stations, min, max }, Lang::Zh) => {
                format!("{}：{stations} 个派出所，应为 {min}–{max} 个（含中心所）", region.label)
            }
            (Violation::RegionSize { region, stations, min, max }, Lang::En) => {
                format!("{}: {stations} stations, should be {min} to {max} (center included)", region.label)
            }
            (Violation::RegionManpower { region, manpower, mean, low, high }, Lang::Zh) => format!(
                "{}：警力 {manpower} 人，超出全县区域均值 {mean:.1} 人的允许范围 {low:.1}–{high:.1}",
                region.label
            ),
            (Violation::RegionManpower { region, manpower, mean, low, high }, Lang::En) => format!(
                "{}: manpower {manpower}, outside {low:.1}–{high:.1} around the county's regional mean {mean:.1}",
                region.label
            ),
            (Violation::StationWithoutRegion { station }, Lang::Zh) => format!("{}：未划入任何联动区域", station.label),
            (Violation::StationWithoutRegion { station }, Lang::En) => {
                format!("{}: in no linkage region", station.label)
            }
            (Violation::StationInSeveralRegions { station, regions }, Lang::Zh) => {
                format!("{}：同时划入多个联动区域（{}）", station.label, names(regions))
            }
            (Violation::StationInSeveralRegions { station, regions }, Lang::En) => {
                format!("{}: in several regions ({})", station.label, names(regions))
            }
            (Violation::DistrictSize { district, villages, population }, Lang::Zh) => {
                format!("{}：{villages} 个村、{population} 人，应为 2–3 个村或不超过 3000 人", district.label)
            }
            (Violation::DistrictSize { district, villages, population }, Lang::En) => format!(
                "{}: {villages} villages, {population} people; should be 2 to 3 villages or at most 3,000 people",
                district.label
            ),
            (Violation::DistrictWithoutOffice { district }, Lang::Zh) => format!("{}：没有警务室", district.label),
            (Violation::DistrictWithoutOffice { district }, Lang::En) => {
                format!("{}: no community police office", district.label)
            }
            (Violation::OfficeServesSeveralDistricts { office, districts }, Lang::Zh) => {
                format!("{}：同时服务多个警务区（{}）", office.label, names(districts))
            }
            (Violation::OfficeServesSeveralDistricts { office, districts }, Lang::En) => {
                format!("{}: serves several districts ({})", office.label, names(districts))
            }
            (Violation::OfficeWithoutResident { office }, Lang::Zh) => format!("{}：没有驻室民警", office.label),
            (Violation::OfficeWithoutResident { office }, Lang::En) => {
                format!("{}: no resident officer", office.label)
            }
            (Violation::OfficerInSeveralOffices { officer, offices }, Lang::Zh) => {
                format!("{}：同时驻多个警务室（{}）", officer.label, names(offices))
            }
            (Violation::OfficerInSeveralOffices { officer, offices }, Lang::En) => {
                format!("{}: resident in several offices ({})", officer.label, names(offices))
            }
            (Violation::OfficerFewSkills { officer, categories, min }, Lang::Zh) => {
                format!("{}：掌握 {categories} 类技能，少于 {min} 类", officer.label)
            }
            (Violation::OfficerFewSkills { officer, categories, min }, Lang::En) => {
                format!("{}: {categories} skill categories, fewer than {min}", officer.label)
            }
            (Violation::StationMissingSkill { station, skill }, Lang::Zh) => {
                format!("{}：无人具备必备技能「{skill}」", station.label)
            }
            (Violation::StationMissingSkill { station, skill }, Lang::En) => {
                format!("{}: nobody has the required skill \"{skill}\"", station.label)
            }
        }
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::Zh))
    }
}

/// Every rule over `org`, as of `today` (skills past their expiry do not count).
pub fn check_all(org: &Organisation, today: Date) -> Vec<Violation> {
    let mut violations = region::check(org);
    violations.extend(district::check(org));
    violations.extend(staffing::check(org, today));
    violations
}

/// References to records, for violations.
pub(crate) mod refs {
    use super::{RecordKind, RecordRef};
    use crate::model::{District, Office, Officer, Region, Station};

    pub fn region(r: &Region) -> RecordRef {
        RecordRef { kind: RecordKind::Region, id: r.id, label: r.name.clone() }
    }
    pub fn station(s: &Station) -> RecordRef {
        RecordRef { kind: RecordKind::Station, id: s.id, label: s.name.clone() }
    }
    pub fn district(d: &District) -> RecordRef {
        RecordRef { kind: RecordKind::District, id: d.id, label: d.name.clone() }
    }
    pub fn office(o: &Office) -> RecordRef {
        RecordRef { kind: RecordKind::Office, id: o.id, label: o.name.clone() }
    }
    pub fn officer(o: &Officer) -> RecordRef {
        RecordRef { kind: RecordKind::Officer, id: o.id, label: format!("{}（{}）", o.name, o.badge_number) }
    }
}
