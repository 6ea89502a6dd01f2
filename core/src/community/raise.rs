//! Raising a rapid response (打现行) as an incident of the regional command (docs/domain.md
//! "Community work", "Regional command"): when an offence caught in the field needs more
//! than the officers on the spot, whoever may open incidents for the station (its head)
//! raises it, and the region's command board shows it like any incident, from which the
//! station asks for support. As with forwarding ([`super::forward`]), only this record
//! leaves the workbook, and the incident takes the record's id, so raising twice opens one.

use crate::command::edit::save_incident;
use crate::docs::{RegionCommand, StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{Incident, IncidentKind, Mark, RapidResponse, Urgency};
use crate::org::Organisation;

use super::edit::{WorkbookRefusal, refuse};

/// The incident a rapid response becomes: kind 其他, urgency 紧急, the station's, at its
/// place and time, its what as the summary, opened as `mark` says.
pub fn incident(response: &RapidResponse, region: RecordId, station: RecordId, mark: Mark) -> Incident {
    Incident {
        id: response.id,
        region,
        kind: IncidentKind::Other,
        station: Some(station),
        village: None,
        place: response.place.clone(),
        at: response.at,
        urgency: Urgency::Urgent,
        summary: response.what.clone(),
        opened: mark,
        operation: None,
        plan: None,
        closed: None,
        edited: None,
    }
}

/// Raises rapid response `id` of `community` as an incident of `region` in `command`, for
/// `station`, as `mark` says; returns the response as marked. One raised already is
/// returned unchanged.
///
/// # Errors
/// [`WorkbookRefusal::Missing`] for a response not in the workbook; those of
/// [`save_incident`] (a station outside the region); the views'.
pub fn raise(
    command: &RegionCommand,
    community: &StationCommunity,
    org: &Organisation,
    id: RecordId,
    region: RecordId,
    station: RecordId,
    mark: Mark,
) -> Result<RapidResponse, WriteError> {
    let Ok(Some(stored)) = community.get::<RapidResponse>(id) else { return refuse(WorkbookRefusal::Missing) };
    if stored.deleted_at.is_some() {
        return refuse(WorkbookRefusal::Missing);
    }
    let mut response = stored.record;
    if response.raised.is_some() {
        return Ok(response);
    }
    if !matches!(command.get::<Incident>(id), Ok(Some(_))) {
        save_incident(command, org, &incident(&response, region, station, mark))?;
    }
    response.raised = Some(mark);
    community.put(&response)?;
    Ok(response)
}
