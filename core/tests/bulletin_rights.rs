//! Who may post where, edit a bulletin, and whom a bulletin is from; whether an officer
//! sits at the region's center station. The app asks these of core and nowhere else.

mod common;

use common::Org;
use liandong_core::RecordId;
use liandong_core::access::Claims;
use liandong_core::bulletins::{may_edit, may_post_county_wide, posting_unit};
use liandong_core::model::*;

fn claims(role: Role, station: Option<&str>, region: Option<&str>) -> Claims {
    Claims {
        sub: RecordId::new().to_string(),
        badge: "000001".into(),
        name: "officer".into(),
        role,
        county: "demo".into(),
        station: station.map(Into::into),
        station_name: None,
        region: region.map(Into::into),
        region_name: None,
        iat: 0,
        exp: u64::MAX,
    }
}

/// A region `desheng` with its center `desheng` and a member `damiao`.
fn region() -> (Org, RecordId, RecordId) {
    let mut org = Org::new();
    let center = org.station("Desheng");
    let member = org.station("Damiao");
    org.region("Desheng", center, &[center, member]);
    (org, center, member)
}

#[test]
fn the_center_is_its_stations_officers_and_the_commander() {
    let (org, center, member) = region();
    let at_center = claims(Role::Officer, Some("desheng"), Some("desheng"));
    let at_member = claims(Role::Liaison, Some("damiao"), Some("desheng"));
    assert!(at_center.at_center(&org.0));
    assert!(!at_member.at_center(&org.0));
    assert!(claims(Role::Commander, None, Some("desheng")).at_center(&org.0));
    assert!(!claims(Role::BureauAdmin, None, None).at_center(&org.0));
    assert_eq!(at_center.station_id(&org.0), Some(center));
    assert_eq!(at_member.station_id(&org.0), Some(member));
    // Before the directory names the station, the device knows no station of its own.
    assert_eq!(at_member.station_id(&Org::new().0), None);
}

#[test]
fn only_commanders_and_the_bureau_post_county_wide_and_edit_others_bulletins() {
    for role in [Role::Officer, Role::Liaison, Role::StationHead] {
        assert!(!may_post_county_wide(role), "{role:?}");
    }
    assert!(may_post_county_wide(Role::Commander));
    assert!(may_post_county_wide(Role::BureauAdmin));
    let (author, other) = (RecordId::new(), RecordId::new());
    let bulletin = Bulletin {
        id: RecordId::new(),
        station: RecordId::new(),
        author,
        category: BulletinCategory::TravellingFraud,
        urgency: Urgency::Urgent,
        scope: Scope::Region,
        title: "五一期间流窜诈骗预警".into(),
        body: String::new(),
        place: None,
        photos: 0,
        posted_at: jiff::Timestamp::UNIX_EPOCH,
        expires_at: None,
        version: 1,
        cancelled: None,
        cancelled_at: None,
        forwarded_at: None,
        generated: false,
    };
    assert!(may_edit(&bulletin, author, Role::Officer));
    assert!(!may_edit(&bulletin, other, Role::StationHead));
    assert!(may_edit(&bulletin, other, Role::Commander));
}

#[test]
fn a_bulletin_is_from_the_station_then_the_center_then_the_county() {
    let (mut org, center, member) = region();
    assert_eq!(posting_unit(&org.0, &claims(Role::Officer, Some("damiao"), Some("desheng"))), Some(member));
    assert_eq!(posting_unit(&org.0, &claims(Role::Commander, None, Some("desheng"))), Some(center));
    let admin = claims(Role::BureauAdmin, None, None);
    assert_eq!(posting_unit(&org.0, &admin), None, "no county record yet");
    let county = RecordId::new();
    org.0.county =
        Some(County {
            id: county, code: "demo".into(), name: "联动示范县".into(), area_km2: None, population: None
        });
    assert_eq!(posting_unit(&org.0, &admin), Some(county));
    // An officer of no station is not posting for the county.
    assert_eq!(posting_unit(&org.0, &claims(Role::Officer, None, None)), None);
}
