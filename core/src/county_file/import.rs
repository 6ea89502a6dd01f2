//! Import of a checked county file into fresh Yjs documents: the county's directory and one
//! roster per station. Everything is validated before the first write, and each document
//! is written in one transaction, so a bad file imports nothing.

use std::collections::HashMap;

use yrs::Doc;

use super::{CountyFile, ImportError, OfficerEntry, validate};
use crate::docs::{Directory, StationRoster, WriteError, Writer};
use crate::docs::{DirectoryDoc, RosterDoc};
use crate::ids::RecordId;
use crate::model::{
    Assignment, County, CountyPolicy, District, Office, Officer, Region, SkillDef, SkillGrant, Station, Village,
};
use crate::roster::RosterConfig;
use crate::roster::config::{ShiftTimes, StationResidency};

/// The documents of an imported county.
pub struct CountyDocs {
    /// The county's code (for `county/{code}/directory`).
    pub county: String,
    /// `county/{county}/directory`.
    pub directory: Doc,
    /// `station/{code}/roster` for every station, in file order.
    pub rosters: Vec<(String, Doc)>,
}

impl CountyDocs {
    /// Typed view of the directory.
    pub fn directory_view(&self) -> Directory {
        Directory::new(self.directory.clone())
    }

    /// Typed views of the rosters.
    pub fn roster_views(&self) -> Vec<StationRoster> {
        self.rosters.iter().map(|(_, doc)| StationRoster::new(doc.clone())).collect()
    }
}

fn write_error(e: WriteError) -> ImportError {
    ImportError::at(".", format!("could not write the documents: {e}"))
}

/// Imports `file` (checked again here) into new documents.
pub fn import(file: &CountyFile) -> Result<CountyDocs, ImportError> {
    validate::check(file)?;
    let directory = Directory::new(Doc::new());
    let mut station_ids: HashMap<&str, RecordId> = HashMap::new();
    let mut badge_ids: HashMap<&str, RecordId> = HashMap::new();

    directory
        .write(|w: &mut Writer<'_, DirectoryDoc>| {
            w.put(&County {
                id: RecordId::new(),
                code: file.county.code.clone(),
                name: file.county.name.clone(),
                area_km2: file.county.area_km2,
                population: file.county.population,
            })?;
            if let Some(p) = &file.policy {
                w.put(&CountyPolicy {
                    id: RecordId::new(),
                    region_min_stations: p.region_min_stations,
                    region_max_stations: p.region_max_stations,
                    manpower_band_pct: p.manpower_band_pct,
                    district_min_villages: p.district_min_villages,
                    district_max_villages: p.district_max_villages,
                    district_max_population: p.district_max_population,
                    min_skill_categories: p.min_skill_categories,
                    required_skills: p.required_skills.clone(),
                })?;
            }
            for s in &file.skills {
                w.put(&SkillDef {
                    id: RecordId::new(),
                    code: s.code.clone(),
                    name: s.name.clone(),
                    name_en: s.name_en.clone(),
                    category: s.category.clone().unwrap_or_else(|| s.code.clone()),
                })?;
            }
            for s in &file.stations {
                let id = RecordId::new();
                station_ids.insert(&s.code, id);
                w.put(&Station {
                    id,
                    code: s.code.clone(),
                    name: s.name.clone(),
                    kind: s.kind,
                    population: s.population,
                    area_km2: s.area_km2,
                    note: s.note.clone(),
                    generated: s.generated,
                })?;
            }
            let mut region_ids = HashMap::new();
            for r in &file.regions {
                let id = RecordId::new();
                region_ids.insert(r.code.as_str(), id);
                w.put(&Region {
                    id,
                    code: r.code.clone(),
                    name: r.name.clone(),
                    center: station_ids[r.center.as_str()],
                    members: r.members.iter().map(|m| station_ids[m.as_str()]).collect(),
                })?;
            }
            let put_officer = |w: &mut Writer<'_, DirectoryDoc>, o: &OfficerEntry, station: Option<RecordId>| {
                let id = RecordId::new();
                w.put(&Officer {
                    id,
                    badge_number: o.badge.clone(),
                    name: o.name.clone(),
                    station,
                    role: o.role,
                    title: o.title.clone(),
                    region: o.region.as_ref().map(|r| region_ids[r.as_str()]),
                    phone: o.phone.clone(),
                    generated: o.generated,
                })
                .map(|()| id)
            };
            for s in &file.stations {
                for o in &s.officers {
                    let id = put_officer(w, o, Some(station_ids[s.code.as_str()]))?;
                    badge_ids.insert(&o.badge, id);
                }
            }
            for o in &file.bureau_staff {
                let id = put_officer(w, o, None)?;
                badge_ids.insert(&o.badge, id);
            }
            if let Some(r) = &file.roster {
                let defaults = RosterConfig::default();
                w.put(&RosterConfig {
                    id: RecordId::new(),
                    times: r.times.clone().unwrap_or(defaults.times),
                    residency: r.residency.unwrap_or(defaults.residency),
                    station_residency: r
                        .station_residency
                        .iter()
                        .map(|x| StationResidency {
                            station: station_ids[x.station.as_str()],
                            times: ShiftTimes { start: x.start, end: x.end },
                        })
                        .collect(),
                    rules: r.rules.clone().unwrap_or(defaults.rules),
                    rotations: r.rotations.clone().unwrap_or(defaults.rotations),
                })?;
            }
            Ok(())
        })
        .map_err(write_error)?;

    let mut rosters = Vec::new();
    for s in &file.stations {
        let station = station_ids[s.code.as_str()];
        let roster = StationRoster::new(Doc::new());
        roster
            .write(|w: &mut Writer<'_, RosterDoc>| {
                let mut district_ids = HashMap::new();
                for d in &s.districts {
                    let id = RecordId::new();
                    district_ids.insert(d.name.as_str(), id);
                    w.put(&District { id, station, name: d.name.clone(), generated: d.generated })?;
                }
                let district_ids = &district_ids;
                let villages = s
                    .districts
                    .iter()
                    .flat_map(|d| d.villages.iter().map(move |v| (v, Some(district_ids[d.name.as_str()]))))
                    .chain(s.unassigned_villages.iter().map(|v| (v, None)));
                for (v, district) in villages {
                    w.put(&Village {
                        id: RecordId::new(),
                        station,
                        name: v.name.clone(),
                        population: v.population,
                        district,
                    })?;
                }
                for f in &s.offices {
                    let office = RecordId::new();
                    w.put(&Office {
                        id: office,
                        station,
                        name: f.name.clone(),
                        districts: f.districts.iter().map(|d| district_ids[d.as_str()]).collect(),
                        address: f.address.clone(),
                        phone: f.phone.clone(),
                        residency_hours: f.residency_hours.clone(),
                        generated: f.generated,
                    })?;
                    for badge in &f.residents {
                        w.put(&Assignment {
                            id: RecordId::new(),
                            station,
                            officer: badge_ids[badge.as_str()],
                            office,
                        })?;
                    }
                }
                for o in &s.officers {
                    for g in &o.skills {
                        w.put(&SkillGrant {
                            id: RecordId::new(),
                            station,
                            officer: badge_ids[o.badge.as_str()],
                            skill: g.skill.clone(),
                            expires: g.expires,
                        })?;
                    }
                }
                Ok(())
            })
            .map_err(write_error)?;
        rosters.push((s.code.clone(), roster.doc().clone()));
    }
    Ok(CountyDocs { county: file.county.code.clone(), directory: directory.doc().clone(), rosters })
}
