//! Typed views over the kinds of Yjs document (docs/architecture.md "Documents"): five shapes,
//! the county's and the regions' bulletins sharing one.
//!
//! A [`View<D>`] wraps a `yrs::Doc` of kind `D` and reads and writes the [`Record`]s that
//! belong to that kind (checked at compile time through `Record::Document`). Reads return
//! live records sorted by id (creation order) plus the records that could not be read;
//! writes go field by field inside one transaction ([`View::write`]). Deletion sets the
//! `deleted_at` tombstone. Each document carries a schema version in its `meta` map; a
//! document of a newer version is read as far as possible and refuses writes with
//! [`WriteError::NewerSchema`]. Views must not be used while the caller holds a
//! transaction on the same document.

pub mod refusal;
pub mod schema;

use std::marker::PhantomData;

use jiff::Timestamp;
use serde_json::Value;
use yrs::{Doc, Map, MapPrelim, MapRef, Out, ReadTxn, Transact, TransactionMut, WriteTxn};

use crate::document_id::DocumentKind;
use crate::ids::RecordId;
use crate::record::conflict::{self, FieldConflict};
use crate::record::value::to_any;
use crate::record::{DELETED_AT, ID_FIELD, Record, RecordError};
pub use refusal::{Refusal, StepName, TextField};
pub use schema::{SCHEMA_VERSION, SchemaStatus};

/// A kind of document, as a type (so records are bound to their document at compile time).
pub trait DocumentMarker {
    /// The kind this marker stands for (county bulletins share the region bulletins'
    /// shape and marker).
    const KIND: DocumentKind;
}

macro_rules! document_marker {
    ($(#[$doc:meta])* $name:ident => $kind:ident, $alias:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;
        impl DocumentMarker for $name {
            const KIND: DocumentKind = DocumentKind::$kind;
        }
        $(#[$doc])*
        pub type $alias = View<$name>;
    };
}

document_marker!(
    /// `county/{county}/directory`: regions, stations, officers, skills catalogue, policy.
    DirectoryDoc => Directory, Directory
);
document_marker!(
    /// `region/{region}/bulletins` (and `county/{county}/bulletins`, same shape): bulletins,
    /// versions, acknowledgements, series, assessments, photos, dispatch acknowledgements.
    BulletinsDoc => Bulletins, RegionBulletins
);
document_marker!(
    /// `region/{region}/command`: incidents, support requests, commitments, the equipment
    /// and vehicles pool, contingency plans.
    CommandDoc => Command, RegionCommand
);
document_marker!(
    /// `station/{station}/roster`: districts, villages, offices, residences, skills, shifts.
    RosterDoc => Roster, StationRoster
);
document_marker!(
    /// `station/{station}/community`: the district workbook (key persons and sites, visits,
    /// mediation cases, intelligence reports, patrols, outreach, rapid responses, photos).
    CommunityDoc => Community, StationCommunity
);

/// Why a write was refused. Nothing of a refused write is applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WriteError {
    /// The document was written by a newer app version; this one may only read it.
    #[error(
        "read-only: written by a newer version of Liandong (schema {found}, this app supports up to {supported}); update the app to edit"
    )]
    NewerSchema {
        /// Schema version found in the document.
        found: i64,
        /// Highest version this build understands ([`SCHEMA_VERSION`]).
        supported: i64,
    },
    /// The document says it is of another kind (a wrong id was opened).
    #[error("document holds {found}, not {expected:?}")]
    WrongKind {
        /// The kind this view expected.
        expected: DocumentKind,
        /// The kind recorded in the document.
        found: String,
    },
    /// The record could not be turned into fields (a bug, not user input).
    #[error("record {0} could not be serialised: {1}")]
    Serialize(&'static str, String),
    /// The record to change does not exist.
    #[error("no record {collection}/{id}")]
    NotFound {
        /// The collection searched.
        collection: &'static str,
        /// The id asked for.
        id: RecordId,
    },
    /// A rule of the domain refused the change.
    #[error("{0}")]
    Invalid(Refusal),
}

/// A record as stored: its typed value and its tombstone.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<R> {
    /// The record.
    pub record: R,
    /// When it was deleted, if it was.
    pub deleted_at: Option<Timestamp>,
}

/// The records of a collection: those that could be read, sorted by id, and those that
/// could not (with the reason), so a screen shows what it can and says what it cannot.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<R> {
    /// Readable records, in id (creation) order.
    pub records: Vec<Stored<R>>,
    /// Records that did not fit this version's type.
    pub unreadable: Vec<RecordError>,
}

impl<R> Listing<R> {
    /// The readable records without their tombstones.
    pub fn into_records(self) -> Vec<R> {
        self.records.into_iter().map(|s| s.record).collect()
    }
}

/// A typed view over one Yjs document of kind `D`.
#[derive(Clone)]
pub struct View<D> {
    doc: Doc,
    author: Option<RecordId>,
    _kind: PhantomData<D>,
}

impl<D: DocumentMarker> View<D> {
    /// A view over `doc`. Opening writes nothing.
    pub fn new(doc: Doc) -> Self {
        Self { doc, author: None, _kind: PhantomData }
    }

    /// A view whose writes also record that this device's Yjs client id belongs to
    /// `officer` (the document's `devices` map), so merged edits can be attributed.
    pub fn with_author(doc: Doc, officer: RecordId) -> Self {
        Self { doc, author: Some(officer), _kind: PhantomData }
    }

    /// The underlying document.
    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// What the document's schema version means for this build.
    pub fn schema(&self) -> SchemaStatus {
        schema::status(&self.doc.transact(), D::KIND)
    }

    /// One record by id (also when tombstoned); `Ok(None)` when absent.
    pub fn get<R: Record<Document = D>>(&self, id: RecordId) -> Result<Option<Stored<R>>, RecordError> {
        let txn = self.doc.transact();
        let Some(collection) = txn.get_map(R::COLLECTION) else { return Ok(None) };
        match collection.get(&txn, &id.to_string()) {
            Some(Out::YMap(record)) => read_record::<R, _>(&txn, &id.to_string(), &record).map(Some),
            Some(_) => {
                Err(RecordError { collection: R::COLLECTION, id: id.to_string(), reason: "not a record map".into() })
            }
            None => Ok(None),
        }
    }

    /// The live (not tombstoned) records of `R`'s collection.
    pub fn list<R: Record<Document = D>>(&self) -> Listing<R> {
        let mut listing = self.list_including_deleted::<R>();
        listing.records.retain(|s| s.deleted_at.is_none());
        listing
    }

    /// Every record of `R`'s collection, tombstoned ones included.
    pub fn list_including_deleted<R: Record<Document = D>>(&self) -> Listing<R> {
        let txn = self.doc.transact();
        let mut listing = Listing { records: Vec::new(), unreadable: Vec::new() };
        let Some(collection) = txn.get_map(R::COLLECTION) else { return listing };
        let mut entries: Vec<(String, Out)> = collection.iter(&txn).map(|(k, v)| (k.to_owned(), v)).collect();
        crate::sort::by(&mut entries, |a, b| a.0.cmp(&b.0));
        for (key, value) in entries {
            let result = match value {
                Out::YMap(record) => read_record::<R, _>(&txn, &key, &record),
                _ => Err(RecordError { collection: R::COLLECTION, id: key.clone(), reason: "not a record map".into() }),
            };
            match result {
                Ok(stored) => listing.records.push(stored),
                Err(e) => listing.unreadable.push(e),
            }
        }
        listing
    }

    /// The fields of record `id` that were written concurrently by several devices.
    pub fn conflicts<R: Record<Document = D>>(&self, id: RecordId) -> Vec<FieldConflict> {
        let txn = self.doc.transact();
        let record = txn.get_map(R::COLLECTION).and_then(|c| c.get(&txn, &id.to_string()));
        match record {
            Some(Out::YMap(record)) => conflict::conflicts(&txn, &record),
            _ => Vec::new(),
        }
    }

    /// The Yjs client ids that wrote record `id` of `R`'s collection: the client that
    /// created it (the client of the record map's own Yjs item), then the clients whose
    /// field edits are still marked ([`conflict::editors`]), each once. Empty when absent.
    /// [`View::devices`] says which officer each client wrote for.
    pub fn writers<R: Record<Document = D>>(&self, id: RecordId) -> Vec<u64> {
        let txn = self.doc.transact();
        let record = txn.get_map(R::COLLECTION).and_then(|c| c.get(&txn, &id.to_string()));
        let Some(Out::YMap(record)) = record else { return Vec::new() };
        let mut clients = Vec::new();
        if let yrs::branch::BranchID::Nested(item) = record.as_ref().id() {
            clients.push(item.client.get());
        }
        for client in conflict::editors(&txn, &record) {
            if !clients.contains(&client) {
                clients.push(client);
            }
        }
        clients
    }

    /// Which officer each Yjs client id of this document wrote for (the `devices` map).
    pub fn devices(&self) -> Vec<(u64, RecordId)> {
        let txn = self.doc.transact();
        let Some(devices) = txn.get_map(schema::DEVICES) else { return Vec::new() };
        devices
            .iter(&txn)
            .filter_map(|(client, officer)| {
                let client = client.parse().ok()?;
                let Out::Any(yrs::Any::String(officer)) = officer else { return None };
                Some((client, officer.parse().ok()?))
            })
            .collect()
    }

    /// Writes `record` (only its changed fields) in one transaction.
    pub fn put<R: Record<Document = D>>(&self, record: &R) -> Result<(), WriteError> {
        self.write(|w| w.put(record))
    }

    /// Sets the tombstone of record `id` of `R`'s collection to `at` (kept if already set).
    pub fn delete<R: Record<Document = D>>(&self, id: RecordId, at: Timestamp) -> Result<(), WriteError> {
        self.write(|w| w.delete::<R>(id, at))
    }

    /// Runs `f` with a writer inside one transaction. Checks the schema first: a newer or
    /// foreign document refuses before anything is written. If `f` fails, its writes are
    /// still in the transaction, so `f` must validate before it writes.
    pub fn write<T>(&self, f: impl FnOnce(&mut Writer<'_, D>) -> Result<T, WriteError>) -> Result<T, WriteError> {
        if let SchemaStatus::Refused(e) = self.schema() {
            return Err(e);
        }
        let client = self.doc.client_id().get();
        let mut txn = self.doc.transact_mut();
        schema::stamp(&mut txn, D::KIND);
        if let Some(author) = self.author {
            schema::register_device(&mut txn, client, author);
        }
        let mut writer = Writer { txn, client, now_ms: Timestamp::now().as_millisecond(), _kind: PhantomData };
        f(&mut writer)
    }
}

/// Writes records inside one transaction of a [`View`].
pub struct Writer<'doc, D> {
    txn: TransactionMut<'doc>,
    client: u64,
    now_ms: i64,
    _kind: PhantomData<D>,
}

impl<D: DocumentMarker> Writer<'_, D> {
    /// Writes `record`: a new record with all its fields, an existing one with only the
    /// fields whose value changed (each with a write marker for conflict detection).
    /// Fields stored by a newer app version that `R` does not know are left untouched.
    pub fn put<R: Record<Document = D>>(&mut self, record: &R) -> Result<(), WriteError> {
        let fields = record_fields(record)?;
        let key = record.id().to_string();
        let collection = self.txn.get_or_insert_map(R::COLLECTION);
        match collection.get(&self.txn, &key) {
            Some(Out::YMap(existing)) => {
                for (field, value) in fields {
                    let new = to_any(&value);
                    let unchanged = matches!(existing.get(&self.txn, &field), Some(Out::Any(old)) if old == new);
                    if !unchanged {
                        existing.insert(&mut self.txn, field.as_str(), new);
                        conflict::mark_write(&mut self.txn, &existing, &field, self.client, self.now_ms);
                    }
                }
            }
            _ => {
                let prelim: MapPrelim = fields.iter().map(|(k, v)| (k.as_str(), to_any(v))).collect();
                collection.insert(&mut self.txn, key, prelim);
            }
        }
        Ok(())
    }

    /// Sets the tombstone of record `id` to `at`, unless it is already deleted.
    pub fn delete<R: Record<Document = D>>(&mut self, id: RecordId, at: Timestamp) -> Result<(), WriteError> {
        let collection = self.txn.get_or_insert_map(R::COLLECTION);
        let Some(Out::YMap(record)) = collection.get(&self.txn, &id.to_string()) else {
            return Err(WriteError::NotFound { collection: R::COLLECTION, id });
        };
        let already = matches!(record.get(&self.txn, DELETED_AT), Some(Out::Any(yrs::Any::String(_))));
        if !already {
            record.insert(&mut self.txn, DELETED_AT, at.to_string());
        }
        Ok(())
    }

    /// Removes the tombstone of record `id` (the undo of a [`Writer::delete`] just made,
    /// e.g. a merge undone); the record must exist.
    pub fn undelete<R: Record<Document = D>>(&mut self, id: RecordId) -> Result<(), WriteError> {
        let collection = self.txn.get_or_insert_map(R::COLLECTION);
        let Some(Out::YMap(record)) = collection.get(&self.txn, &id.to_string()) else {
            return Err(WriteError::NotFound { collection: R::COLLECTION, id });
        };
        record.remove(&mut self.txn, DELETED_AT);
        Ok(())
    }

    /// The transaction's view of the document, for reads between writes.
    pub fn txn(&self) -> &TransactionMut<'_> {
        &self.txn
    }
}

/// The fields of `record` as JSON values, without its id.
fn record_fields<R: Record>(record: &R) -> Result<Vec<(String, Value)>, WriteError> {
    let value = serde_json::to_value(record).map_err(|e| WriteError::Serialize(R::COLLECTION, e.to_string()))?;
    let Value::Object(map) = value else {
        return Err(WriteError::Serialize(R::COLLECTION, "not a struct".into()));
    };
    Ok(map.into_iter().filter(|(k, _)| k != ID_FIELD && k != DELETED_AT && !conflict::is_marker(k)).collect())
}

/// Reads one record map as `R`; `key` becomes its id.
fn read_record<R: Record, T: ReadTxn>(txn: &T, key: &str, record: &MapRef) -> Result<Stored<R>, RecordError> {
    let error = |reason: String| RecordError { collection: R::COLLECTION, id: key.to_owned(), reason };
    let mut fields: Vec<(&str, yrs::Any)> = Vec::new();
    let mut deleted_at = None;
    for (field, value) in record.iter(txn) {
        if conflict::is_marker(field) {
            continue;
        }
        let Out::Any(any) = value else { continue };
        if field == DELETED_AT {
            if let yrs::Any::String(s) = &any {
                deleted_at = Some(s.parse::<Timestamp>().map_err(|_| error("bad deleted_at".to_owned()))?);
            }
            continue;
        }
        fields.push((field, any));
    }
    let id = yrs::Any::from(key);
    let all = fields.iter().map(|(k, v)| (*k, v)).chain(std::iter::once((ID_FIELD, &id))).collect();
    let record = crate::record::de::from_fields::<R>(all).map_err(|e| error(e.to_string()))?;
    Ok(Stored { record, deleted_at })
}
