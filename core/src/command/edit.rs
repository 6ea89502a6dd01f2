//! Writes to a region's command document, each checked before anything is written: a
//! refused write is a [`WriteError::Invalid`] with its [`Refusal`], and nothing of it is
//! saved. The app calls these through its one door to data; the relay checks only the
//! right to write the document.
//!
//! Checks (docs/domain.md "Regional command"):
//! - texts filled in and short enough ([`MAX_TEXT`], [`MAX_LINE`]);
//! - requests and plans: at least one line, counts of 1 or more, kinds this version
//!   knows, skills of the catalogue, "until" after "by when";
//! - commitments: an officer or item of a station of the region, answering its line, not
//!   in repair, not committed already for an overlapping time, on an open request;
//! - steps in order (dispatched, on scene, released, returned), each at or after the one
//!   before; nothing after the return or a cancellation;
//! - a record of a newer version (a kind this one reads as `Unknown`) is read-only: writing
//!   it back would replace what this version cannot read.

use super::state::CommandState;
use crate::docs::{Refusal, RegionCommand, StepName, TextField, WriteError};
use crate::ids::RecordId;
use crate::model::{
    Closure, Commitment, ContingencyPlan, Equipment, EquipmentKind, EquipmentStatus, Incident, IncidentKind,
    IncidentNote, Mark, Need, RequestItem, Resource, SupportRequest,
};
use crate::org::Organisation;

use super::stage::Stage;

/// Most characters of a summary, detail or result.
pub const MAX_TEXT: usize = 2000;
/// Most characters of a one-line text (place, plate, title, note line).
pub const MAX_LINE: usize = 200;

fn refuse<T>(r: Refusal) -> Result<T, WriteError> {
    Err(WriteError::Invalid(r))
}

fn text(value: &str, field: TextField, max: usize) -> Result<(), WriteError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max { refuse(Refusal::Text { field, max }) } else { Ok(()) }
}

/// The stations of `region`, center first (empty for an unknown region).
pub fn region_stations(org: &Organisation, region: RecordId) -> Vec<RecordId> {
    org.regions.iter().find(|r| r.id == region).map(|r| r.stations().collect()).unwrap_or_default()
}

fn in_region(org: &Organisation, region: RecordId, station: Option<RecordId>) -> Result<(), WriteError> {
    match station {
        Some(s) if region_stations(org, region).contains(&s) => Ok(()),
        _ => refuse(Refusal::OtherRegion),
    }
}

/// Checks the lines of a request or plan.
pub fn check_lines<'a>(org: &Organisation, items: impl Iterator<Item = &'a RequestItem>) -> Result<(), WriteError> {
    let mut any = false;
    for (line, item) in items.enumerate() {
        any = true;
        if item.count < 1 {
            return refuse(Refusal::CountBelowOne { line });
        }
        let known = match &item.need {
            Need::Officers { skill } => skill.as_ref().is_none_or(|k| org.skills.iter().any(|s| &s.code == k)),
            Need::Vehicle => true,
            Need::Equipment { kind } => *kind != EquipmentKind::Unknown,
        };
        if !known {
            return refuse(Refusal::UnknownKind { line });
        }
    }
    if any { Ok(()) } else { refuse(Refusal::NoLines) }
}

/// Opens (or edits) an incident of `region`.
pub fn save_incident(view: &RegionCommand, org: &Organisation, incident: &Incident) -> Result<(), WriteError> {
    text(&incident.summary, TextField::IncidentSummary, MAX_TEXT)?;
    if incident.kind == IncidentKind::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    if incident.station.is_some() {
        in_region(org, incident.region, incident.station)?;
    }
    view.put(incident)
}

/// Edits open incident `incident` (found by its id in `state`) as `mark`: what, where,
/// when, urgency, summary and operation, with the checks of [`save_incident`]. Who opened
/// it, its plan and its closing are kept as stored; `edited` becomes `mark`. Only the
/// fields that changed are written, so an edit of the summary on one device and of the
/// place on another both stay after a merge.
///
/// # Errors
/// [`Refusal::Missing`] for an incident not in `state`, [`Refusal::IncidentClosed`] for a
/// closed one, [`Refusal::UnknownKind`] for one of a kind this version does not know
/// (read-only here), and those of [`save_incident`].
pub fn edit_incident(
    view: &RegionCommand,
    org: &Organisation,
    state: &CommandState,
    incident: &Incident,
    mark: Mark,
) -> Result<(), WriteError> {
    let Some(stored) = state.incident(incident.id) else { return refuse(Refusal::Missing) };
    if stored.closed.is_some() {
        return refuse(Refusal::IncidentClosed);
    }
    if stored.kind == IncidentKind::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    let edited = Incident {
        region: stored.region,
        opened: stored.opened,
        plan: stored.plan,
        closed: None,
        edited: Some(mark),
        ..incident.clone()
    };
    save_incident(view, org, &edited)
}

/// Adds a line to an incident's timeline.
pub fn add_note(view: &RegionCommand, state: &CommandState, note: &IncidentNote) -> Result<(), WriteError> {
    text(&note.text, TextField::IncidentNote, MAX_TEXT)?;
    if state.incident(note.incident).is_none() {
        return refuse(Refusal::Missing);
    }
    view.put(note)
}

/// Closes incident `id` with its result.
pub fn close_incident(
    view: &RegionCommand,
    state: &CommandState,
    id: RecordId,
    closure: Closure,
) -> Result<(), WriteError> {
    text(&closure.result, TextField::IncidentResult, MAX_TEXT)?;
    let Some(incident) = state.incident(id) else { return refuse(Refusal::Missing) };
    if incident.closed.is_some() {
        return refuse(Refusal::IncidentClosed);
    }
    // Written by a newer version (a kind this one does not know): read-only here, since
    // writing it back would replace the kind with `unknown`.
    if incident.kind == IncidentKind::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    view.put(&Incident { closed: Some(closure), ..incident.clone() })
}

/// Raises (or edits) a support request of a station of `region`.
pub fn save_request(
    view: &RegionCommand,
    org: &Organisation,
    region: RecordId,
    request: &SupportRequest,
) -> Result<(), WriteError> {
    in_region(org, region, Some(request.station))?;
    text(&request.place, TextField::RequestPlace, MAX_LINE)?;
    check_lines(org, request.items.iter())?;
    if request.until <= request.needed_by {
        return refuse(Refusal::EndBeforeStart);
    }
    view.put(request)
}

/// Withdraws request `id`.
///
/// Its commitments not yet set out are cancelled with it, in one transaction; those on the
/// way or on scene stay, to be released and returned (the officers are out there).
pub fn cancel_request(view: &RegionCommand, state: &CommandState, id: RecordId, mark: Mark) -> Result<(), WriteError> {
    let Some(request) = state.request(id) else { return refuse(Refusal::Missing) };
    if request.cancelled.is_some() {
        return refuse(Refusal::RequestClosed);
    }
    view.write(|w| {
        w.put(&SupportRequest { cancelled: Some(mark), ..request.clone() })?;
        for c in state.commitments_of(id).filter(|c| c.stage() == Stage::Committed) {
            w.put(&Commitment { cancelled: Some(mark), ..c.clone() })?;
        }
        Ok(())
    })
}

/// The station `resource` belongs to, and whether it answers `need`.
/// The station of `resource` if it answers `need` from `from` on: an officer of the
/// organisation holding the line's skill (a grant valid on that day, China time), an
/// available item of the line's kind.
fn resource_fits(
    org: &Organisation,
    state: &CommandState,
    resource: Resource,
    need: &Need,
    from: jiff::Timestamp,
) -> Result<Option<RecordId>, Refusal> {
    match (resource, need) {
        (Resource::Officer(id), Need::Officers { skill }) => {
            let officer = org.officers.iter().find(|o| o.id == id).ok_or(Refusal::Missing)?;
            let day = crate::time::in_china(from).date();
            if let Some(skill) = skill
                && !org.skill_grants.iter().any(|g| g.officer == id && &g.skill == skill && g.valid_on(day))
            {
                return Err(Refusal::WrongResource { line: 0 });
            }
            Ok(officer.station)
        }
        (Resource::Equipment(id), Need::Vehicle | Need::Equipment { .. }) => {
            let item = state.item(id).ok_or(Refusal::Missing)?;
            if !super::pool::answers(need, item.kind) {
                return Err(Refusal::WrongResource { line: 0 });
            }
            if item.status != EquipmentStatus::Available {
                return Err(Refusal::ItemUnusable);
            }
            Ok(Some(item.station))
        }
        _ => Err(Refusal::WrongResource { line: 0 }),
    }
}

/// Commits an officer or item to a line of a request, from a station of `region`.
/// `commitment.station` is set from the officer's or item's station.
pub fn commit(
    view: &RegionCommand,
    org: &Organisation,
    state: &CommandState,
    region: RecordId,
    commitment: &Commitment,
) -> Result<Commitment, WriteError> {
    let Some(request) = state.request(commitment.request) else { return refuse(Refusal::Missing) };
    if request.cancelled.is_some()
        || request.incident.and_then(|i| state.incident(i)).is_some_and(|i| i.closed.is_some())
    {
        return refuse(Refusal::RequestClosed);
    }
    let line = commitment.item as usize;
    let Some(item) = request.items.get(line) else { return refuse(Refusal::WrongResource { line }) };
    let station = match resource_fits(org, state, commitment.resource, &item.need, commitment.from) {
        Ok(station) => station,
        Err(Refusal::WrongResource { .. }) => return refuse(Refusal::WrongResource { line }),
        Err(r) => return refuse(r),
    };
    in_region(org, region, station)?;
    let Some(station) = station else { return refuse(Refusal::OtherRegion) };
    if commitment.until <= commitment.from {
        return refuse(Refusal::EndBeforeStart);
    }
    let clash = state.commitments.iter().find(|c| {
        c.resource == commitment.resource
            && c.id != commitment.id
            && c.window().is_some_and(|(f, t)| f < commitment.until && commitment.from < t)
    });
    if let Some(c) = clash {
        return refuse(Refusal::AlreadyCommitted { commitment: c.id });
    }
    let saved = Commitment { station, ..commitment.clone() };
    view.put(&saved)?;
    Ok(saved)
}

fn name(stage: Stage) -> StepName {
    match stage {
        Stage::Committed => StepName::Committed,
        Stage::Dispatched => StepName::Dispatched,
        Stage::OnScene => StepName::OnScene,
        Stage::Released => StepName::Released,
        Stage::Returned => StepName::Returned,
        Stage::Cancelled => StepName::Cancelled,
    }
}

/// Marks step `step` of commitment `id` (dispatched, on scene, released, returned, or
/// cancelled). A step needs the one before it (a return needs the dispatch; released
/// needs on scene) at an earlier or equal time; a step marked again (a corrected time)
/// stays at or before the step after it; a return also marks the release if it was
/// skipped. Nothing follows a return or a cancellation; a cancellation cannot follow a
/// dispatch (the officer must be released and returned).
pub fn mark_step(
    view: &RegionCommand,
    state: &CommandState,
    id: RecordId,
    step: Stage,
    mark: Mark,
) -> Result<Commitment, WriteError> {
    let Some(current) = state.commitments.iter().find(|c| c.id == id) else { return refuse(Refusal::Missing) };
    if current.returned.is_some() || current.cancelled.is_some() {
        return refuse(Refusal::Ended);
    }
    let mut next = current.clone();
    let before = match step {
        Stage::Committed => return refuse(Refusal::Ended),
        Stage::Dispatched => Some((current.committed, Stage::Committed)),
        Stage::OnScene => current.dispatched.map(|m| (m, Stage::Dispatched)),
        Stage::Released => current.on_scene.map(|m| (m, Stage::OnScene)),
        Stage::Returned => current
            .released
            .map(|m| (m, Stage::Released))
            .or(current.on_scene.map(|m| (m, Stage::OnScene)))
            .or(current.dispatched.map(|m| (m, Stage::Dispatched))),
        Stage::Cancelled => {
            if current.dispatched.is_some() {
                return refuse(Refusal::StepOrder { step: StepName::Cancelled, after: StepName::Dispatched });
            }
            next.cancelled = Some(mark);
            view.put(&next)?;
            return Ok(next);
        }
    };
    let required = match step {
        Stage::OnScene => StepName::Dispatched,
        Stage::Released => StepName::OnScene,
        _ => StepName::Dispatched,
    };
    let Some((prev, prev_stage)) = before else {
        return refuse(Refusal::StepOrder { step: name(step), after: required });
    };
    if mark.at < prev.at {
        return refuse(Refusal::StepOrder { step: name(step), after: name(prev_stage) });
    }
    let later = match step {
        Stage::Dispatched => current.on_scene.map(|m| (m, Stage::OnScene)),
        Stage::OnScene => current.released.map(|m| (m, Stage::Released)),
        _ => None,
    };
    if let Some((later, later_stage)) = later
        && later.at < mark.at
    {
        return refuse(Refusal::StepOrder { step: name(later_stage), after: name(step) });
    }
    match step {
        Stage::Dispatched => next.dispatched = Some(mark),
        Stage::OnScene => next.on_scene = Some(mark),
        Stage::Released => next.released = Some(mark),
        Stage::Returned => {
            next.released = next.released.or(Some(mark));
            next.returned = Some(mark);
        }
        Stage::Committed | Stage::Cancelled => {}
    }
    view.put(&next)?;
    Ok(next)
}

/// Makes the officer of commitment `id` the leader (带队) of the officers sent to its
/// request, and no other commitment of that request.
pub fn set_leader(view: &RegionCommand, state: &CommandState, id: RecordId) -> Result<(), WriteError> {
    let Some(chosen) = state.commitments.iter().find(|c| c.id == id) else { return refuse(Refusal::Missing) };
    if !matches!(chosen.resource, Resource::Officer(_)) {
        return refuse(Refusal::WrongResource { line: chosen.item as usize });
    }
    if !chosen.is_active() {
        return refuse(Refusal::Ended);
    }
    view.write(|w| {
        for c in state.commitments_of(chosen.request) {
            let leads = c.id == id;
            if c.leads != leads {
                w.put(&Commitment { leads, ..c.clone() })?;
            }
        }
        Ok(())
    })
}

/// Adds (or edits) an item of the region's pool, kept at a station of `region`.
pub fn save_equipment(
    view: &RegionCommand,
    org: &Organisation,
    region: RecordId,
    item: &Equipment,
) -> Result<(), WriteError> {
    if item.kind == EquipmentKind::Unknown || item.status == EquipmentStatus::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    text(&item.identifier, TextField::EquipmentIdentifier, MAX_LINE)?;
    in_region(org, region, Some(item.station))?;
    view.put(item)
}

/// Sets the status of item `id`, with who and when.
pub fn set_status(
    view: &RegionCommand,
    state: &CommandState,
    id: RecordId,
    status: EquipmentStatus,
    note: Option<String>,
    mark: Mark,
) -> Result<(), WriteError> {
    if status == EquipmentStatus::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    let Some(item) = state.item(id) else { return refuse(Refusal::Missing) };
    // Written by a newer version: read-only here (writing it back would lose its kind).
    if item.kind == EquipmentKind::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    view.put(&Equipment { status, changed: Some(mark), note, ..item.clone() })
}

/// Saves a contingency plan of `region`.
pub fn save_plan(view: &RegionCommand, org: &Organisation, plan: &ContingencyPlan) -> Result<(), WriteError> {
    text(&plan.title, TextField::PlanTitle, MAX_LINE)?;
    if plan.kind == IncidentKind::Unknown {
        return refuse(Refusal::UnknownKind { line: 0 });
    }
    check_lines(org, plan.items.iter().map(|i| &i.item))?;
    for line in &plan.items {
        for s in &line.stations {
            in_region(org, plan.region, Some(*s))?;
        }
    }
    view.put(plan)
}
