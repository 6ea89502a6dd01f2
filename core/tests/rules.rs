//! Every rule at and around its boundary, with the numbers of docs/domain.md and issue 3.

mod common;

use common::{Org, today};
use liandong_core::model::Role;
use liandong_core::rules::{self, CoverageReport, Violation};

fn region_sizes(org: &liandong_core::org::Organisation) -> Vec<usize> {
    rules::region::check(org)
        .into_iter()
        .filter_map(|v| match v {
            Violation::RegionSize { stations, .. } => Some(stations),
            _ => None,
        })
        .collect()
}

#[test]
fn a_region_has_three_to_five_stations_including_its_center() {
    for (members, broken) in [(1, true), (2, false), (4, false), (5, true)] {
        let mut org = Org::new();
        let center = org.station("center");
        let others: Vec<_> = (0..members).map(|i| org.station(&format!("m{i}"))).collect();
        org.region("r", center, &others);
        let expected = if broken { vec![members + 1] } else { vec![] };
        assert_eq!(region_sizes(&org.0), expected, "{} stations", members + 1);
    }
}

#[test]
fn a_center_listed_again_among_members_counts_once() {
    let mut org = Org::new();
    let center = org.station("center");
    let a = org.station("a");
    org.region("r", center, &[center, a]);
    assert_eq!(region_sizes(&org.0), vec![2]);
}

/// Three regions of one station each, with the given manpower.
fn manpower_violations(manpower: [usize; 3], band_pct: u32) -> Vec<usize> {
    let mut org = Org::new();
    org.0.policy.region_min_stations = 1;
    org.0.policy.manpower_band_pct = band_pct;
    for (i, m) in manpower.into_iter().enumerate() {
        let s = org.station(&format!("s{i}"));
        org.officers(s, m);
        org.region(&format!("r{i}"), s, &[]);
    }
    rules::region::check(&org.0)
        .into_iter()
        .filter_map(|v| match v {
            Violation::RegionManpower { manpower, .. } => Some(manpower),
            _ => None,
        })
        .collect()
}

#[test]
fn region_manpower_within_25_percent_of_the_mean_passes_and_beyond_fails() {
    // Mean 20, band ±5: 15 and 25 are exactly on the edge.
    assert_eq!(manpower_violations([15, 20, 25], 25), Vec::<usize>::new());
    // Mean 20: 14 and 26 are one officer beyond.
    assert_eq!(manpower_violations([14, 20, 26], 25), vec![14, 26]);
    // A narrower band configured by the county.
    assert_eq!(manpower_violations([15, 20, 25], 10), vec![15, 25]);
}

#[test]
fn commanders_do_not_count_in_a_regions_manpower() {
    let mut org = Org::new();
    org.0.policy.region_min_stations = 1;
    let a = org.station("a");
    let b = org.station("b");
    org.officers(a, 10);
    org.officers(b, 10);
    for _ in 0..6 {
        org.officer(b, Role::Commander);
    }
    org.region("ra", a, &[]);
    org.region("rb", b, &[]);
    assert_eq!(rules::region::manpower(&org.0).iter().map(|(_, m)| *m).collect::<Vec<_>>(), vec![10, 10]);
}

#[test]
fn every_station_is_in_exactly_one_region() {
    let mut org = Org::new();
    let a = org.station("a");
    let b = org.station("b");
    let lonely = org.station("lonely");
    org.region("r1", a, &[b]);
    org.region("r2", b, &[]);
    let v = rules::region::check(&org.0);
    assert!(v.iter().any(|v| matches!(v, Violation::StationWithoutRegion { station } if station.id == lonely)));
    assert!(v.iter().any(|v| matches!(v, Violation::StationInSeveralRegions { station, regions } if station.id == b && regions.len() == 2)));
    assert!(!v.iter().any(|v| matches!(v, Violation::StationWithoutRegion { station } | Violation::StationInSeveralRegions { station, .. } if station.id == a)));
}

fn district_ok(villages: &[u32], max_population: u32) -> bool {
    let mut org = Org::new();
    org.0.policy.district_max_population = max_population;
    let s = org.station("s");
    org.district(s, "d", villages);
    rules::district::check(&org.0).is_empty()
}

#[test]
fn a_district_is_two_to_three_villages_or_at_most_3000_people() {
    assert!(district_ok(&[3000], 3000), "1 village, 3,000 people");
    assert!(!district_ok(&[3001], 3000), "1 village, 3,001 people");
    assert!(district_ok(&[5000, 5000], 3000), "2 villages of any size");
    assert!(district_ok(&[3000, 3000, 3000], 3000), "3 villages of any size");
    assert!(district_ok(&[750, 750, 750, 750], 3000), "4 villages, 3,000 people");
    assert!(!district_ok(&[750, 750, 750, 751], 3000), "4 villages, 3,001 people");
    assert!(!district_ok(&[], 3000), "no village");
    assert!(!district_ok(&[2500], 2000), "a county that sets 2,000");
}

#[test]
fn the_violation_names_the_district_with_its_villages_and_people() {
    let mut org = Org::new();
    let s = org.station("s");
    let d = org.district(s, "凤凰岭警务区", &[1000, 1000, 1000, 1001]);
    let v = rules::district::check(&org.0);
    assert_eq!(v.len(), 1);
    match &v[0] {
        Violation::DistrictSize { district, villages, population } => {
            assert_eq!((district.id, *villages, *population), (d, 4, 4001));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(v[0].records()[0].label, "凤凰岭警务区");
}

/// A station with one district, one office, one resident officer who has all required skills.
fn sound_station() -> (Org, liandong_core::RecordId) {
    let mut org = Org::new();
    let s = org.station("s");
    let d = org.district(s, "d", &[1000, 1000]);
    let f = org.office(s, "f", &[d]);
    let o = org.officer(s, Role::Officer);
    org.resident(o, f);
    for skill in ["mediation", "household_registration", "first_response"] {
        org.grant(o, skill, None);
    }
    (org, s)
}

fn staffing(org: &Org) -> Vec<Violation> {
    rules::staffing::check(&org.0, today())
}

#[test]
fn a_sound_station_breaks_no_staffing_rule() {
    let (org, _) = sound_station();
    assert_eq!(staffing(&org), vec![]);
}

#[test]
fn one_district_one_office() {
    let (mut org, s) = sound_station();
    let bare = org.district(s, "bare", &[900, 900]);
    let d2 = org.district(s, "d2", &[900, 900]);
    let shared = org.office(s, "shared", &[d2, bare]);
    let o = org.officer(s, Role::Officer);
    org.resident(o, shared);
    for skill in ["mediation", "patrol", "investigation"] {
        org.grant(o, skill, None);
    }
    let v = staffing(&org);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(
        matches!(&v[0], Violation::OfficeServesSeveralDistricts { office, districts } if office.id == shared && districts.len() == 2)
    );

    org.0.offices.retain(|f| f.id != shared);
    let v = staffing(&org);
    assert!(v.iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { district } if district.id == bare)));
    assert!(v.iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { district } if district.id == d2)));
}

#[test]
fn one_office_one_officer() {
    let (mut org, s) = sound_station();
    let d = org.district(s, "d2", &[900, 900]);
    let empty = org.office(s, "empty", &[d]);
    assert!(matches!(&staffing(&org)[..], [Violation::OfficeWithoutResident { office }] if office.id == empty));

    let busy = org.0.officers[0].id;
    org.resident(busy, empty);
    let v = staffing(&org);
    assert!(
        matches!(&v[..], [Violation::OfficerInSeveralOffices { officer, offices }] if officer.id == busy && offices.len() == 2),
        "{v:?}"
    );
}

#[test]
fn one_officer_many_skills_counts_categories_that_are_valid_today() {
    let (mut org, s) = sound_station();
    let o = org.officer(s, Role::Officer);
    org.grant(o, "patrol", None);
    org.grant(o, "investigation", None);
    let few = |org: &Org| {
        staffing(org)
            .into_iter()
            .filter_map(|v| match v {
                Violation::OfficerFewSkills { officer, categories, .. } if officer.id == o => Some(categories),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(few(&org), vec![2], "two categories");
    org.grant(o, "scene_investigation", None);
    assert_eq!(few(&org), vec![2], "a second skill of the same category counts once");
    org.grant(o, "mediation", Some("2026-11-28"));
    assert_eq!(few(&org), vec![2], "expired yesterday");
    org.grant(o, "first_response", Some("2026-11-29"));
    assert_eq!(few(&org), Vec::<usize>::new(), "valid through today: three categories");
}

#[test]
fn every_station_needs_the_required_skills_among_its_own_strength() {
    let (mut org, s) = sound_station();
    org.0.skill_grants.retain(|g| g.skill != "first_response");
    let commander = org.officer(s, Role::Commander);
    org.grant(commander, "first_response", None);
    let v = staffing(&org);
    assert!(v.iter().any(|v| matches!(v, Violation::StationMissingSkill { station, skill } if station.id == s && skill == "first_response")), "{v:?}");
    let o = org.0.officers[0].id;
    org.grant(o, "first_response", Some("2026-12-31"));
    assert!(!staffing(&org).iter().any(|v| matches!(v, Violation::StationMissingSkill { .. })));
}

#[test]
fn the_coverage_report_counts_and_places_every_violation() {
    let mut org = Org::new();
    org.0.policy.region_min_stations = 1;
    let s = org.station("甲派出所");
    let d1 = org.district(s, "一区", &[800, 900]);
    let d2 = org.district(s, "二区", &[800, 900]);
    let f1 = org.office(s, "一室", &[d1]);
    let _f2 = org.office(s, "二室", &[d2]);
    let a = org.officer(s, Role::StationHead);
    let b = org.officer(s, Role::Officer);
    org.resident(a, f1);
    for skill in ["mediation", "household_registration", "first_response"] {
        org.grant(a, skill, None);
    }
    org.grant(b, "patrol", None);
    org.region("甲区", s, &[]);

    let report = CoverageReport::build(&org.0, today());
    let c = report.counts;
    assert_eq!((c.districts, c.districts_with_office, c.offices, c.offices_with_resident), (2, 2, 2, 1));
    assert_eq!((c.officers, c.multi_skilled, c.resident_officers), (2, 1, 1));
    assert_eq!((c.required_skills, c.required_skills_present), (3, 3));
    assert_eq!(report.violation_count, 2);
    assert_eq!(report.regions[0].stations[0].violations.len(), 2, "both belong to the station");
    assert!(
        report.violations().any(|v| matches!(v, Violation::OfficeWithoutResident { office } if office.label == "二室")),
        "{:#?}",
        report.violations().collect::<Vec<_>>()
    );
}
