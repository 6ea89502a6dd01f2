//! "One district, one office; one office, one officer; one officer, many skills"
//! (一区一室、一室一警、一警多能, docs/domain.md "Organisation"), and the skills required at
//! every station.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;

use super::{Violation, refs};
use crate::ids::RecordId;
use crate::org::Organisation;

/// The offices each officer is resident in (live offices only), by officer id.
pub fn residences(org: &Organisation) -> HashMap<RecordId, Vec<RecordId>> {
    let mut out: HashMap<RecordId, Vec<RecordId>> = HashMap::new();
    for a in &org.assignments {
        if org.offices.iter().any(|o| o.id == a.office) {
            let offices = out.entry(a.officer).or_default();
            if !offices.contains(&a.office) {
                offices.push(a.office);
            }
        }
    }
    out
}

/// The distinct skill categories of `officer`'s grants valid on `today`.
pub fn categories(org: &Organisation, officer: RecordId, today: Date) -> BTreeSet<String> {
    org.skill_grants
        .iter()
        .filter(|g| g.officer == officer && g.valid_on(today))
        .map(|g| org.skill_category(&g.skill).to_owned())
        .collect()
}

/// Whether some station-strength officer of `station` holds `skill` on `today`.
pub fn station_has_skill(org: &Organisation, station: RecordId, skill: &str, today: Date) -> bool {
    org.strength_of(station)
        .any(|o| org.skill_grants.iter().any(|g| g.officer == o.id && g.skill == skill && g.valid_on(today)))
}

/// All staffing rules.
pub fn check(org: &Organisation, today: Date) -> Vec<Violation> {
    let mut out = Vec::new();
    let district_ids: BTreeSet<RecordId> = org.districts.iter().map(|d| d.id).collect();
    for district in &org.districts {
        if !org.offices.iter().any(|o| o.districts.contains(&district.id)) {
            out.push(Violation::DistrictWithoutOffice { district: refs::district(district) });
        }
    }
    for office in &org.offices {
        let served: Vec<_> = office.districts.iter().filter(|d| district_ids.contains(d)).collect();
        if served.len() > 1 {
            out.push(Violation::OfficeServesSeveralDistricts {
                office: refs::office(office),
                districts: served
                    .iter()
                    .filter_map(|id| org.districts.iter().find(|d| d.id == **id))
                    .map(refs::district)
                    .collect(),
            });
        }
    }
    let residences = residences(org);
    let officers = org.officers_by_id();
    for office in &org.offices {
        let resident =
            residences.iter().any(|(officer, offices)| offices.contains(&office.id) && officers.contains_key(officer));
        if !resident {
            out.push(Violation::OfficeWithoutResident { office: refs::office(office) });
        }
    }
    for officer in &org.officers {
        if let Some(offices) = residences.get(&officer.id).filter(|o| o.len() > 1) {
            out.push(Violation::OfficerInSeveralOffices {
                officer: refs::officer(officer),
                offices: offices
                    .iter()
                    .filter_map(|id| org.offices.iter().find(|o| o.id == *id))
                    .map(refs::office)
                    .collect(),
            });
        }
    }
    let min = org.policy.min_skill_categories;
    for officer in org.officers.iter().filter(|o| o.role.is_station_strength()) {
        let n = categories(org, officer.id, today).len();
        if n < min as usize {
            out.push(Violation::OfficerFewSkills { officer: refs::officer(officer), categories: n, min });
        }
    }
    for station in &org.stations {
        for skill in &org.policy.required_skills {
            if !station_has_skill(org, station.id, skill, today) {
                let name = org.skills.iter().find(|s| &s.code == skill).map_or(skill.clone(), |s| s.name.clone());
                out.push(Violation::StationMissingSkill { station: refs::station(station), skill: name });
            }
        }
    }
    out
}
