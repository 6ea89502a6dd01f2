//! The station head's district edits: bad input refused with the reason and nothing
//! written; merge, split, offices, residents and skills, each checked against the rules.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::{Org, today};
use liandong_core::RecordId;
use liandong_core::districts::edit::{
    MAX_VILLAGE_POPULATION, add_villages, assign_resident, clear_residents, create_district, grant_skill,
    merge_districts, parse_population, set_office, split_district, unmerge_districts,
};
use liandong_core::districts::{DistrictError, OfficeInput, VillageInput};
use liandong_core::docs::StationRoster;
use liandong_core::model::{District, Role, Village};
use liandong_core::org::Organisation;
use liandong_core::rules::{self, Violation};
use yrs::{Doc, ReadTxn, Transact};

fn village(name: &str, population: &str) -> VillageInput {
    VillageInput { name: name.into(), population: population.into() }
}

fn violations(org: &Organisation) -> Vec<Violation> {
    rules::check_all(org, today())
}

#[test]
fn populations_are_whole_numbers_from_zero() {
    assert_eq!(parse_population("王家湾村", "1,250"), Ok(1250));
    assert_eq!(parse_population("王家湾村", " 0 "), Ok(0));
    assert!(matches!(parse_population("王家湾村", "-5"), Err(DistrictError::PopulationNegative { .. })));
    assert!(matches!(parse_population("王家湾村", "一千"), Err(DistrictError::PopulationNotANumber { .. })));
    assert!(matches!(parse_population("王家湾村", "12.5"), Err(DistrictError::PopulationNotANumber { .. })));
    let e = parse_population("王家湾村", "-5").unwrap_err().to_string();
    assert!(e.contains("王家湾村") && e.contains("negative"), "{e}");
}

#[test]
fn a_bad_district_is_refused_whole_and_nothing_is_written() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let first = org.district(station, "一区", &[900, 800]);
    let taken = org.0.villages.iter().find(|v| v.district == Some(first)).map(|v| v.name.clone()).unwrap();
    let errors = create_district(
        &org.0,
        station,
        "二区",
        &[village("新村", "1200"), village("老村", "-3"), village(&taken, "500"), village("坡村", "many")],
    )
    .unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(matches!(&errors[0], DistrictError::PopulationNegative { village, .. } if village == "老村"));
    assert!(matches!(&errors[1], DistrictError::VillageInAnotherDistrict { district, .. } if district == "一区"));
    assert!(matches!(&errors[2], DistrictError::PopulationNotANumber { village, .. } if village == "坡村"));
    assert_eq!(
        create_district(&org.0, station, "一区", &[]).unwrap_err(),
        vec![DistrictError::NameTaken("一区".into())]
    );

    // The good one writes district and villages in one transaction.
    let doc = Doc::new();
    let view = StationRoster::new(doc.clone());
    let change = create_district(&org.0, station, "二区", &[village("新村", "1200"), village("坡村", "900")]).unwrap();
    change.write(&view, liandong_core::time::now()).unwrap();
    assert_eq!(view.list::<District>().into_records().len(), 1);
    assert_eq!(view.list::<Village>().into_records().len(), 2);
    let before = doc.transact().state_vector();
    assert!(create_district(&org.0, station, "三区", &[village("x", "-1")]).is_err());
    assert_eq!(doc.transact().state_vector(), before, "a refused edit writes nothing");
}

#[test]
fn merging_moves_villages_and_the_office_and_clears_the_finding() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let kept = org.district(station, "一区", &[400]);
    let absorbed = org.district(station, "二区", &[500]);
    let office = org.office(station, "二区警务室", &[absorbed]);
    let before = violations(&org.0);
    assert!(before.iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { district } if district.id == kept)));

    let change = merge_districts(&org.0, kept, absorbed).unwrap();
    let after = change.applied_to(&org.0);
    assert_eq!(after.districts.len(), 1);
    assert_eq!(after.villages.iter().filter(|v| v.district == Some(kept)).count(), 2);
    assert_eq!(after.offices.iter().find(|o| o.id == office).unwrap().districts, vec![kept]);
    assert!(!violations(&after).iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { .. })));
    assert_eq!(merge_districts(&org.0, kept, kept).unwrap_err(), vec![DistrictError::MergeWithItself]);
}

#[test]
fn splitting_needs_villages_on_both_sides_and_the_new_district_needs_an_office() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let d = org.district(station, "一区", &[2000, 2000, 2000, 2000]);
    org.office(station, "一区警务室", &[d]);
    let ids: Vec<RecordId> = org.0.villages.iter().map(|v| v.id).collect();
    assert_eq!(split_district(&org.0, d, &ids, "二区").unwrap_err(), vec![DistrictError::SplitLeavesEmpty]);
    assert_eq!(split_district(&org.0, d, &[], "二区").unwrap_err(), vec![DistrictError::SplitLeavesEmpty]);
    // Four villages of 8,000 people break the size rule; two and two fit it.
    assert!(violations(&org.0).iter().any(|v| matches!(v, Violation::DistrictSize { .. })));
    let after = split_district(&org.0, d, &ids[2..], "二区").unwrap().applied_to(&org.0);
    let found = violations(&after);
    assert!(!found.iter().any(|v| matches!(v, Violation::DistrictSize { .. })), "{found:#?}");
    let new = after.districts.iter().find(|x| x.name == "二区").unwrap().id;
    assert!(found.iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { district } if district.id == new)));

    // One district, one office: a second office is refused; the first one opens.
    let input = OfficeInput { name: "二区警务室".into(), address: "坡村 1 号".into(), ..Default::default() };
    let with_office = set_office(&after, new, None, &input).unwrap().applied_to(&after);
    assert!(!violations(&with_office).iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { .. })));
    assert!(matches!(
        set_office(&with_office, new, None, &input).unwrap_err()[0],
        DistrictError::DistrictHasOffice { .. }
    ));
}

#[test]
fn a_new_office_takes_its_district_over_from_a_shared_office() {
    let mut org = Org::new();
    let station = org.station("Baofeng");
    let a = org.district(station, "一区", &[900, 900]);
    let b = org.district(station, "二区", &[900, 900]);
    let shared = org.office(station, "合署警务室", &[a, b]);
    assert!(violations(&org.0).iter().any(|v| matches!(v, Violation::OfficeServesSeveralDistricts { .. })));
    let input = OfficeInput { name: "二区警务室".into(), ..Default::default() };
    let after = set_office(&org.0, b, None, &input).unwrap().applied_to(&org.0);
    assert_eq!(after.offices.iter().find(|o| o.id == shared).unwrap().districts, vec![a]);
    assert_eq!(after.offices.len(), 2);
    let found = violations(&after);
    assert!(!found.iter().any(|v| matches!(v, Violation::OfficeServesSeveralDistricts { .. })), "{found:#?}");
    assert!(!found.iter().any(|v| matches!(v, Violation::DistrictWithoutOffice { .. })));
}

#[test]
fn a_resident_replaces_the_previous_one_and_must_be_of_the_station() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let other = org.station("Liulin");
    org.officer(station, Role::StationHead);
    let o = org.officers(station, 2);
    let stranger = org.officers(other, 1)[0];
    let d = org.district(station, "一区", &[900, 900]);
    let office = org.office(station, "一区警务室", &[d]);
    assert!(violations(&org.0).iter().any(|v| matches!(v, Violation::OfficeWithoutResident { .. })));

    let first = assign_resident(&org.0, office, o[0]).unwrap().applied_to(&org.0);
    assert!(!violations(&first).iter().any(|v| matches!(v, Violation::OfficeWithoutResident { .. })));
    let second = assign_resident(&first, office, o[1]).unwrap().applied_to(&first);
    let residents: Vec<RecordId> =
        second.assignments.iter().filter(|a| a.office == office).map(|a| a.officer).collect();
    assert_eq!(residents, vec![o[1]], "one office, one officer");
    assert!(matches!(
        &assign_resident(&org.0, office, stranger).unwrap_err()[0],
        DistrictError::OfficerOfAnotherStation(_)
    ));
    let empty = clear_residents(&second, office).unwrap().applied_to(&second);
    assert!(empty.assignments.iter().all(|a| a.office != office));
}

#[test]
fn skills_come_from_the_catalogue_and_a_new_expiry_replaces_the_old() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let x = org.officers(station, 1)[0];
    assert!(matches!(
        &grant_skill(&org.0, station, x, "juggling", None, today()).unwrap_err()[0],
        DistrictError::UnknownSkill(_)
    ));
    let once = grant_skill(&org.0, station, x, "mediation", None, today()).unwrap().applied_to(&org.0);
    let expires = "2027-06-30".parse().ok();
    let twice = grant_skill(&once, station, x, "mediation", expires, today()).unwrap().applied_to(&once);
    let grants: Vec<_> = twice.skill_grants.iter().filter(|g| g.officer == x).collect();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].expires, expires);
}

#[test]
fn an_officers_photo_is_kept_for_the_card_and_a_large_one_refused() {
    use liandong_core::districts::edit::set_photo;
    use liandong_core::model::OfficerPhoto;
    let mut org = Org::new();
    let station = org.station("Damiao");
    let other = org.station("Liulin");
    let x = org.officers(station, 1)[0];
    let stranger = org.officers(other, 1)[0];
    let jpeg = vec![0xFFu8, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    let view = StationRoster::new(Doc::new());
    set_photo(&org.0, station, None, x, "image/jpeg", &jpeg).unwrap().write(&view, liandong_core::time::now()).unwrap();
    let stored = view.list::<OfficerPhoto>().into_records();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].officer, stored[0].mime.as_str(), stored[0].data.as_str()),
        (x, "image/jpeg", "/9j/4AECAw==")
    );
    // A new photo replaces the old one (same record).
    set_photo(&org.0, station, Some(stored[0].id), x, "image/jpeg", &[1, 2])
        .unwrap()
        .write(&view, liandong_core::time::now())
        .unwrap();
    assert_eq!(view.list::<OfficerPhoto>().into_records().len(), 1);
    let big = vec![0u8; 200 * 1024 + 1];
    assert_eq!(
        set_photo(&org.0, station, None, x, "image/jpeg", &big).unwrap_err(),
        vec![DistrictError::PhotoTooLarge(201)]
    );
    assert!(matches!(
        &set_photo(&org.0, station, None, stranger, "image/jpeg", &jpeg).unwrap_err()[0],
        DistrictError::OfficerOfAnotherStation(_)
    ));
}

#[test]
fn an_eleven_digit_population_is_too_large_not_a_non_number() {
    let e = parse_population("王家湾村", "12345678901").unwrap_err();
    assert!(matches!(e, DistrictError::PopulationTooLarge { max: MAX_VILLAGE_POPULATION, .. }), "{e:?}");
    assert!(e.to_string().contains("too large") && e.to_string().contains("1000000"), "{e}");
    assert!(matches!(
        parse_population("王家湾村", "123456789012345678901234"),
        Err(DistrictError::PopulationTooLarge { .. })
    ));
    assert!(matches!(parse_population("王家湾村", "1000001"), Err(DistrictError::PopulationTooLarge { .. })));
    assert_eq!(parse_population("王家湾村", "1000000"), Ok(MAX_VILLAGE_POPULATION));
}

#[test]
fn a_village_twice_a_bad_phone_an_expired_skill_and_a_second_residence_are_refused() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let o = org.officers(station, 2);
    let d = org.district(station, "一区", &[900]);
    let e = org.district(station, "二区", &[900]);
    let twice = create_district(&org.0, station, "三区", &[village("东岗村", "100"), village("东岗村", "200")]);
    assert_eq!(twice.unwrap_err(), vec![DistrictError::VillageTwice("东岗村".into())]);

    let phone = OfficeInput { name: "一区警务室".into(), phone: "abc-电话".into(), ..Default::default() };
    assert_eq!(set_office(&org.0, d, None, &phone).unwrap_err(), vec![DistrictError::PhoneInvalid("abc-电话".into())]);
    for good in ["0710-3281234", "110", "+86 139 0000 0000", ""] {
        let input = OfficeInput { name: "一区警务室".into(), phone: good.into(), ..Default::default() };
        assert!(set_office(&org.0, d, None, &input).is_ok(), "{good}");
    }

    let expired = grant_skill(&org.0, station, o[0], "mediation", "2020-06-30".parse().ok(), today()).unwrap_err();
    assert!(matches!(&expired[0], DistrictError::SkillExpired { .. }), "{expired:?}");
    assert!(expired[0].to_string().contains("2020-06-30"), "{}", expired[0]);

    let first = org.office(station, "一区警务室", &[d]);
    let second = org.office(station, "二区警务室", &[e]);
    let with = assign_resident(&org.0, first, o[0]).unwrap().applied_to(&org.0);
    let refused = assign_resident(&with, second, o[0]).unwrap_err();
    assert!(
        matches!(&refused[0], DistrictError::ResidentElsewhere { office, .. } if office == "一区警务室"),
        "{refused:?}"
    );
    assert!(assign_resident(&with, second, o[1]).is_ok());
}

/// Adding a village of a name the district already has once overwrote that village's
/// population (1,137 became 100, found by a new-user trial); it is refused, and a new name
/// is added.
#[test]
fn adding_a_village_the_district_has_is_refused_and_nothing_is_overwritten() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let d = org.district(station, "白果铺", &[1137, 800]);
    let refused = add_villages(&org.0, d, &[village("白果铺-v0", "100")]).unwrap_err();
    assert_eq!(refused, vec![DistrictError::VillageExists { village: "白果铺-v0".into(), population: 1137 }]);
    let added = add_villages(&org.0, d, &[village("石门河村", "100")]).expect("a new village").applied_to(&org.0);
    let mut in_d: Vec<(String, u32)> =
        added.villages.iter().filter(|v| v.district == Some(d)).map(|v| (v.name.clone(), v.population)).collect();
    in_d.sort();
    assert_eq!(in_d, [("白果铺-v0".to_owned(), 1137), ("白果铺-v1".to_owned(), 800), ("石门河村".to_owned(), 100)]);
}

#[test]
fn a_merge_is_undone_with_the_district_its_villages_and_office_as_they_were() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let kept = org.district(station, "一区", &[400]);
    let absorbed = org.district(station, "二区", &[500, 300]);
    org.office(station, "二区警务室", &[absorbed]);
    let before = org.0.clone();
    let merged = merge_districts(&before, kept, absorbed).unwrap().applied_to(&before);
    let undo = unmerge_districts(&merged, &before, absorbed).unwrap();
    let back = undo.applied_to(&merged);
    let sorted = |o: &Organisation| {
        let mut d = o.districts.clone();
        d.sort_by_key(|x| x.id);
        let mut v = o.villages.clone();
        v.sort_by_key(|x| x.id);
        let mut f = o.offices.clone();
        f.sort_by_key(|x| x.id);
        (d, v, f)
    };
    assert_eq!(sorted(&back), sorted(&before));
    // Not twice.
    assert!(unmerge_districts(&back, &before, absorbed).is_err());

    // Written into a document: the district's tombstone goes, the district reads back.
    let doc = Doc::new();
    let view = StationRoster::new(doc);
    let now = jiff::Timestamp::now();
    liandong_core::districts::Change {
        puts: before
            .districts
            .iter()
            .cloned()
            .map(liandong_core::districts::edit::Put::District)
            .chain(before.villages.iter().cloned().map(liandong_core::districts::edit::Put::Village))
            .chain(before.offices.iter().cloned().map(liandong_core::districts::edit::Put::Office))
            .collect(),
        deletes: vec![],
    }
    .write(&view, now)
    .unwrap();
    merge_districts(&before, kept, absorbed).unwrap().write(&view, now).unwrap();
    assert!(!view.list::<District>().into_records().iter().any(|d| d.id == absorbed));
    undo.write(&view, now).unwrap();
    assert!(view.list::<District>().into_records().iter().any(|d| d.id == absorbed && d.name == "二区"));
}
