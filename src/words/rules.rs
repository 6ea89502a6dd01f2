//! The organisation rules' violations (regions, districts, offices, officers' skills) as
//! one line each, the record first: `凤凰岭警务区：4 个村、4001 人，应为 2–3 个村或不超过
//! 3000 人` (locale keys `rule_*`).

use liandong_core::rules::{RecordRef, Violation};

use crate::components::fmt::fill;
use crate::i18n::*;

/// The line for `v`.
pub fn violation(locale: Locale, v: &Violation) -> String {
    let label = |r: &RecordRef| r.label.clone();
    let names = |refs: &[RecordRef]| {
        refs.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(td_string!(locale, rule_names_separator))
    };
    let one = |n: f64| format!("{n:.1}");
    match v {
        Violation::RegionSize { region, stations, min, max } => fill(
            td_string!(locale, rule_region_size),
            &[
                ("stations", stations.to_string()),
                ("min", min.to_string()),
                ("max", max.to_string()),
                ("region", label(region)),
            ],
        ),
        Violation::RegionManpower { region, manpower, mean, low, high } => fill(
            td_string!(locale, rule_region_manpower),
            &[
                ("manpower", manpower.to_string()),
                ("mean", one(*mean)),
                ("low", one(*low)),
                ("high", one(*high)),
                ("region", label(region)),
            ],
        ),
        Violation::StationWithoutRegion { station } => {
            fill(td_string!(locale, rule_station_without_region), &[("station", label(station))])
        }
        Violation::StationInSeveralRegions { station, regions } => fill(
            td_string!(locale, rule_station_in_several_regions),
            &[("regions", names(regions)), ("station", label(station))],
        ),
        Violation::DistrictSize { district, villages, population } => fill(
            td_string!(locale, rule_district_size),
            &[
                ("villages", villages.to_string()),
                ("population", population.to_string()),
                ("district", label(district)),
            ],
        ),
        Violation::DistrictWithoutOffice { district } => {
            fill(td_string!(locale, rule_district_without_office), &[("district", label(district))])
        }
        Violation::OfficeServesSeveralDistricts { office, districts } => fill(
            td_string!(locale, rule_office_serves_several_districts),
            &[("districts", names(districts)), ("office", label(office))],
        ),
        Violation::OfficeWithoutResident { office } => {
            fill(td_string!(locale, rule_office_without_resident), &[("office", label(office))])
        }
        Violation::OfficerInSeveralOffices { officer, offices } => fill(
            td_string!(locale, rule_officer_in_several_offices),
            &[("offices", names(offices)), ("officer", label(officer))],
        ),
        Violation::OfficerFewSkills { officer, categories, min } => fill(
            td_string!(locale, rule_officer_few_skills),
            &[("categories", categories.to_string()), ("min", min.to_string()), ("officer", label(officer))],
        ),
        Violation::StationMissingSkill { station, skill } => fill(
            td_string!(locale, rule_station_missing_skill),
            &[("skill", skill.clone()), ("station", label(station))],
        ),
    }
}
