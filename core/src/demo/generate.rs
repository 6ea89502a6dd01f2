//! Deterministic generation of what the source does not give, from a seed.
//!
//! Per station: officers (5 to 7 where the source gives no figure; a station head, an
//! information liaison, community officers), police districts of 2 or 3 villages (urban
//! communities at the county seat), one office per district with its resident officer,
//! and 3 to 5 skills per officer (every station covering the required skills). Then these
//! deliberate rule breaks, so the coverage report shows real findings on first start:
//! - 大庙 Damiao: the last district has no office;
//! - 深河 Shenhe: the first office has no resident officer;
//! - 秦古 Qingu: the first office's officer is also resident in the second office;
//! - 田家 Tianjia: the last officer has a single skill;
//! - 宝丰 Baofeng: one office serves two districts;
//! - 楼台 Loutai: the first district has 4 villages and more than 3,000 people;
//! - 文峰 Wenfeng: nobody has household registration.
//!
//! Besides those, the source's own figures make 城关 Chengguan's region heavier than the
//! manpower band allows, and 翠月湖 Cuiyuehu is in no region.

use std::collections::HashSet;

use fastrand::Rng;
use jiff::civil::Date;

use super::names::{COMMUNITY, GIVEN, SURNAMES, VILLAGE_PREFIX, VILLAGE_SUFFIX};
use super::{COUNTY_AREA_KM2, COUNTY_POPULATION, CUIYUEHU, REGIONS, SourceStation};
use crate::county_file::{
    CountyEntry, CountyFile, DistrictEntry, FORMAT, OfficeEntry, OfficerEntry, RegionEntry, SkillEntry,
    SkillGrantEntry, StationEntry, VERSION, VillageEntry,
};
use crate::model::Role;

/// The skills catalogue of the demo county: (code, name, English name, category).
pub const SKILLS: &[(&str, &str, &str, Option<&str>)] = &[
    ("mediation", "纠纷调解", "Dispute mediation", None),
    ("household_registration", "户籍管理", "Household registration", None),
    ("first_response", "应急处置", "First response", None),
    ("patrol", "治安巡逻", "Patrol and prevention", None),
    ("investigation", "刑事侦查", "Criminal investigation", None),
    ("scene_investigation", "现场勘查", "Crime-scene investigation", Some("investigation")),
    ("legal_education", "法制宣传", "Legal education outreach", None),
    ("intelligence", "社情收集研判", "Community intelligence", None),
    ("key_control", "重点管控", "Key persons and sites", None),
    ("traffic", "交通管理", "Traffic management", None),
    ("fire_safety", "消防监督", "Fire safety inspection", None),
];

const REQUIRED: [&str; 3] = ["mediation", "household_registration", "first_response"];
const EXPIRIES: [&str; 4] = ["2026-12-31", "2027-06-30", "2027-12-31", "2028-06-30"];

/// Draws unique person names for the whole county.
struct Names<'a> {
    rng: &'a mut Rng,
    used: HashSet<String>,
}

impl Names<'_> {
    fn person(&mut self) -> String {
        loop {
            let name =
                format!("{}{}", self.rng.choice(SURNAMES).unwrap_or(&"王"), self.rng.choice(GIVEN).unwrap_or(&"伟"));
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }
}

/// Spreads `total` over `weights` in proportion, rounding so the sum is exact.
fn scale(weights: &[u32], total: u32) -> Vec<u32> {
    let sum: u64 = weights.iter().map(|w| u64::from(*w)).sum::<u64>().max(1);
    let mut out: Vec<u32> = weights.iter().map(|w| (u64::from(*w) * u64::from(total) / sum) as u32).collect();
    let short = total - out.iter().sum::<u32>();
    if let Some(first) = out.first_mut() {
        *first += short;
    }
    out
}

/// The demo county generated from `seed`.
pub fn county(seed: u64) -> CountyFile {
    let mut rng = Rng::with_seed(seed);
    let sources: Vec<(Option<usize>, SourceStation)> = REGIONS
        .iter()
        .enumerate()
        .flat_map(|(ri, (_, _, center, members))| {
            std::iter::once((Some(ri), *center)).chain(members.iter().map(move |m| (Some(ri), *m)))
        })
        .chain(std::iter::once((None, CUIYUEHU)))
        .collect();

    // Populations and areas: the source's figures, the rest scaled to the county's totals.
    let fixed_pop: u32 = sources.iter().filter_map(|(_, s)| s.population).sum();
    let free: Vec<u32> = sources
        .iter()
        .filter(|(_, s)| s.population.is_none())
        .map(|(_, s)| if s.code == "chengguan" { 110_000 } else { rng.u32(14_000..=26_000) })
        .collect();
    let mut free_pop = scale(&free, COUNTY_POPULATION - fixed_pop).into_iter();
    let fixed_area: f64 = sources.iter().filter_map(|(_, s)| s.area_km2).sum();
    let free: Vec<u32> = sources
        .iter()
        .filter(|(_, s)| s.area_km2.is_none())
        .map(|(_, s)| if s.code == "chengguan" { 60 } else { rng.u32(200..=450) })
        .collect();
    let mut free_area = scale(&free, (COUNTY_AREA_KM2 - fixed_area) as u32).into_iter();

    let mut names = Names { rng: &mut Rng::with_seed(seed ^ 0x5eed), used: HashSet::new() };
    let mut stations = Vec::new();
    for (si, (_, src)) in sources.iter().enumerate() {
        let population = src.population.or_else(|| free_pop.next());
        let area = src.area_km2.or_else(|| free_area.next().map(f64::from));
        stations.push(station(&mut rng, &mut names, si, src, population, area));
    }
    break_rules(&mut stations);

    let mut bureau_staff = vec![OfficerEntry {
        badge: "410001".into(),
        name: names.person(),
        role: Role::BureauAdmin,
        title: None,
        region: None,
        phone: Some("0710-3210001".into()),
        skills: vec![],
        generated: true,
    }];
    for (ri, (code, ..)) in REGIONS.iter().enumerate() {
        bureau_staff.push(OfficerEntry {
            badge: format!("4100{:02}", ri + 2),
            name: names.person(),
            role: Role::Commander,
            title: None,
            region: Some((*code).into()),
            phone: Some(format!("0710-32100{:02}", ri + 2)),
            skills: vec![],
            generated: true,
        });
    }

    CountyFile {
        roster: None,
        format: FORMAT.into(),
        version: VERSION,
        county: CountyEntry {
            code: "demo".into(),
            name: "联动示范县".into(),
            area_km2: Some(COUNTY_AREA_KM2),
            population: Some(COUNTY_POPULATION),
        },
        policy: None,
        skills: SKILLS
            .iter()
            .map(|(code, name, name_en, category)| SkillEntry {
                code: (*code).into(),
                name: (*name).into(),
                name_en: (*name_en).into(),
                category: category.map(Into::into),
            })
            .collect(),
        stations,
        regions: REGIONS
            .iter()
            .map(|(code, name, center, members)| RegionEntry {
                code: (*code).into(),
                name: (*name).into(),
                center: center.code.into(),
                members: members.iter().map(|m| m.code.into()).collect(),
            })
            .collect(),
        bureau_staff,
    }
}

fn station(
    rng: &mut Rng,
    names: &mut Names<'_>,
    si: usize,
    src: &SourceStation,
    population: Option<u32>,
    area_km2: Option<f64>,
) -> StationEntry {
    let count = src.officers.unwrap_or_else(|| rng.u32(5..=7)) as usize;
    let mut officers: Vec<OfficerEntry> = (0..count)
        .map(|k| OfficerEntry {
            badge: format!("41{:02}{:02}", si + 1, k + 1),
            name: names.person(),
            // A head and a deputy head (副所长, with the head's rights: either may plan the
            // roster), the liaison, officers.
            role: match k {
                0 | 2 => Role::StationHead,
                1 => Role::Liaison,
                _ => Role::Officer,
            },
            title: (k == 2).then(|| "副所长".to_owned()),
            region: None,
            phone: Some(format!("1{}{:09}", rng.choice([3, 5, 8]).unwrap_or(3), rng.u64(0..1_000_000_000))),
            skills: Vec::new(),
            generated: src.officers.is_none() || k > 0,
        })
        .collect();
    for (k, officer) in officers.iter_mut().enumerate() {
        // 3 to 5 skills of distinct categories, one of them required at every station.
        let mut codes = vec![REQUIRED[k % REQUIRED.len()]];
        let extra = rng.usize(2..=4);
        while codes.len() < 1 + extra {
            let candidate = SKILLS[rng.usize(..SKILLS.len())];
            if !codes.iter().any(|c| category(c) == category(candidate.0)) {
                codes.push(candidate.0);
            }
        }
        officer.skills = codes
            .into_iter()
            .enumerate()
            .map(|(i, code)| SkillGrantEntry {
                skill: code.into(),
                expires: (i > 0 && rng.u8(..4) == 0)
                    .then(|| EXPIRIES[rng.usize(..EXPIRIES.len())].parse::<Date>().ok())
                    .flatten(),
            })
            .collect();
    }

    let urban = src.code == "chengguan";
    let district_count = if urban { 10 } else { count.saturating_sub(2).max(2) };
    let mut used = HashSet::new();
    let mut village_name = |rng: &mut Rng| loop {
        let name = if urban {
            format!("{}社区", rng.choice(COMMUNITY).unwrap_or(&"东关"))
        } else {
            format!("{}{}", rng.choice(VILLAGE_PREFIX).unwrap_or(&"王家"), rng.choice(VILLAGE_SUFFIX).unwrap_or(&"村"))
        };
        if used.insert(name.clone()) {
            break name;
        }
    };
    let districts: Vec<DistrictEntry> = (0..district_count)
        .map(|_| {
            let villages: Vec<VillageEntry> = (0..rng.usize(2..=3))
                .map(|_| VillageEntry {
                    name: village_name(rng),
                    population: if urban { rng.u32(2_500..=6_000) } else { rng.u32(600..=1_800) },
                })
                .collect();
            let head = villages[0].name.trim_end_matches('村').trim_end_matches("社区").to_owned();
            DistrictEntry { name: format!("{head}警务区"), villages, generated: true }
        })
        .collect();
    let hours = "周一至周五 8:30–17:30，周六 9:00–12:00".to_owned();
    let offices: Vec<OfficeEntry> = districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let head = d.name.trim_end_matches("警务区");
            OfficeEntry {
                name: format!("{head}警务室"),
                districts: vec![d.name.clone()],
                residents: officers.get(2 + i).map(|o| vec![o.badge.clone()]).unwrap_or_default(),
                address: Some(format!("{}委会旁", d.villages[0].name)),
                phone: Some(format!("0710-{}{:03}", 3300 + si, i + 1)),
                residency_hours: Some(hours.clone()),
                generated: true,
            }
        })
        .collect();
    let note = src.note.map(str::to_owned).or_else(|| Some("人口、面积、民警为演示生成数据".into()));
    StationEntry {
        code: src.code.into(),
        name: src.name.into(),
        kind: src.kind,
        population,
        area_km2,
        note,
        generated: src.population.is_none() && src.officers.is_none(),
        officers,
        districts,
        unassigned_villages: Vec::new(),
        offices,
    }
}

/// The deliberate rule breaks listed in the module documentation.
fn break_rules(stations: &mut [StationEntry]) {
    let by_code = |stations: &mut [StationEntry], code: &str| stations.iter().position(|s| s.code == code);
    if let Some(i) = by_code(stations, "damiao") {
        stations[i].offices.pop();
    }
    if let Some(i) = by_code(stations, "shenhe") {
        stations[i].offices[0].residents.clear();
    }
    if let Some(i) = by_code(stations, "qingu") {
        let s = &mut stations[i];
        let first = s.offices[0].residents.clone();
        s.offices[1].residents = first;
    }
    if let Some(i) = by_code(stations, "tianjia")
        && let Some(last) = stations[i].officers.last_mut()
    {
        last.skills.truncate(1);
    }
    if let Some(i) = by_code(stations, "baofeng") {
        let s = &mut stations[i];
        if s.offices.len() >= 4 {
            let merged = s.offices.remove(3);
            s.offices[2].districts.extend(merged.districts);
        }
    }
    if let Some(i) = by_code(stations, "loutai") {
        let d = &mut stations[i].districts[0];
        d.villages.truncate(2);
        for (n, name) in ["上坪村", "下坪村"].into_iter().enumerate() {
            d.villages.push(VillageEntry { name: name.into(), population: 900 + 50 * n as u32 });
        }
        for v in &mut d.villages {
            v.population = v.population.max(800);
        }
    }
    if let Some(i) = by_code(stations, "wenfeng") {
        for o in &mut stations[i].officers {
            o.skills.retain(|g| g.skill != "household_registration");
            // Keep every officer multi-skilled: only the station's coverage should break.
            for (code, ..) in SKILLS {
                if o.skills.len() >= 3 {
                    break;
                }
                let taken = o.skills.iter().any(|g| category(&g.skill) == category(code));
                if *code != "household_registration" && !taken {
                    o.skills.push(SkillGrantEntry { skill: (*code).into(), expires: None });
                }
            }
        }
    }
}

/// The category of a skill code of [`SKILLS`].
fn category(code: &str) -> &str {
    SKILLS.iter().find(|s| s.0 == code).map_or(code, |s| s.3.unwrap_or(s.0))
}
