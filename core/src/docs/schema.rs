//! The `meta` map of every document: its kind and schema version, and the `devices` map
//! that attributes Yjs client ids to officers.
//!
//! `meta.schema_version` is written with the first write (opening writes nothing). A
//! document whose version is above [`SCHEMA_VERSION`] was written by a newer app: this
//! build reads what it can and refuses to write, rather than misread or damage it.

use yrs::{Any, Map, Out, ReadTxn, TransactionMut, WriteTxn};

use super::WriteError;
use crate::document_id::DocumentKind;
use crate::ids::RecordId;
use crate::record::value::to_json;

/// The document schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = 1;
/// Root map holding `schema_version` and `kind`.
pub const META: &str = "meta";
/// Root map from Yjs client id (decimal text) to officer id.
pub const DEVICES: &str = "devices";

/// What a document's `meta` says to this build.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaStatus {
    /// Never written: empty or only holding data without meta.
    New,
    /// Written at a version this build understands.
    Current(i64),
    /// Readable as far as possible, but writes are refused with this error.
    Refused(WriteError),
}

impl SchemaStatus {
    /// The message to show when the document is read-only, if it is.
    pub fn read_only_reason(&self) -> Option<String> {
        match self {
            SchemaStatus::Refused(e) => Some(e.to_string()),
            _ => None,
        }
    }
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Directory => "directory",
        DocumentKind::Bulletins | DocumentKind::CountyBulletins => "bulletins",
        DocumentKind::Command => "command",
        DocumentKind::Roster => "roster",
        DocumentKind::Community => "community",
    }
}

/// Reads the schema status of a document expected to be of `kind`.
pub fn status<T: ReadTxn>(txn: &T, kind: DocumentKind) -> SchemaStatus {
    let Some(meta) = txn.get_map(META) else { return SchemaStatus::New };
    if let Some(Out::Any(Any::String(found))) = meta.get(txn, "kind")
        && &*found != kind_name(kind)
    {
        return SchemaStatus::Refused(WriteError::WrongKind { expected: kind, found: found.to_string() });
    }
    match meta.get(txn, "schema_version") {
        Some(Out::Any(any)) => match to_json(&any).as_i64() {
            Some(v) if v > SCHEMA_VERSION => {
                SchemaStatus::Refused(WriteError::NewerSchema { found: v, supported: SCHEMA_VERSION })
            }
            Some(v) => SchemaStatus::Current(v),
            None => SchemaStatus::New,
        },
        _ => SchemaStatus::New,
    }
}

/// Writes kind and version into `meta` if they are not there yet.
pub(crate) fn stamp(txn: &mut TransactionMut, kind: DocumentKind) {
    let meta = txn.get_or_insert_map(META);
    if meta.get(txn, "schema_version").is_none() {
        meta.insert(txn, "schema_version", SCHEMA_VERSION);
    }
    if meta.get(txn, "kind").is_none() {
        meta.insert(txn, "kind", kind_name(kind));
    }
}

/// Records that Yjs client `client` writes on behalf of `officer`.
pub(crate) fn register_device(txn: &mut TransactionMut, client: u64, officer: RecordId) {
    let devices = txn.get_or_insert_map(DEVICES);
    let key = client.to_string();
    let officer = officer.to_string();
    let known = matches!(devices.get(txn, &key), Some(Out::Any(Any::String(s))) if *s == *officer);
    if !known {
        devices.insert(txn, key, officer);
    }
}
