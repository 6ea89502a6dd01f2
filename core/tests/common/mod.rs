//! Small in-memory organisations for rule tests.

#![allow(dead_code)]

pub mod command;
pub mod community;
pub mod roster;
pub mod words;

use jiff::civil::Date;
use liandong_core::RecordId;
use liandong_core::model::*;
use liandong_core::org::Organisation;

pub fn today() -> Date {
    "2026-11-29".parse().expect("date")
}

/// Builds an [`Organisation`] record by record.
#[derive(Default)]
pub struct Org(pub Organisation);

impl Org {
    pub fn new() -> Self {
        let mut org = Org(Organisation::default());
        for (code, category) in [
            ("mediation", "mediation"),
            ("household_registration", "household_registration"),
            ("first_response", "first_response"),
            ("patrol", "patrol"),
            ("investigation", "investigation"),
            ("scene_investigation", "investigation"),
        ] {
            org.0.skills.push(SkillDef {
                id: RecordId::new(),
                code: code.into(),
                name: code.into(),
                name_en: code.into(),
                category: category.into(),
            });
        }
        org
    }

    pub fn station(&mut self, name: &str) -> RecordId {
        let id = RecordId::new();
        self.0.stations.push(Station {
            id,
            code: name.to_lowercase(),
            name: name.into(),
            kind: StationKind::Township,
            population: None,
            area_km2: None,
            note: None,
            generated: false,
        });
        id
    }

    pub fn region(&mut self, name: &str, center: RecordId, members: &[RecordId]) -> RecordId {
        let id = RecordId::new();
        self.0.regions.push(Region {
            id,
            code: name.to_lowercase(),
            name: name.into(),
            center,
            members: members.to_vec(),
        });
        id
    }

    pub fn officer(&mut self, station: RecordId, role: Role) -> RecordId {
        let id = RecordId::new();
        let n = self.0.officers.len();
        self.0.officers.push(Officer {
            id,
            badge_number: format!("{n:06}"),
            name: format!("officer {n}"),
            station: Some(station),
            role,
            title: None,
            region: None,
            phone: None,
            generated: false,
        });
        id
    }

    /// `n` plain officers at `station`.
    pub fn officers(&mut self, station: RecordId, n: usize) -> Vec<RecordId> {
        (0..n).map(|_| self.officer(station, Role::Officer)).collect()
    }

    pub fn grant(&mut self, officer: RecordId, skill: &str, expires: Option<&str>) {
        let station = self.0.officers.iter().find(|o| o.id == officer).and_then(|o| o.station).expect("officer");
        self.0.skill_grants.push(SkillGrant {
            id: RecordId::new(),
            station,
            officer,
            skill: skill.into(),
            expires: expires.map(|d| d.parse().expect("date")),
        });
    }

    pub fn district(&mut self, station: RecordId, name: &str, villages: &[u32]) -> RecordId {
        let id = RecordId::new();
        self.0.districts.push(District { id, station, name: name.into(), generated: false });
        for (i, population) in villages.iter().enumerate() {
            self.0.villages.push(Village {
                id: RecordId::new(),
                station,
                name: format!("{name}-v{i}"),
                population: *population,
                district: Some(id),
            });
        }
        id
    }

    pub fn office(&mut self, station: RecordId, name: &str, districts: &[RecordId]) -> RecordId {
        let id = RecordId::new();
        self.0.offices.push(Office {
            id,
            station,
            name: name.into(),
            districts: districts.to_vec(),
            address: None,
            phone: None,
            residency_hours: None,
            generated: false,
        });
        id
    }

    pub fn resident(&mut self, officer: RecordId, office: RecordId) {
        let station = self.0.offices.iter().find(|o| o.id == office).map(|o| o.station).expect("office");
        self.0.assignments.push(Assignment { id: RecordId::new(), station, officer, office });
    }
}
