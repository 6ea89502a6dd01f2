//! Removing a record of the workbook logged by mistake (a wrong person visited, a patrol
//! logged twice): a visit, an intelligence report, a patrol, an outreach event or a rapid
//! response is tombstoned, with its photo if it has one, and leaves the lists and the
//! month's figures. Who may: the officer who logged it, or the station head. What may not:
//! a report already forwarded or a response already raised (a copy of it is in the
//! region's documents, where others may have acted on it). Mediation cases are files and
//! stay.

use jiff::Timestamp;

use super::edit::{WorkbookRefusal, refuse};
use crate::docs::{CommunityDoc, StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{CommunityReport, Mark, Outreach, Patrol, RapidResponse, Role, Visit, WorkbookPhoto};
use crate::record::Record;

/// A workbook record an officer logged, which may be removed.
pub trait Logged: Record<Document = CommunityDoc> {
    /// Who logged it and when.
    fn logged(&self) -> Mark;
    /// Whether a copy of it left the station (forwarded, raised).
    fn shared(&self) -> bool {
        false
    }
}

impl Logged for Visit {
    fn logged(&self) -> Mark {
        self.logged
    }
}

impl Logged for Patrol {
    fn logged(&self) -> Mark {
        self.logged
    }
}

impl Logged for Outreach {
    fn logged(&self) -> Mark {
        self.logged
    }
}

impl Logged for CommunityReport {
    fn logged(&self) -> Mark {
        self.logged
    }
    fn shared(&self) -> bool {
        self.forwarded.is_some()
    }
}

impl Logged for RapidResponse {
    fn logged(&self) -> Mark {
        self.logged
    }
    fn shared(&self) -> bool {
        self.raised.is_some()
    }
}

/// Whether `officer` of `role` may remove `record`: its author or the station head, and
/// only while no copy of it left the station.
pub fn may_remove<R: Logged>(record: &R, officer: RecordId, role: Role) -> bool {
    !record.shared() && (record.logged().by == officer || role == Role::StationHead)
}

/// Removes record `id` of kind `R` (and its photo) as `officer` of `role`, at `now`.
///
/// # Errors
/// [`WorkbookRefusal::Missing`] for a record not in the workbook (or removed already);
/// [`WorkbookRefusal::NotRemovable`] when [`may_remove`] says no; the view's.
pub fn remove<R: Logged>(
    view: &StationCommunity,
    id: RecordId,
    officer: RecordId,
    role: Role,
    now: Timestamp,
) -> Result<(), WriteError> {
    let record = match view.get::<R>(id) {
        Ok(Some(s)) if s.deleted_at.is_none() => s.record,
        _ => return refuse(WorkbookRefusal::Missing),
    };
    if !may_remove(&record, officer, role) {
        return refuse(WorkbookRefusal::NotRemovable);
    }
    let photo = matches!(view.get::<WorkbookPhoto>(id), Ok(Some(p)) if p.deleted_at.is_none());
    view.write(|w| {
        w.delete::<R>(id, now)?;
        if photo { w.delete::<WorkbookPhoto>(id, now) } else { Ok(()) }
    })
}
