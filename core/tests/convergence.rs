//! Property: three replicas that edit offline and then exchange their updates in any order,
//! with duplicates, converge to the same records, lose nothing, and keep tombstones.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use liandong_core::RecordId;
use liandong_core::docs::StationRoster;
use liandong_core::model::Office;
use proptest::prelude::*;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Options, ReadTxn, Transact, Update};

const REPLICAS: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    /// Create a new office.
    Create { name: u8 },
    /// Edit one field of the n-th known office (modulo).
    Edit { record: usize, field: Field, value: u8 },
    /// Tombstone the n-th known office.
    Delete { record: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Name,
    Phone,
    Hours,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => any::<u8>().prop_map(|name| Op::Create { name }),
        5 => (any::<usize>(), prop_oneof![Just(Field::Name), Just(Field::Phone), Just(Field::Hours)], any::<u8>())
            .prop_map(|(record, field, value)| Op::Edit { record, field, value }),
        1 => any::<usize>().prop_map(|record| Op::Delete { record }),
    ]
}

struct Replica {
    doc: Doc,
    view: StationRoster,
    /// Updates this replica produced, in order.
    updates: Vec<Vec<u8>>,
}

impl Replica {
    fn new(client: u64) -> Self {
        let doc = Doc::with_options(Options { client_id: yrs::ClientID::new(client), ..Options::default() });
        Self { view: StationRoster::new(doc.clone()), doc, updates: Vec::new() }
    }

    /// Runs `f` and records the update it produced.
    fn record(&mut self, f: impl FnOnce(&StationRoster)) {
        let before = self.doc.transact().state_vector();
        f(&self.view);
        let update = self.doc.transact().encode_state_as_update_v1(&before);
        self.updates.push(update);
    }

    fn apply(&self, update: &[u8]) {
        let update = Update::decode_v1(update).expect("decode");
        self.doc.transact_mut().apply_update(update).expect("apply");
    }
}

fn office(station: RecordId, name: u8) -> Office {
    Office {
        id: RecordId::new(),
        station,
        name: format!("警务室{name}"),
        districts: vec![],
        address: None,
        phone: None,
        residency_hours: None,
        generated: false,
    }
}

/// What one replica did, to check that nothing is lost.
#[derive(Default)]
struct Expectations {
    created: BTreeSet<RecordId>,
    deleted: BTreeSet<RecordId>,
    /// Last value written per (record, field), by replica.
    last_write: BTreeMap<(RecordId, Field), BTreeMap<usize, String>>,
}

fn run(
    base: Vec<u8>,
    scripts: Vec<Vec<Op>>,
    order: Vec<(usize, usize)>,
    seed_dups: Vec<usize>,
) -> Result<(), TestCaseError> {
    let station = RecordId::new();
    let at: Timestamp = "2026-11-29T00:00:00Z".parse().expect("ts");
    let mut replicas: Vec<Replica> = (0..REPLICAS).map(|i| Replica::new(100 + i as u64)).collect();
    let mut expect = Expectations::default();

    // A shared starting point: some offices everyone has.
    let mut shared = Vec::new();
    replicas[0].record(|v| {
        for name in &base {
            let o = office(station, *name);
            v.put(&o).expect("put");
            shared.push(o);
        }
    });
    let first = replicas[0].updates.clone();
    for r in &replicas[1..] {
        for u in &first {
            r.apply(u);
        }
    }
    expect.created.extend(shared.iter().map(|o| o.id));

    // Offline editing.
    for (i, script) in scripts.into_iter().enumerate() {
        let r = &mut replicas[i];
        for op in script {
            let known: Vec<Office> =
                r.view.list_including_deleted::<Office>().records.into_iter().map(|s| s.record).collect();
            match op {
                Op::Create { name } => {
                    let o = office(station, name);
                    expect.created.insert(o.id);
                    r.record(|v| v.put(&o).expect("put"));
                }
                Op::Edit { record, field, value } if !known.is_empty() => {
                    let mut o = known[record % known.len()].clone();
                    let text = format!("{field:?}-{value}-by-{i}");
                    match field {
                        Field::Name => o.name = text.clone(),
                        Field::Phone => o.phone = Some(text.clone()),
                        Field::Hours => o.residency_hours = Some(text.clone()),
                    }
                    expect.last_write.entry((o.id, field)).or_default().insert(i, text);
                    r.record(|v| v.put(&o).expect("put"));
                }
                Op::Delete { record } if !known.is_empty() => {
                    let id = known[record % known.len()].id;
                    expect.deleted.insert(id);
                    r.record(|v| v.delete::<Office>(id, at).expect("delete"));
                }
                _ => {}
            }
        }
    }

    // Exchange: every replica receives every update, in a shuffled order, some twice.
    let all: Vec<Vec<u8>> = replicas.iter().flat_map(|r| r.updates.iter().cloned()).collect();
    for (target, replica) in replicas.iter().enumerate() {
        let mut sequence: Vec<usize> = (0..all.len()).collect();
        for (k, &(a, b)) in order.iter().enumerate() {
            if !sequence.is_empty() && k % REPLICAS == target {
                let (a, b) = (a % sequence.len(), b % sequence.len());
                sequence.swap(a, b);
            }
        }
        for d in &seed_dups {
            if !all.is_empty() {
                sequence.push(d % all.len());
            }
        }
        for u in sequence {
            replica.apply(&all[u]);
        }
    }

    let listings: Vec<_> = replicas.iter().map(|r| r.view.list_including_deleted::<Office>()).collect();
    for l in &listings[1..] {
        prop_assert_eq!(l, &listings[0], "replicas diverged");
    }
    let records = &listings[0].records;
    prop_assert!(listings[0].unreadable.is_empty());
    let ids: BTreeSet<RecordId> = records.iter().map(|s| s.record.id).collect();
    prop_assert_eq!(&ids, &expect.created, "a created record was lost or invented");
    for s in records {
        prop_assert_eq!(s.deleted_at.is_some(), expect.deleted.contains(&s.record.id), "tombstone lost or invented");
    }
    // A field written by only one replica holds that replica's last value; a field written
    // by several holds one of their last values, and the view reports the conflict.
    for ((id, field), writers) in &expect.last_write {
        let record = &records.iter().find(|s| s.record.id == *id).expect("record").record;
        let value = match field {
            Field::Name => Some(record.name.clone()),
            Field::Phone => record.phone.clone(),
            Field::Hours => record.residency_hours.clone(),
        };
        let candidates: Vec<&String> = writers.values().collect();
        prop_assert!(
            value.as_ref().is_some_and(|v| candidates.contains(&v)),
            "{field:?} of {id} is {value:?}, expected one of {candidates:?}"
        );
        if writers.len() > 1 {
            let name = match field {
                Field::Name => "name",
                Field::Phone => "phone",
                Field::Hours => "residency_hours",
            };
            let conflicts = replicas[0].view.conflicts::<Office>(*id);
            prop_assert!(
                conflicts.iter().any(|c| c.field == name),
                "concurrent writes of {name} not reported: {conflicts:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_and_lose_nothing(
        base in prop::collection::vec(any::<u8>(), 0..5),
        scripts in prop::collection::vec(prop::collection::vec(op(), 0..12), REPLICAS),
        order in prop::collection::vec((any::<usize>(), any::<usize>()), 0..60),
        dups in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        run(base, scripts, order, dups)?;
    }
}
