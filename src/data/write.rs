//! The write door: every change a screen makes goes through [`write`] (or [`writer`] for
//! code in core that takes a view), which finds the open document, checks the officer's
//! right to write it, and attributes the change to the officer (the document's `devices`
//! map, so a finding after a merge can say who made each edit).

use liandong_core::DocumentId;
use liandong_core::docs::{DocumentMarker, View, WriteError, Writer};

use crate::sync;

/// Why a write did not happen. Nothing of it was applied. Worded for the officer by
/// `components::fmt::write_failure`.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteFailure {
    /// The document is not open on this device (not loaded yet, or outside the scope).
    NotOpen,
    /// Nobody is signed in.
    SignedOut,
    /// The officer may read the document but not write it.
    NoRight,
    /// Core refused the change (a rule, a newer schema).
    Refused(WriteError),
}

impl From<WriteError> for WriteFailure {
    fn from(e: WriteError) -> Self {
        WriteFailure::Refused(e)
    }
}

/// A view of document `id` whose writes are the signed-in officer's.
///
/// # Errors
/// [`WriteFailure::NotOpen`], [`WriteFailure::SignedOut`] or [`WriteFailure::NoRight`].
pub fn writer<D: DocumentMarker>(id: &DocumentId) -> Result<View<D>, WriteFailure> {
    let (doc, _) = sync::open_doc(id).ok_or(WriteFailure::NotOpen)?;
    let officer = sync::officer_id().ok_or(WriteFailure::SignedOut)?;
    if !sync::rights(id).can_write() {
        return Err(WriteFailure::NoRight);
    }
    Ok(View::with_author(doc, officer))
}

/// Runs `f` in one transaction on document `id` as the signed-in officer: all of it is
/// applied or none.
///
/// # Errors
/// Those of [`writer`], and [`WriteFailure::Refused`] with core's reason.
pub fn write<D: DocumentMarker, T>(
    id: &DocumentId,
    f: impl FnOnce(&mut Writer<'_, D>) -> Result<T, WriteError>,
) -> Result<T, WriteFailure> {
    Ok(writer::<D>(id)?.write(f)?)
}
