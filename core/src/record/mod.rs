//! Records: typed structs stored field by field in a document collection.
//!
//! Inside a document each collection is a root `Y.Map` named [`Record::COLLECTION`], keyed by
//! the record's [`RecordId`]; each record is a nested `Y.Map` of fields (docs/architecture.md
//! "Documents"). A record's struct is (de)serialised with serde one field at a time, so:
//! - only fields that changed are written, and concurrent edits of different fields merge;
//! - fields a newer app version added are kept untouched when this version writes;
//! - the record's id is the map key and is not stored again as a field;
//! - `deleted_at` (an RFC 3339 timestamp) is the tombstone, handled by the views;
//! - keys starting with `~` are write markers ([`conflict`]), never record fields.

pub mod conflict;
pub mod de;
pub mod snapshot;
pub mod value;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::docs::DocumentMarker;
use crate::ids::RecordId;

/// A record type and where it lives.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// The kind of document that holds this record type.
    type Document: DocumentMarker;
    /// Name of the collection's root `Y.Map`, e.g. `"officers"`.
    const COLLECTION: &'static str;
    /// The record's id (its key in the collection).
    fn id(&self) -> RecordId;
}

/// Field name of the tombstone: set once, never removed (docs/architecture.md "Documents").
pub const DELETED_AT: &str = "deleted_at";
/// Field name under which the id travels through serde (stripped before storage).
pub const ID_FIELD: &str = "id";

/// Why a stored record could not be read as its type.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{collection}/{id}: {reason}")]
pub struct RecordError {
    /// The collection, e.g. `"bulletins"`.
    pub collection: &'static str,
    /// The key of the record in its collection.
    pub id: String,
    /// What does not fit: a missing field, a value of the wrong type, an unknown variant
    /// (often a record written by a newer app version).
    pub reason: String,
}
