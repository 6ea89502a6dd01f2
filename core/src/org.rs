//! A snapshot of a county's organisation, read from its directory and its stations'
//! rosters: the input of [`crate::rules`] and of [`crate::county_file::export`].

use std::collections::HashMap;

use crate::docs::{Directory, Listing, StationRoster};
use crate::ids::RecordId;
use crate::model::{
    Assignment, County, CountyPolicy, District, Office, Officer, Region, SkillDef, SkillGrant, Station, Village,
};
use crate::record::RecordError;

/// Live (not tombstoned) records of a county, each list in creation order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Organisation {
    /// The county, once imported.
    pub county: Option<County>,
    /// The county's rule thresholds (defaults when none is stored).
    pub policy: CountyPolicy,
    /// Linkage regions.
    pub regions: Vec<Region>,
    /// Stations.
    pub stations: Vec<Station>,
    /// Officers.
    pub officers: Vec<Officer>,
    /// The skills catalogue.
    pub skills: Vec<SkillDef>,
    /// Police districts of every station read.
    pub districts: Vec<District>,
    /// Villages of every station read.
    pub villages: Vec<Village>,
    /// Community police offices of every station read.
    pub offices: Vec<Office>,
    /// Residences of officers at offices.
    pub assignments: Vec<Assignment>,
    /// Officers' skills.
    pub skill_grants: Vec<SkillGrant>,
}

impl Organisation {
    /// Reads the directory and the given station rosters. Records that do not fit this
    /// version's types are skipped and returned, so a report still prints.
    pub fn read(directory: &Directory, rosters: &[StationRoster]) -> (Self, Vec<RecordError>) {
        fn take<R>(listing: Listing<R>, unreadable: &mut Vec<RecordError>) -> Vec<R> {
            unreadable.extend(listing.unreadable.iter().cloned());
            listing.into_records()
        }
        let mut bad = Vec::new();
        let county: Vec<County> = take(directory.list(), &mut bad);
        let policy: Vec<CountyPolicy> = take(directory.list(), &mut bad);
        let mut org = Organisation {
            county: county.into_iter().next(),
            policy: policy.into_iter().next().unwrap_or_default(),
            regions: take(directory.list(), &mut bad),
            stations: take(directory.list(), &mut bad),
            officers: take(directory.list(), &mut bad),
            skills: take(directory.list(), &mut bad),
            ..Default::default()
        };
        for roster in rosters {
            org.districts.extend(take(roster.list(), &mut bad));
            org.villages.extend(take(roster.list(), &mut bad));
            org.offices.extend(take(roster.list(), &mut bad));
            org.assignments.extend(take(roster.list(), &mut bad));
            org.skill_grants.extend(take(roster.list(), &mut bad));
        }
        (org, bad)
    }

    /// Stations by id.
    pub fn stations_by_id(&self) -> HashMap<RecordId, &Station> {
        self.stations.iter().map(|s| (s.id, s)).collect()
    }

    /// Officers by id.
    pub fn officers_by_id(&self) -> HashMap<RecordId, &Officer> {
        self.officers.iter().map(|o| (o.id, o)).collect()
    }

    /// The region a station belongs to (the first, if the data wrongly lists it twice).
    pub fn region_of(&self, station: RecordId) -> Option<&Region> {
        self.regions.iter().find(|r| r.stations().any(|s| s == station))
    }

    /// The officers who count in `station`'s manpower.
    pub fn strength_of(&self, station: RecordId) -> impl Iterator<Item = &Officer> {
        self.officers.iter().filter(move |o| o.station == Some(station) && o.role.is_station_strength())
    }

    /// Category of a skill code; the code itself when the catalogue does not know it.
    pub fn skill_category<'a>(&'a self, code: &'a str) -> &'a str {
        self.skills.iter().find(|s| s.code == code).map_or(code, |s| s.category.as_str())
    }
}

impl crate::access::CountyMap for Organisation {
    fn region_of(&self, station: &str) -> Option<String> {
        let id = self.stations.iter().find(|s| s.code == station)?.id;
        self.region_of(id).map(|r| r.code.clone())
    }

    fn center_of(&self, region: &str) -> Option<String> {
        let center = self.regions.iter().find(|r| r.code == region)?.center;
        self.stations.iter().find(|s| s.id == center).map(|s| s.code.clone())
    }
}

impl Organisation {
    /// Codes of the stations of region `region` (center first).
    pub fn station_codes_of_region(&self, region: &str) -> Vec<String> {
        let Some(region) = self.regions.iter().find(|r| r.code == region) else { return Vec::new() };
        region.stations().filter_map(|id| self.stations.iter().find(|s| s.id == id).map(|s| s.code.clone())).collect()
    }
}
