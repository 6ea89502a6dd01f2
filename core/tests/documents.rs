//! Typed views over Yjs documents: field-by-field writes, merges, conflicts, tombstones,
//! schema versions and records from newer app versions.
#![allow(clippy::disallowed_methods, reason = "tests may sort with std: only the Wasm counts sort copies")]

use jiff::Timestamp;
use liandong_core::RecordId;
use liandong_core::docs::{RegionBulletins, SchemaStatus, StationRoster, WriteError};
use liandong_core::model::*;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, Options, ReadTxn, Transact, Update, WriteTxn};

fn replica(client: u64) -> Doc {
    Doc::with_options(Options { client_id: yrs::ClientID::new(client), ..Options::default() })
}

/// Sends what `from` has and `to` lacks.
fn sync(from: &Doc, to: &Doc) {
    let sv = to.transact().state_vector();
    let update = from.transact().encode_state_as_update_v1(&sv);
    to.transact_mut().apply_update(Update::decode_v1(&update).expect("update")).expect("apply");
}

fn office(station: RecordId) -> Office {
    Office {
        id: RecordId::new(),
        station,
        name: "王家湾警务室".into(),
        districts: vec![],
        address: Some("王家湾村委会旁".into()),
        phone: None,
        residency_hours: Some("8:30–17:30".into()),
        generated: false,
    }
}

#[test]
fn a_record_reads_back_as_written() {
    let roster = StationRoster::new(Doc::new());
    let o = office(RecordId::new());
    roster.put(&o).expect("put");
    let stored = roster.get::<Office>(o.id).expect("read").expect("present");
    assert_eq!(stored.record, o);
    assert_eq!(stored.deleted_at, None);
    assert_eq!(roster.list::<Office>().into_records(), vec![o]);
}

#[test]
fn opening_and_reading_a_document_writes_nothing() {
    let doc = Doc::new();
    let before = doc.transact().state_vector();
    let roster = StationRoster::new(doc.clone());
    let _ = roster.list::<Office>();
    let _ = roster.schema();
    assert_eq!(doc.transact().state_vector(), before);
    assert_eq!(roster.schema(), SchemaStatus::New);
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    let (a, b) = (replica(1), replica(2));
    let o = office(RecordId::new());
    StationRoster::new(a.clone()).put(&o).expect("put");
    sync(&a, &b);

    let mut on_a = o.clone();
    on_a.phone = Some("0710-3300001".into());
    StationRoster::new(a.clone()).put(&on_a).expect("put a");
    let mut on_b = o.clone();
    on_b.residency_hours = Some("周一至周六 8:00–18:00".into());
    StationRoster::new(b.clone()).put(&on_b).expect("put b");
    sync(&a, &b);
    sync(&b, &a);

    for doc in [&a, &b] {
        let merged = StationRoster::new(doc.clone()).get::<Office>(o.id).expect("read").expect("present").record;
        assert_eq!(merged.phone.as_deref(), Some("0710-3300001"));
        assert_eq!(merged.residency_hours.as_deref(), Some("周一至周六 8:00–18:00"));
        assert!(StationRoster::new(doc.clone()).conflicts::<Office>(o.id).is_empty());
    }
}

#[test]
fn concurrent_edits_of_one_field_pick_one_winner_everywhere_and_say_so() {
    let (a, b) = (replica(11), replica(22));
    let o = office(RecordId::new());
    StationRoster::new(a.clone()).put(&o).expect("put");
    sync(&a, &b);

    let mut on_a = o.clone();
    on_a.name = "甲".into();
    StationRoster::new(a.clone()).put(&on_a).expect("put a");
    let mut on_b = o.clone();
    on_b.name = "乙".into();
    StationRoster::new(b.clone()).put(&on_b).expect("put b");
    sync(&a, &b);
    sync(&b, &a);

    let name_on =
        |doc: &Doc| StationRoster::new(doc.clone()).get::<Office>(o.id).expect("read").expect("present").record.name;
    assert_eq!(name_on(&a), name_on(&b));
    let conflicts = StationRoster::new(a.clone()).conflicts::<Office>(o.id);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "name");
    let mut writers: Vec<u64> = conflicts[0].writers.iter().map(|w| w.0).collect();
    writers.sort();
    assert_eq!(writers, vec![11, 22]);
    assert_eq!(StationRoster::new(b.clone()).conflicts::<Office>(o.id), conflicts);

    // Someone who has seen both writes the field again: the conflict is resolved everywhere.
    let mut fixed = o.clone();
    fixed.name = "王家湾警务室（新址）".into();
    StationRoster::new(b.clone()).put(&fixed).expect("put fix");
    sync(&b, &a);
    assert!(StationRoster::new(a.clone()).conflicts::<Office>(o.id).is_empty());
    assert_eq!(name_on(&a), "王家湾警务室（新址）");
}

#[test]
fn sequential_edits_are_not_conflicts() {
    let (a, b) = (replica(5), replica(6));
    let o = office(RecordId::new());
    StationRoster::new(a.clone()).put(&o).expect("put");
    sync(&a, &b);
    let mut next = o.clone();
    next.name = "一".into();
    StationRoster::new(b.clone()).put(&next).expect("b");
    sync(&b, &a);
    next.name = "二".into();
    StationRoster::new(a.clone()).put(&next).expect("a");
    sync(&a, &b);
    assert!(StationRoster::new(b.clone()).conflicts::<Office>(o.id).is_empty());
}

#[test]
fn a_deleted_record_leaves_the_list_but_stays_findable_and_deleted_after_a_concurrent_edit() {
    let (a, b) = (replica(1), replica(2));
    let o = office(RecordId::new());
    StationRoster::new(a.clone()).put(&o).expect("put");
    sync(&a, &b);
    let at: Timestamp = "2026-11-29T08:00:00Z".parse().expect("ts");
    StationRoster::new(a.clone()).delete::<Office>(o.id, at).expect("delete");
    let mut edited = o.clone();
    edited.phone = Some("110".into());
    StationRoster::new(b.clone()).put(&edited).expect("edit");
    sync(&a, &b);
    sync(&b, &a);
    for doc in [&a, &b] {
        let view = StationRoster::new(doc.clone());
        assert!(view.list::<Office>().records.is_empty());
        let all = view.list_including_deleted::<Office>();
        assert_eq!(all.records.len(), 1);
        assert_eq!(all.records[0].deleted_at, Some(at));
        assert_eq!(all.records[0].record.phone.as_deref(), Some("110"), "the offline edit is kept");
    }
}

#[test]
fn a_document_from_a_newer_version_is_read_but_not_written() {
    let doc = Doc::new();
    let roster = StationRoster::new(doc.clone());
    let o = office(RecordId::new());
    roster.put(&o).expect("put");
    {
        let mut txn = doc.transact_mut();
        let meta = txn.get_or_insert_map("meta");
        meta.insert(&mut txn, "schema_version", 2);
    }
    assert!(matches!(roster.schema(), SchemaStatus::Refused(WriteError::NewerSchema { found: 2, supported: 1 })));
    assert_eq!(roster.list::<Office>().into_records(), vec![o.clone()], "still readable");
    let before = doc.transact().state_vector();
    let err = roster.put(&office(RecordId::new())).expect_err("must refuse");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(doc.transact().state_vector(), before, "nothing written");
}

#[test]
fn fields_from_a_newer_version_survive_an_edit_and_unknown_values_are_reported() {
    let doc = Doc::new();
    let roster = StationRoster::new(doc.clone());
    let o = office(RecordId::new());
    roster.put(&o).expect("put");
    {
        let mut txn = doc.transact_mut();
        let offices = txn.get_or_insert_map("offices");
        let Some(yrs::Out::YMap(record)) = offices.get(&txn, &o.id.to_string()) else { panic!("no record") };
        record.insert(&mut txn, "drone_pad", true);
    }
    let mut edited = o.clone();
    edited.phone = Some("0710-1".into());
    roster.put(&edited).expect("edit");
    let txn = doc.transact();
    let offices = txn.get_map("offices").expect("offices");
    let Some(yrs::Out::YMap(record)) = offices.get(&txn, &o.id.to_string()) else { panic!("no record") };
    assert_eq!(record.get(&txn, "drone_pad"), Some(yrs::Out::Any(yrs::Any::Bool(true))));
    drop(txn);

    let bulletins = RegionBulletins::new(Doc::new());
    {
        let mut txn = bulletins.doc().transact_mut();
        let map = txn.get_or_insert_map("bulletins");
        let record: yrs::MapRef = map.insert(&mut txn, RecordId::new().to_string(), yrs::MapPrelim::default());
        record.insert(&mut txn, "category", "drone_sighting");
    }
    let listing = bulletins.list::<Bulletin>();
    assert!(listing.records.is_empty());
    assert_eq!(listing.unreadable.len(), 1);
    assert!(
        listing.unreadable[0].reason.contains("drone_sighting") || listing.unreadable[0].reason.contains("missing"),
        "{:?}",
        listing.unreadable
    );
}

#[test]
fn writes_record_which_officer_each_device_writes_for() {
    let doc = replica(77);
    let officer = RecordId::new();
    StationRoster::with_author(doc.clone(), officer).put(&office(RecordId::new())).expect("put");
    assert_eq!(StationRoster::new(doc).devices(), vec![(77, officer)]);
}

#[test]
fn opening_with_the_wrong_kind_refuses_writes() {
    let doc = Doc::new();
    StationRoster::new(doc.clone()).put(&office(RecordId::new())).expect("put");
    let as_bulletins = RegionBulletins::new(doc);
    assert!(matches!(as_bulletins.schema(), SchemaStatus::Refused(WriteError::WrongKind { .. })));
}
