//! Activating a contingency plan (预案) on an incident drafts its support request: the
//! plan's lines become the request's, for the incident's station (the region's center when
//! the incident names none), at the incident's place. The commander adjusts the draft and
//! saves it ([`super::edit::save_request`]), then commits.

use jiff::{SignedDuration, Timestamp};

use crate::ids::RecordId;
use crate::model::{ContingencyPlan, Incident, Mark, SupportRequest};

/// How long after activation the help is wanted by default: one hour.
pub const NEEDED_WITHIN: SignedDuration = SignedDuration::from_hours(1);
/// How long a drafted request asks for help by default: 24 hours.
pub const NEEDED_FOR: SignedDuration = SignedDuration::from_hours(24);

/// The request `plan` drafts for `incident`, raised by `mark` with id `id`; `center` is the
/// region's center station. Not saved.
pub fn draft_request(
    plan: &ContingencyPlan,
    incident: &Incident,
    center: RecordId,
    id: RecordId,
    mark: Mark,
) -> SupportRequest {
    let needed_by = mark.at.checked_add(NEEDED_WITHIN).unwrap_or(mark.at);
    let until = needed_by.checked_add(NEEDED_FOR).unwrap_or(Timestamp::MAX);
    let place = match (&incident.village, incident.place.trim()) {
        (Some(v), "") => v.clone(),
        (Some(v), p) => format!("{v} {p}"),
        (None, p) => p.to_owned(),
    };
    SupportRequest {
        id,
        station: incident.station.unwrap_or(center),
        incident: Some(incident.id),
        raised: mark,
        place,
        needed_by,
        until,
        items: plan.items.iter().map(|l| l.item.clone()).collect(),
        detail: plan.steps.join("\n"),
        plan: Some(plan.id),
        cancelled: None,
    }
}
