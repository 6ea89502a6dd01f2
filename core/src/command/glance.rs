//! Whether an officer has a dispatch running, read straight from the command document's
//! `commitments` map without decoding its records: Home asks this on every start, and the
//! answer is almost always no, so the code that decodes commitments (its own Wasm module in
//! the app) is fetched only for an officer who is dispatched.

use yrs::{Any, Map, Out, ReadTxn, Transact};

use crate::docs::RegionCommand;
use crate::ids::RecordId;
use crate::model::Commitment;
use crate::record::{DELETED_AT, Record};

/// Whether `view` holds a commitment of officer `officer` that is not returned, cancelled
/// or deleted (what [`Commitment::is_active`] says, from the raw fields). A record of an
/// unexpected shape counts as no.
pub fn has_active_commitment(view: &RegionCommand, officer: RecordId) -> bool {
    let me = officer.to_string();
    let txn = view.doc().transact();
    let Some(commitments) = txn.get_map(Commitment::COLLECTION) else { return false };
    let set = |record: &yrs::MapRef, field: &str| {
        record.get(&txn, field).is_some_and(|v| !matches!(v, Out::Any(Any::Null | Any::Undefined)))
    };
    commitments.iter(&txn).any(|(_, value)| {
        let Out::YMap(record) = value else { return false };
        let mine = match record.get(&txn, "resource") {
            Some(Out::Any(Any::Map(resource))) => {
                matches!(resource.get("officer"), Some(Any::String(id)) if id.as_ref() == me)
            }
            _ => false,
        };
        mine && !set(&record, "returned") && !set(&record, "cancelled") && !set(&record, DELETED_AT)
    })
}
