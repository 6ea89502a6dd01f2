//! Export of a county's documents back to the JSON format, in creation order, so that
//! importing a file and exporting it gives the same file (in canonical form).

use super::{
    CountyEntry, CountyFile, DistrictEntry, FORMAT, OfficeEntry, OfficerEntry, PolicyEntry, RegionEntry, SkillEntry,
    SkillGrantEntry, StationEntry, VERSION, VillageEntry,
};
use crate::docs::{Directory, StationRoster};
use crate::ids::RecordId;
use crate::model::CountyPolicy;
use crate::org::Organisation;

/// The county file of `directory` and the station `rosters`.
pub fn export(directory: &Directory, rosters: &[StationRoster]) -> CountyFile {
    let (org, _) = Organisation::read(directory, rosters);
    let stored_policy = directory.list::<CountyPolicy>().into_records().into_iter().next();
    let station_code =
        |id: RecordId| org.stations.iter().find(|s| s.id == id).map_or_else(|| id.to_string(), |s| s.code.clone());
    let badge = |id: RecordId| {
        org.officers.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.badge_number.clone())
    };
    let officer_entry = |o: &crate::model::Officer| OfficerEntry {
        badge: o.badge_number.clone(),
        name: o.name.clone(),
        role: o.role,
        title: o.title.clone(),
        region: o.region.and_then(|r| org.regions.iter().find(|x| x.id == r).map(|x| x.code.clone())),
        phone: o.phone.clone(),
        skills: org
            .skill_grants
            .iter()
            .filter(|g| g.officer == o.id)
            .map(|g| SkillGrantEntry { skill: g.skill.clone(), expires: g.expires })
            .collect(),
        generated: o.generated,
    };
    let village_entry = |v: &crate::model::Village| VillageEntry { name: v.name.clone(), population: v.population };
    let county = org.county.clone();
    let stored_roster = directory.list::<crate::roster::RosterConfig>().into_records().into_iter().next();
    let roster = stored_roster.map(|r| super::RosterEntry {
        times: Some(r.times),
        residency: Some(r.residency),
        station_residency: r
            .station_residency
            .iter()
            .map(|x| super::StationResidencyEntry {
                station: station_code(x.station),
                start: x.times.start,
                end: x.times.end,
            })
            .collect(),
        rules: Some(r.rules),
        rotations: Some(r.rotations),
    });
    CountyFile {
        roster,
        format: FORMAT.into(),
        version: VERSION,
        county: CountyEntry {
            code: county.as_ref().map(|c| c.code.clone()).unwrap_or_default(),
            name: county.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            area_km2: county.as_ref().and_then(|c| c.area_km2),
            population: county.as_ref().and_then(|c| c.population),
        },
        policy: stored_policy.map(|p| PolicyEntry {
            region_min_stations: p.region_min_stations,
            region_max_stations: p.region_max_stations,
            manpower_band_pct: p.manpower_band_pct,
            district_min_villages: p.district_min_villages,
            district_max_villages: p.district_max_villages,
            district_max_population: p.district_max_population,
            min_skill_categories: p.min_skill_categories,
            required_skills: p.required_skills,
        }),
        skills: org
            .skills
            .iter()
            .map(|s| SkillEntry {
                code: s.code.clone(),
                name: s.name.clone(),
                name_en: s.name_en.clone(),
                category: (s.category != s.code).then(|| s.category.clone()),
            })
            .collect(),
        stations: org
            .stations
            .iter()
            .map(|s| {
                let districts: Vec<_> = org.districts.iter().filter(|d| d.station == s.id).collect();
                StationEntry {
                    code: s.code.clone(),
                    name: s.name.clone(),
                    kind: s.kind,
                    population: s.population,
                    area_km2: s.area_km2,
                    note: s.note.clone(),
                    generated: s.generated,
                    officers: org.officers.iter().filter(|o| o.station == Some(s.id)).map(officer_entry).collect(),
                    districts: districts
                        .iter()
                        .map(|d| DistrictEntry {
                            name: d.name.clone(),
                            villages: org
                                .villages
                                .iter()
                                .filter(|v| v.district == Some(d.id))
                                .map(village_entry)
                                .collect(),
                            generated: d.generated,
                        })
                        .collect(),
                    unassigned_villages: org
                        .villages
                        .iter()
                        .filter(|v| {
                            v.station == s.id && !v.district.is_some_and(|d| districts.iter().any(|x| x.id == d))
                        })
                        .map(village_entry)
                        .collect(),
                    offices: org
                        .offices
                        .iter()
                        .filter(|f| f.station == s.id)
                        .map(|f| OfficeEntry {
                            name: f.name.clone(),
                            districts: f
                                .districts
                                .iter()
                                .filter_map(|id| org.districts.iter().find(|d| d.id == *id).map(|d| d.name.clone()))
                                .collect(),
                            residents: org
                                .assignments
                                .iter()
                                .filter(|a| a.office == f.id)
                                .map(|a| badge(a.officer))
                                .collect(),
                            address: f.address.clone(),
                            phone: f.phone.clone(),
                            residency_hours: f.residency_hours.clone(),
                            generated: f.generated,
                        })
                        .collect(),
                }
            })
            .collect(),
        regions: org
            .regions
            .iter()
            .map(|r| RegionEntry {
                code: r.code.clone(),
                name: r.name.clone(),
                center: station_code(r.center),
                members: r.members.iter().map(|m| station_code(*m)).collect(),
            })
            .collect(),
        bureau_staff: org.officers.iter().filter(|o| o.station.is_none()).map(officer_entry).collect(),
    }
}
