//! Rules of the linkage-policing model as pure functions over an [`Organisation`].
//!
//! Each rule returns [`Violation`]s that name the records involved, so the UI can link to
//! the record to fix and a command line can print them. Thresholds come from the county's
//! [`crate::model::CountyPolicy`]. A violation holds its numbers and records and no
//! words: the app words it in the officer's language from its locale files, and the
//! relay's `coverage` command in the language asked for.
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
