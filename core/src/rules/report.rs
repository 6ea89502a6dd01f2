//! The coverage report: per station, per region and for the county, the counts and
//! percentages of "one district, one office; one office, one officer; one officer, many
//! skills", the required skills, and the violations of every rule. Serialisable; numbers
//! and records only: the app and the relay's `coverage` command word it.

use jiff::civil::Date;
use serde::Serialize;

use super::{RecordRef, Violation, refs, region, staffing};
use crate::ids::RecordId;
use crate::model::Station;
use crate::org::Organisation;

/// Counts shared by station, region and county rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Officers who count as station strength.
    pub officers: usize,
    /// Police districts.
    pub districts: usize,
    /// Districts served by at least one office.
    pub districts_with_office: usize,
    /// Community police offices.
    pub offices: usize,
    /// Offices with at least one resident officer.
    pub offices_with_resident: usize,
    /// Officers resident at an office.
    pub resident_officers: usize,
    /// Officers covering at least the policy's number of skill categories.
    pub multi_skilled: usize,
    /// Required skills × stations.
    pub required_skills: usize,
    /// Of those, present.
    pub required_skills_present: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.officers += other.officers;
        self.districts += other.districts;
        self.districts_with_office += other.districts_with_office;
        self.offices += other.offices;
        self.offices_with_resident += other.offices_with_resident;
        self.resident_officers += other.resident_officers;
        self.multi_skilled += other.multi_skilled;
        self.required_skills += other.required_skills;
        self.required_skills_present += other.required_skills_present;
    }
}

/// `part` of `whole` in percent; 100 when `whole` is 0 (nothing to cover).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

/// One station's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationCoverage {
    /// The station.
    pub station: RecordRef,
    /// Its counts.
    pub counts: Counts,
    /// Violations about the station, its districts, offices and officers.
    pub violations: Vec<Violation>,
}

/// One region's block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionCoverage {
    /// The region.
    pub region: RecordRef,
    /// Its manpower (sum of its stations' officers).
    pub manpower: usize,
    /// Its stations, center first.
    pub stations: Vec<StationCoverage>,
    /// Sum of the stations' counts.
    pub counts: Counts,
    /// Violations about the region itself (size, manpower).
    pub violations: Vec<Violation>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageReport {
    /// County name.
    pub county: String,
    /// The day skills were checked on.
    pub today: Date,
    /// Mean manpower over the regions.
    pub mean_manpower: Option<f64>,
    /// Regions, in creation order.
    pub regions: Vec<RegionCoverage>,
    /// Stations in no region.
    pub unassigned: Vec<StationCoverage>,
    /// Sum over every station.
    pub counts: Counts,
    /// Number of violations in the report.
    pub violation_count: usize,
}

impl CoverageReport {
    /// Builds the report of `org` as of `today`.
    pub fn build(org: &Organisation, today: Date) -> Self {
        let violations = super::check_all(org, today);
        let station_row = |s: &Station| station_coverage(org, s, today, &violations);
        let manpower = region::manpower(org);
        let mut assigned = std::collections::HashSet::new();
        let regions: Vec<RegionCoverage> = org
            .regions
            .iter()
            .zip(manpower)
            .map(|(r, (_, manpower))| {
                let stations: Vec<StationCoverage> = r
                    .stations()
                    .filter_map(|id| org.stations.iter().find(|s| s.id == id))
                    .filter(|s| assigned.insert(s.id))
                    .map(station_row)
                    .collect();
                let mut counts = Counts::default();
                stations.iter().for_each(|s| counts.add(&s.counts));
                let own = violations
                    .iter()
                    .filter(|v| matches!(v, Violation::RegionSize { region, .. } | Violation::RegionManpower { region, .. } if region.id == r.id))
                    .cloned()
                    .collect();
                RegionCoverage { region: refs::region(r), manpower, stations, counts, violations: own }
            })
            .collect();
        let unassigned: Vec<StationCoverage> =
            org.stations.iter().filter(|s| !assigned.contains(&s.id)).map(station_row).collect();
        let mut counts = Counts::default();
        regions.iter().for_each(|r| counts.add(&r.counts));
        unassigned.iter().for_each(|s| counts.add(&s.counts));
        CoverageReport {
            county: org.county.as_ref().map_or_else(String::new, |c| c.name.clone()),
            today,
            mean_manpower: region::mean_manpower(org),
            regions,
            unassigned,
            counts,
            violation_count: violations.len(),
        }
    }

    /// Every violation of the report, regions first.
    pub fn violations(&self) -> impl Iterator<Item = &Violation> {
        self.regions
            .iter()
            .flat_map(|r| r.violations.iter().chain(r.stations.iter().flat_map(|s| s.violations.iter())))
            .chain(self.unassigned.iter().flat_map(|s| s.violations.iter()))
    }
}

/// The station a violation belongs to, if it belongs to one.
fn station_of(org: &Organisation, v: &Violation) -> Option<RecordId> {
    match v {
        Violation::RegionSize { .. } | Violation::RegionManpower { .. } => None,
        Violation::StationWithoutRegion { station }
        | Violation::StationInSeveralRegions { station, .. }
        | Violation::StationMissingSkill { station, .. } => Some(station.id),
        Violation::DistrictSize { district, .. } | Violation::DistrictWithoutOffice { district } => {
            org.districts.iter().find(|d| d.id == district.id).map(|d| d.station)
        }
        Violation::OfficeServesSeveralDistricts { office, .. } | Violation::OfficeWithoutResident { office } => {
            org.offices.iter().find(|o| o.id == office.id).map(|o| o.station)
        }
        Violation::OfficerInSeveralOffices { officer, .. } | Violation::OfficerFewSkills { officer, .. } => {
            org.officers.iter().find(|o| o.id == officer.id).and_then(|o| o.station)
        }
    }
}

fn station_coverage(org: &Organisation, station: &Station, today: Date, violations: &[Violation]) -> StationCoverage {
    let districts: Vec<_> = org.districts.iter().filter(|d| d.station == station.id).collect();
    let offices: Vec<_> = org.offices.iter().filter(|o| o.station == station.id).collect();
    let officers: Vec<_> = org.strength_of(station.id).collect();
    let residences = staffing::residences(org);
    let min = org.policy.min_skill_categories as usize;
    let counts = Counts {
        officers: officers.len(),
        districts: districts.len(),
        districts_with_office: districts.iter().filter(|d| offices.iter().any(|o| o.districts.contains(&d.id))).count(),
        offices: offices.len(),
        offices_with_resident: offices
            .iter()
            .filter(|o| {
                residences
                    .iter()
                    .any(|(officer, offs)| offs.contains(&o.id) && org.officers.iter().any(|x| x.id == *officer))
            })
            .count(),
        resident_officers: officers.iter().filter(|o| residences.get(&o.id).is_some_and(|r| !r.is_empty())).count(),
        multi_skilled: officers.iter().filter(|o| staffing::categories(org, o.id, today).len() >= min).count(),
        required_skills: org.policy.required_skills.len(),
        required_skills_present: org
            .policy
            .required_skills
            .iter()
            .filter(|skill| staffing::station_has_skill(org, station.id, skill, today))
            .count(),
    };
    StationCoverage {
        station: refs::station(station),
        counts,
        violations: violations.iter().filter(|v| station_of(org, v) == Some(station.id)).cloned().collect(),
    }
}
