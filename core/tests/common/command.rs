//! A small region with a command document, for the regional command tests: a center
//! station A and a member B, a station of another region, their officers and heads, a
//! commander, and builders for requests, commitments, items and shifts.

use jiff::Timestamp;
use liandong_core::RecordId;
use liandong_core::command::CommandState;
use liandong_core::docs::RegionCommand;
use liandong_core::model::{
    Commitment, Equipment, EquipmentKind, EquipmentStatus, Incident, IncidentKind, LeaveKind, Mark, Need, RequestItem,
    Resource, Role, Shift, ShiftKind, SupportRequest, Urgency,
};
use liandong_core::org::Organisation;
use liandong_core::roster::RosterConfig;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Options, ReadTxn, StateVector, Transact, Update};

use super::Org;
pub use super::roster::at;

/// A region of two stations (A the center, B a member) and a station of another region.
pub struct Region {
    pub org: Organisation,
    pub config: RosterConfig,
    pub region: RecordId,
    /// The center station.
    pub a: RecordId,
    /// A member station.
    pub b: RecordId,
    /// A station of another region.
    pub far: RecordId,
    /// Three plain officers of A (the first with first response).
    pub at_a: Vec<RecordId>,
    /// Two plain officers of B.
    pub at_b: Vec<RecordId>,
    /// An officer of the other region's station.
    pub outsider: RecordId,
    pub commander: RecordId,
    pub head_a: RecordId,
    pub head_b: RecordId,
}

impl Region {
    pub fn new() -> Self {
        let mut org = Org::new();
        let a = org.station("A");
        let b = org.station("B");
        let far = org.station("Far");
        let region = org.region("R", a, &[b]);
        org.region("Other", far, &[]);
        let at_a = org.officers(a, 3);
        org.grant(at_a[0], "first_response", None);
        let at_b = org.officers(b, 2);
        let outsider = org.officer(far, Role::Officer);
        let commander = org.officer(a, Role::Commander);
        let head_a = org.officer(a, Role::StationHead);
        let head_b = org.officer(b, Role::StationHead);
        Self {
            org: org.0,
            config: RosterConfig::default(),
            region,
            a,
            b,
            far,
            at_a,
            at_b,
            outsider,
            commander,
            head_a,
            head_b,
        }
    }

    /// The station of `officer`.
    pub fn station_of(&self, officer: RecordId) -> RecordId {
        self.org.officers.iter().find(|o| o.id == officer).and_then(|o| o.station).expect("officer with a station")
    }

    /// A request of `station` with `lines`, help wanted by `needed_by` until `until`.
    pub fn request(&self, station: RecordId, lines: &[(Need, u32)], needed_by: &str, until: &str) -> SupportRequest {
        SupportRequest {
            id: RecordId::new(),
            station,
            incident: None,
            raised: mark(self.commander, "2026-12-01 06:00"),
            place: "S106 12公里处".into(),
            needed_by: at(needed_by),
            until: at(until),
            items: lines.iter().map(|(need, count)| RequestItem { need: need.clone(), count: *count }).collect(),
            detail: String::new(),
            plan: None,
            cancelled: None,
        }
    }

    /// A commitment of `officer` to line `line` of `request` from `from` to `until`, made by
    /// the commander at 06:30 on the first of December.
    pub fn send_officer(
        &self,
        request: &SupportRequest,
        line: u32,
        officer: RecordId,
        from: &str,
        until: &str,
    ) -> Commitment {
        self.commitment(request, line, Resource::Officer(officer), self.station_of(officer), from, until)
    }

    /// A commitment of `item` (kept at `station`) to line `line` of `request`.
    pub fn send_item(
        &self,
        request: &SupportRequest,
        line: u32,
        item: &Equipment,
        from: &str,
        until: &str,
    ) -> Commitment {
        self.commitment(request, line, Resource::Equipment(item.id), item.station, from, until)
    }

    fn commitment(
        &self,
        request: &SupportRequest,
        line: u32,
        resource: Resource,
        station: RecordId,
        from: &str,
        until: &str,
    ) -> Commitment {
        Commitment {
            id: RecordId::new(),
            request: request.id,
            item: line,
            resource,
            station,
            from: at(from),
            until: at(until),
            leads: false,
            committed: mark(self.commander, "2026-12-01 06:30"),
            dispatched: None,
            on_scene: None,
            released: None,
            returned: None,
            cancelled: None,
        }
    }

    /// An open, urgent incident of `kind` in B's territory, opened by the commander at `when`
    /// (China time `YYYY-MM-DD HH:MM`), which is also when it happened.
    pub fn incident(&self, kind: IncidentKind, place: &str, summary: &str, when: &str) -> Incident {
        Incident {
            id: RecordId::new(),
            region: self.region,
            kind,
            station: Some(self.b),
            village: None,
            place: place.into(),
            at: at(when),
            urgency: Urgency::Urgent,
            summary: summary.into(),
            opened: mark(self.commander, when),
            operation: None,
            plan: None,
            closed: None,
            edited: None,
        }
    }

    /// An available item of `kind` kept at `station`.
    pub fn item(&self, station: RecordId, kind: EquipmentKind, identifier: &str) -> Equipment {
        Equipment {
            id: RecordId::new(),
            kind,
            identifier: identifier.into(),
            station,
            status: EquipmentStatus::Available,
            changed: None,
            note: None,
        }
    }

    /// A shift of `officer` at their station, China time `YYYY-MM-DD HH:MM`.
    pub fn shift(&self, officer: RecordId, kind: ShiftKind, start: &str, end: &str) -> Shift {
        Shift {
            id: RecordId::new(),
            station: self.station_of(officer),
            officer,
            kind,
            start: at(start),
            end: at(end),
            leader: false,
            leave: (kind == ShiftKind::Leave).then_some(LeaveKind::Annual),
            note: None,
            overrides: vec![],
        }
    }
}

/// Officers, as a request line asks for them.
pub fn officers() -> Need {
    Need::Officers { skill: None }
}

/// Who did it, and when (China time).
pub fn mark(by: RecordId, when: &str) -> Mark {
    Mark { at: at(when), by }
}

/// A time, China time `YYYY-MM-DD HH:MM`.
pub fn time(text: &str) -> Timestamp {
    at(text)
}

/// A replica of a command document with Yjs client id `client`, written for `officer`.
pub fn replica(client: u64, officer: RecordId) -> RegionCommand {
    let doc = Doc::with_options(Options { client_id: yrs::ClientID::new(client), ..Options::default() });
    RegionCommand::with_author(doc, officer)
}

/// What `view` holds now.
pub fn read(view: &RegionCommand) -> CommandState {
    CommandState::read(view, None)
}

/// Sends what `from` has and `to` lacks.
pub fn send(from: &RegionCommand, to: &RegionCommand) {
    let remote = to.doc().transact().state_vector();
    let update = from.doc().transact().encode_state_as_update_v1(&remote);
    to.doc().transact_mut().apply_update(Update::decode_v1(&update).expect("decode")).expect("apply");
}

/// The whole document, encoded (equal before and after means nothing was written).
pub fn encoded(view: &RegionCommand) -> (StateVector, Vec<u8>) {
    let txn = view.doc().transact();
    (txn.state_vector(), txn.encode_state_as_update_v1(&StateVector::default()))
}

/// Writes `value` into field `field` of record `id` of `collection` as a newer app version
/// would, bypassing this version's types.
pub fn write_raw(view: &RegionCommand, collection: &str, id: RecordId, field: &str, value: serde_json::Value) {
    use yrs::{Map, Out, WriteTxn};
    let mut txn = view.doc().transact_mut();
    let records = txn.get_or_insert_map(collection);
    let Some(Out::YMap(record)) = records.get(&txn, &id.to_string()) else { panic!("no record {collection}/{id}") };
    record.insert(&mut txn, field, liandong_core::record::value::to_any(&value));
}

/// Reads field `field` of record `id` of `collection` as stored.
pub fn read_raw(view: &RegionCommand, collection: &str, id: RecordId, field: &str) -> Option<serde_json::Value> {
    use yrs::{Map, Out};
    let txn = view.doc().transact();
    let records = txn.get_map(collection)?;
    let Some(Out::YMap(record)) = records.get(&txn, &id.to_string()) else { return None };
    match record.get(&txn, field)? {
        Out::Any(any) => Some(liandong_core::record::value::to_json(&any)),
        _ => None,
    }
}
