//! The county file: the demo county round-trips through JSON and through Yjs updates
//! unchanged, bad files are refused with the JSON path and reason, and the demo county's
//! report shows its deliberate rule breaks.

use liandong_core::county_file::{self, CountyDocs, CountyFile};
use liandong_core::demo;
use liandong_core::docs::{Directory, StationRoster};
use liandong_core::org::Organisation;
use liandong_core::rules::{CoverageReport, Violation};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

fn copy_through_update(doc: &Doc) -> Doc {
    let update = doc.transact().encode_state_as_update_v1(&StateVector::default());
    let copy = Doc::new();
    copy.transact_mut().apply_update(Update::decode_v1(&update).expect("decode")).expect("apply");
    copy
}

#[test]
fn the_demo_county_round_trips_through_json() {
    let county = demo::county();
    let text = county.to_json();
    assert_eq!(county_file::parse(&text).expect("parse"), county);
}

#[test]
fn the_demo_county_round_trips_through_the_documents_and_yjs_updates() {
    let county = demo::county();
    let docs = county_file::import(&county).expect("import");
    assert_eq!(
        county_file::export(&docs.directory_view(), &docs.roster_views()),
        county,
        "straight from the documents"
    );

    let directory = Directory::new(copy_through_update(&docs.directory));
    let rosters: Vec<StationRoster> =
        docs.rosters.iter().map(|(_, d)| StationRoster::new(copy_through_update(d))).collect();
    assert_eq!(county_file::export(&directory, &rosters), county, "after a trip through Yjs updates");
}

#[test]
fn the_demo_county_has_the_sources_figures() {
    let county = demo::county();
    assert_eq!(county.regions.len(), 4);
    assert_eq!(county.stations.len(), 17, "16 stations of the regions plus Cuiyuehu");
    let station = |code: &str| county.stations.iter().find(|s| s.code == code).expect(code);
    assert_eq!(station("chengguan").officers.len(), 20);
    assert_eq!((station("baofeng").officers.len(), station("baofeng").population), (10, Some(62_000)));
    assert_eq!((station("cuiyuehu").population, station("cuiyuehu").area_km2), (Some(15_000), Some(20.0)));
    for s in &county.stations {
        if !["chengguan", "baofeng"].contains(&s.code.as_str()) {
            assert!((5..=7).contains(&s.officers.len()), "{} has {}", s.code, s.officers.len());
        }
    }
    let people: u32 = county.stations.iter().filter_map(|s| s.population).sum();
    assert_eq!(people, 460_000);
    assert_eq!(demo::county(), county, "generation is deterministic");
}

#[test]
fn the_demo_county_report_shows_each_deliberate_break() {
    let docs: CountyDocs = county_file::import(&demo::county()).expect("import");
    let (org, unreadable) = Organisation::read(&docs.directory_view(), &docs.roster_views());
    assert!(unreadable.is_empty());
    let report = CoverageReport::build(&org, "2026-11-29".parse().expect("date"));
    let at = |code: &str| -> Vec<&Violation> {
        let station = org.stations.iter().find(|s| s.code == code).expect(code);
        report
            .regions
            .iter()
            .flat_map(|r| r.stations.iter())
            .chain(report.unassigned.iter())
            .find(|s| s.station.id == station.id)
            .expect("row")
            .violations
            .iter()
            .collect()
    };
    assert!(at("damiao").iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { .. })));
    assert!(at("shenhe").iter().any(|v| matches!(v, Violation::OfficeWithoutResident { .. })));
    assert!(at("qingu").iter().any(|v| matches!(v, Violation::OfficerInSeveralOffices { .. })));
    assert!(at("tianjia").iter().any(|v| matches!(v, Violation::OfficerFewSkills { categories: 1, .. })));
    assert!(at("baofeng").iter().any(|v| matches!(v, Violation::OfficeServesSeveralDistricts { .. })));
    assert!(at("loutai").iter().any(|v| matches!(v, Violation::DistrictSize { villages: 4, .. })));
    assert!(at("wenfeng").iter().any(|v| matches!(v, Violation::StationMissingSkill { .. })));
    assert!(at("cuiyuehu").iter().any(|v| matches!(v, Violation::StationWithoutRegion { .. })));
    assert!(
        report
            .violations()
            .any(|v| matches!(v, Violation::RegionManpower { region, .. } if region.label == "城关联动区域"))
    );
}

fn refused(json: &str) -> (String, String) {
    let e = county_file::parse(json).expect_err("must be refused");
    (e.path, e.reason)
}

fn demo_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(demo::county()).expect("json");
    edit(&mut value);
    value.to_string()
}

#[test]
fn bad_files_are_refused_with_the_json_path_and_the_reason() {
    let (path, reason) =
        refused(&demo_with(|v| v["stations"][2]["districts"][0]["villages"][1]["population"] = (-40).into()));
    assert_eq!(path, "stations[2].districts[0].villages[1].population");
    assert!(reason.contains("-40"), "{reason}");

    let (path, _) =
        refused(&demo_with(|v| v["stations"][2]["districts"][0]["villages"][1]["population"] = "many".into()));
    assert_eq!(path, "stations[2].districts[0].villages[1].population");

    let (path, reason) = refused(&demo_with(|v| v["regions"][1]["members"][0] = "atlantis".into()));
    assert_eq!((path.as_str(), reason.as_str()), ("regions[1].members[0]", "no station \"atlantis\""));

    let (path, reason) = refused(&demo_with(|v| {
        let village = v["stations"][0]["districts"][0]["villages"][0].clone();
        v["stations"][0]["districts"][1]["villages"].as_array_mut().expect("villages").push(village);
    }));
    assert!(path.starts_with("stations[0].districts[1].villages["), "{path}");
    assert!(reason.contains("already in district"), "{reason}");

    let (path, reason) = refused(&demo_with(|v| {
        let other = v["stations"][1]["officers"][3]["badge"].clone();
        v["stations"][0]["offices"][0]["residents"] = serde_json::json!([other]);
    }));
    assert_eq!(path, "stations[0].offices[0].residents[0]");
    assert!(reason.contains("belongs to qingu"), "{reason}");

    let (path, _) = refused(&demo_with(|v| v["version"] = 9.into()));
    assert_eq!(path, "version");

    let (path, reason) = refused(&demo_with(|v| v["stations"][0]["populaton"] = 5.into()));
    assert_eq!(path, "stations[0].populaton");
    assert!(reason.contains("populaton"), "{reason}");

    let (path, reason) = refused("{\"format\": \"liandong-county\", \"version\": 1, \"county\": ");
    assert_eq!(path, "county");
    assert!(reason.contains("EOF"), "{reason}");
}

#[test]
fn a_refused_file_imports_nothing() {
    let mut bad: CountyFile = demo::county();
    bad.regions[0].center = "nowhere".into();
    assert!(county_file::import(&bad).is_err(), "import checks again, so no document is produced");
}

#[test]
fn the_roster_settings_of_a_county_file_are_what_every_station_reads() {
    use liandong_core::model::ShiftKind;
    use liandong_core::roster::{RosterConfig, Severity};
    let text = demo_with(|v| {
        v["roster"] = serde_json::json!({
            "times": { "night": { "start": "19:00:00", "end": "07:00:00" } },
            "station_residency": [ { "station": "damiao", "start": "09:00:00", "end": "17:00:00" } ],
            "rules": { "rest": { "severity": "warn", "min_minutes": 600 } },
            "rotations": [ { "name": "值一休三", "steps": [ { "kind": "duty24", "leader": true }, { "kind": null }, { "kind": null }, { "kind": null } ] } ]
        });
    });
    let county = county_file::parse(&text).expect("parse");
    let docs = county_file::import(&county).expect("import");
    let (config, unreadable) = RosterConfig::read(&docs.directory_view());
    assert!(unreadable.is_empty());
    let org = Organisation::read(&docs.directory_view(), &[]).0;
    let damiao = org.stations.iter().find(|s| s.code == "damiao").expect("damiao").id;
    let desheng = org.stations.iter().find(|s| s.code == "desheng").expect("desheng").id;
    assert_eq!(config.times(ShiftKind::Night, damiao).start.hour(), 19);
    assert_eq!(config.times(ShiftKind::Residency, damiao).start.hour(), 9);
    assert_eq!(config.times(ShiftKind::Residency, desheng).start.hour(), 8, "others keep the county's 08:30");
    assert_eq!((config.rules.rest.severity, config.rules.rest.min_minutes), (Severity::Warn, 600));
    assert_eq!(config.rules.nights.max_nights, 4, "what the file leaves out keeps its default");
    assert_eq!(config.rotations.len(), 1);
    assert_eq!(config.rotations[0].steps.len(), 4);
    // And back out: the settings survive an export.
    let out = county_file::export(&docs.directory_view(), &docs.roster_views());
    let roster = out.roster.expect("exported");
    assert_eq!(roster.station_residency[0].station, "damiao");
    assert_eq!(roster.rules.expect("rules").rest.min_minutes, 600);

    let bad = demo_with(
        |v| v["roster"] = serde_json::json!({ "station_residency": [ { "station": "nowhere", "start": "09:00:00", "end": "17:00:00" } ] }),
    );
    assert_eq!(refused(&bad).0, "roster.station_residency[0].station");
}
