//! The demo bulletins carry the source's events into the right region documents.

use liandong_core::county_file;
use liandong_core::demo;
use liandong_core::docs::RegionBulletins;
use liandong_core::model::{Acknowledgement, Bulletin, Scope, Series};
use liandong_core::org::Organisation;
use yrs::Doc;

#[test]
fn the_source_events_land_in_their_regions_with_the_motorcycle_series() {
    let docs = county_file::import(&demo::county()).expect("import");
    let (org, _) = Organisation::read(&docs.directory_view(), &docs.roster_views());
    let now = "2026-11-29T12:00:00+08:00".parse().expect("ts");

    let majiadu = RegionBulletins::new(Doc::new());
    let n = demo::bulletins::write(&majiadu, &org, "majiadu", 20, demo::SEED, now).expect("write");
    let bulletins = majiadu.list::<Bulletin>().into_records();
    assert_eq!(bulletins.len(), n);
    assert_eq!(n, 4 + 20, "Majiadu's May Day case, Baofeng's and Yishui's thefts, Majiadu's clue, 20 generated");
    let series = majiadu.list::<Series>().into_records();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].bulletins.len(), 3, "Baofeng's and Yishui's thefts and Majiadu's clue");
    assert!(bulletins.iter().all(|b| b.scope != Scope::County), "county bulletins live in the county document");

    let county = RegionBulletins::new(Doc::new());
    assert_eq!(demo::bulletins::write_county(&county, &org).expect("write"), 2);
    let announced = county.list::<Bulletin>().into_records();
    assert!(announced.iter().any(|b| b.title.contains("抓获15人，追回摩托车85辆") && b.scope == Scope::County));
    assert!(!majiadu.list::<Acknowledgement>().records.is_empty());

    let guandu = RegionBulletins::new(Doc::new());
    demo::bulletins::write(&guandu, &org, "guandu", 0, demo::SEED, now).expect("write");
    let titles: Vec<String> = guandu.list::<Bulletin>().into_records().into_iter().map(|b| b.title).collect();
    assert_eq!(titles, vec!["五一期间流窜诈骗预警：冒充医疗器械推销".to_string()]);
}
