//! Rules after a merge: two heads edit the same roster offline, each edit legal on its own;
//! after they exchange updates the rules find the rest violation and name who made each
//! edit, through the Yjs client ids of the shift records and the document's devices.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

mod common;

use common::roster::{Station, at};
use liandong_core::docs::StationRoster;
use liandong_core::model::{Role, RosterRule, ShiftKind};
use liandong_core::roster::rules::Finding;
use liandong_core::roster::{authors, check_after_sync, check_edit, read_shifts};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Options, ReadTxn, Transact, Update};

fn replica(client: u64) -> Doc {
    Doc::with_options(Options { client_id: yrs::ClientID::new(client), ..Options::default() })
}

fn send(from: &Doc, to: &Doc) {
    let remote = to.transact().state_vector();
    let update = from.transact().encode_state_as_update_v1(&remote);
    to.transact_mut().apply_update(Update::decode_v1(&update).unwrap()).unwrap();
}

#[test]
fn two_legal_offline_edits_merge_into_a_rest_violation_naming_both_shifts_and_both_heads() {
    let mut s = Station::new(3, 3);
    // Only the rest rule matters here: no staffing minimums, no coverage.
    s.config.rules.staffing.minimums.clear();
    s.config.rules.coverage.kinds.clear();
    let mut org = common::Org(s.org.clone());
    let deputy = org.officer(s.station, Role::StationHead);
    s.org = org.0;
    let (head, x) = (s.head, s.officers[0]);

    // Both devices start from the same synced roster (one earlier shift of X).
    let (a, b) = (replica(1001), replica(2002));
    let earlier = s.shift(x, ShiftKind::Day, "2026-11-28 08:00", "2026-11-28 18:00");
    StationRoster::with_author(a.clone(), head).put(&earlier).unwrap();
    send(&a, &b);
    assert_eq!(b.transact().state_vector(), a.transact().state_vector());

    // Offline, the head gives X the night of 12-01; the deputy gives X the morning of 12-02.
    let on_a = StationRoster::with_author(a.clone(), head);
    let on_b = StationRoster::with_author(b.clone(), deputy);
    let night = s.shift(x, ShiftKind::Night, "2026-12-01 18:00", "2026-12-02 08:00");
    let morning = s.shift(x, ShiftKind::Day, "2026-12-02 14:00", "2026-12-02 18:00");
    let (roster_a, _) = read_shifts(&on_a, s.station);
    assert!(check_edit(&s.ctx(), &roster_a, &night).unwrap().violations.is_empty());
    on_a.put(&night).unwrap();
    let (roster_b, _) = read_shifts(&on_b, s.station);
    assert!(check_edit(&s.ctx(), &roster_b, &morning).unwrap().violations.is_empty());
    on_b.put(&morning).unwrap();

    // Back online: they exchange updates both ways.
    send(&a, &b);
    send(&b, &a);

    for view in [&on_a, &on_b] {
        assert_eq!(authors(view, night.id), vec![head]);
        assert_eq!(authors(view, morning.id), vec![deputy]);
        let report = check_after_sync(view, &s.ctx());
        assert!(report.refused.is_empty() && report.unreadable.is_empty());
        assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
        let v = &report.violations[0];
        assert_eq!(v.rule, RosterRule::MinRest);
        assert_eq!(v.finding, Finding::ShortRest { minutes: 6 * 60, min_minutes: 11 * 60 });
        assert_eq!((v.from, v.to), (at("2026-12-02 08:00"), at("2026-12-02 14:00")));
        assert_eq!(v.officers.iter().map(|o| o.id).collect::<Vec<_>>(), vec![x]);
        let mut shifts = vec![night.id, morning.id];
        shifts.sort();
        assert_eq!(v.shifts, shifts);
        let by_shift: Vec<_> =
            v.edits.iter().map(|e| (e.shift, e.authors.iter().map(|a| a.id).collect::<Vec<_>>())).collect();
        assert_eq!(by_shift.len(), 2);
        assert!(by_shift.contains(&(night.id, vec![head])));
        assert!(by_shift.contains(&(morning.id, vec![deputy])));
    }
}

#[test]
fn an_edit_of_an_existing_shift_adds_its_editor_after_its_creator() {
    let s = Station::new(1, 1);
    let mut org = common::Org(s.org.clone());
    let deputy = org.officer(s.station, Role::StationHead);
    let (a, b) = (replica(11), replica(22));
    let mut shift = s.shift(s.officers[0], ShiftKind::Day, "2026-12-01 08:00", "2026-12-01 18:00");
    StationRoster::with_author(a.clone(), s.head).put(&shift).unwrap();
    send(&a, &b);
    shift.end = at("2026-12-01 17:00");
    StationRoster::with_author(b.clone(), deputy).put(&shift).unwrap();
    send(&b, &a);
    assert_eq!(authors(&StationRoster::new(a), shift.id), vec![s.head, deputy]);
}
