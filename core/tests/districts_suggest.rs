//! The resident-officer solver on small hand-checked cases: the broadest officers go to
//! the offices without one, nobody twice, heads and residents left alone, and a case
//! where no full assignment exists.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::{Org, today};
use liandong_core::RecordId;
use liandong_core::districts::suggest_residents;
use liandong_core::model::Role;
use liandong_core::rules::{self, Violation};

/// Grants `n` skills of distinct categories.
fn skills(org: &mut Org, officer: RecordId, n: usize) {
    for skill in ["mediation", "household_registration", "first_response", "patrol", "investigation"].iter().take(n) {
        org.grant(officer, skill, None);
    }
}

#[test]
fn the_broadest_free_officers_fill_the_empty_offices_once_each() {
    let mut org = Org::new();
    let station = org.station("Damiao");
    let head = org.officer(station, Role::StationHead);
    skills(&mut org, head, 5);
    let o = org.officers(station, 4);
    for (officer, n) in o.iter().zip([1, 4, 2, 3]) {
        skills(&mut org, *officer, n);
    }
    let d1 = org.district(station, "一区", &[800, 900]);
    let d2 = org.district(station, "二区", &[1200]);
    let d3 = org.district(station, "三区", &[600, 700]);
    let a = org.office(station, "A", &[d1]);
    let b = org.office(station, "B", &[d2]);
    let c = org.office(station, "C", &[d3]);
    // o[3] (3 skills) already lives at C: not a candidate, C not to fill.
    org.resident(o[3], c);

    let s = suggest_residents(&org.0, station, today());
    assert!(s.unfilled.is_empty());
    let mut chosen: Vec<(RecordId, RecordId)> = s.proposals.iter().map(|p| (p.office, p.officer)).collect();
    chosen.sort();
    let mut offices: Vec<RecordId> = chosen.iter().map(|(office, _)| *office).collect();
    offices.sort();
    let mut want = vec![a, b];
    want.sort();
    assert_eq!(offices, want, "only the two offices without a resident");
    let mut officers: Vec<RecordId> = chosen.iter().map(|(_, officer)| *officer).collect();
    officers.sort();
    let mut best = vec![o[1], o[2]];
    best.sort();
    assert_eq!(officers, best, "the 4- and 2-skill officers, not the 1-skill one nor the head");
    assert!(s.proposals.iter().any(|p| p.officer == o[1] && p.categories == 4));

    // Accepting every proposal leaves no office without a resident.
    for p in &s.proposals {
        org.resident(p.officer, p.office);
    }
    let left = rules::check_all(&org.0, today());
    assert!(!left.iter().any(|v| matches!(v, Violation::OfficeWithoutResident { .. })), "{left:#?}");
}

#[test]
fn with_more_offices_than_free_officers_the_rest_are_reported_unfilled() {
    let mut org = Org::new();
    let station = org.station("Majiadu");
    let other = org.station("Liulin");
    org.officer(station, Role::StationHead);
    let only = org.officers(station, 1)[0];
    skills(&mut org, only, 3);
    // An officer of another station is never proposed here.
    let stranger = org.officers(other, 1)[0];
    skills(&mut org, stranger, 5);
    let offices: Vec<RecordId> = (0..3)
        .map(|i| {
            let d = org.district(station, &format!("{i}区"), &[1000]);
            org.office(station, &format!("室{i}"), &[d])
        })
        .collect();
    let s = suggest_residents(&org.0, station, today());
    assert_eq!(s.proposals.len(), 1);
    assert_eq!(s.proposals[0].officer, only);
    assert_eq!(s.unfilled.len(), 2);
    let mut all: Vec<RecordId> = s.unfilled.iter().copied().chain([s.proposals[0].office]).collect();
    all.sort();
    let mut want = offices.clone();
    want.sort();
    assert_eq!(all, want);
}

#[test]
fn nothing_to_propose_without_free_officers_or_empty_offices() {
    let mut org = Org::new();
    let station = org.station("Desheng");
    org.officer(station, Role::StationHead);
    let d = org.district(station, "一区", &[1000]);
    let office = org.office(station, "室", &[d]);
    let s = suggest_residents(&org.0, station, today());
    assert!(s.proposals.is_empty());
    assert_eq!(s.unfilled, vec![office], "only the head, who is not a candidate");
}
