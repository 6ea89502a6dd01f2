//! Writes of the workbook's field work ([`crate::model::community_log`]): community
//! intelligence reports, patrols and legal outreach, each checked before anything is saved
//! (refusals as in [`super::edit`]).
//!
//! Checks:
//! - a report's content filled in, at most [`MAX_TEXT`] characters;
//! - a patrol's area filled in (at most [`MAX_LINE`]), its finding at most [`MAX_TEXT`]
//!   (empty is allowed: a quiet patrol is logged too), 1 to [`MAX_PATROL_MINUTES`]
//!   minutes, at least one officer, not set out after now; a lead recorded from it needs
//!   findings;
//! - an outreach event's topic filled in (at most [`MAX_LINE`]), 1 to [`MAX_AUDIENCE`]
//!   people reached, not dated after today (China time);
//! - a rapid response's what (at most [`MAX_TEXT`]) and where (at most [`MAX_LINE`])
//!   filled in, at least one officer, not seen after now.

use jiff::Timestamp;
use jiff::civil::Date;

use super::edit::{MAX_LINE, MAX_TEXT, WorkbookField, WorkbookRefusal, photo_of, put_with_photo, refuse, text};
use crate::bulletins::PhotoDraft;
use crate::docs::{StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{CommunityReport, Outreach, Patrol, RapidResponse, ReportCategory, ReportSource};

/// The longest patrol, in minutes: 12 hours, a night's patrol with margin (the product's
/// figure, to catch a mistyped duration).
pub const MAX_PATROL_MINUTES: u32 = 12 * 60;

/// The most people an outreach event reaches: 10,000, a county town's market day (the
/// product's figure, to catch a mistyped count that would swell the month's figures).
pub const MAX_AUDIENCE: u32 = 10_000;

/// Saves a community intelligence report (new or corrected).
///
/// # Errors
/// [`WorkbookRefusal::Text`] (`ReportContent`); the view's.
pub fn put_report(view: &StationCommunity, report: &CommunityReport) -> Result<(), WriteError> {
    text(&report.content, WorkbookField::ReportContent, MAX_TEXT)?;
    view.put(report)
}

/// Logs a patrol; `now` is when it is logged (the mark of a lead report). With `lead`,
/// its findings are also recorded as a community intelligence report of that category
/// (source: this patrol), returned; both are written in one transaction, or neither.
///
/// # Errors
/// [`WorkbookRefusal::Text`] (`PatrolArea`, `PatrolFinding`),
/// [`WorkbookRefusal::LeadWithoutFindings`], [`WorkbookRefusal::PatrolMinutes`],
/// [`WorkbookRefusal::NoOfficers`], [`WorkbookRefusal::FutureTime`]; the view's.
pub fn log_patrol(
    view: &StationCommunity,
    patrol: &Patrol,
    lead: Option<ReportCategory>,
    now: Timestamp,
) -> Result<Option<CommunityReport>, WriteError> {
    text(&patrol.area, WorkbookField::PatrolArea, MAX_LINE)?;
    if patrol.found.trim().chars().count() > MAX_TEXT {
        return refuse(WorkbookRefusal::Text { field: WorkbookField::PatrolFinding, max: MAX_TEXT });
    }
    if !(1..=MAX_PATROL_MINUTES).contains(&patrol.minutes) {
        return refuse(WorkbookRefusal::PatrolMinutes { max: MAX_PATROL_MINUTES });
    }
    if patrol.officers.is_empty() {
        return refuse(WorkbookRefusal::NoOfficers);
    }
    if patrol.start > now {
        return refuse(WorkbookRefusal::FutureTime);
    }
    let report = lead.map(|category| CommunityReport {
        id: RecordId::new(),
        category,
        source: ReportSource::Patrol,
        patrol: Some(patrol.id),
        village: None,
        content: patrol.found.trim().to_owned(),
        logged: patrol.logged,
        forwarded: None,
    });
    if report.as_ref().is_some_and(|r| r.content.is_empty()) {
        return refuse(WorkbookRefusal::LeadWithoutFindings);
    }
    view.write(|w| {
        w.put(patrol)?;
        report.iter().try_for_each(|r| w.put(r))
    })?;
    Ok(report)
}

/// Logs a legal outreach event, with its photo if one was taken; `today` is the China civil
/// date now.
///
/// # Errors
/// [`WorkbookRefusal::Text`] (`OutreachTopic`), [`WorkbookRefusal::Audience`],
/// [`WorkbookRefusal::FutureDay`], [`WorkbookRefusal::PhotoTooLarge`]; the view's.
pub fn log_outreach(
    view: &StationCommunity,
    event: &Outreach,
    photo: Option<&PhotoDraft>,
    today: Date,
) -> Result<(), WriteError> {
    text(&event.topic, WorkbookField::OutreachTopic, MAX_LINE)?;
    if !(1..=MAX_AUDIENCE).contains(&event.audience) {
        return refuse(WorkbookRefusal::Audience { max: MAX_AUDIENCE });
    }
    if event.on > today {
        return refuse(WorkbookRefusal::FutureDay);
    }
    let photo = photo.map(|p| photo_of(event.id, p)).transpose()?;
    put_with_photo(view, event, photo)
}

/// Logs a rapid response; `now` is when it is logged.
///
/// # Errors
/// [`WorkbookRefusal::Text`] (`ResponseWhat`, `ResponsePlace`),
/// [`WorkbookRefusal::NoOfficers`], [`WorkbookRefusal::FutureTime`]; the view's.
pub fn log_response(view: &StationCommunity, response: &RapidResponse, now: Timestamp) -> Result<(), WriteError> {
    text(&response.what, WorkbookField::ResponseWhat, MAX_TEXT)?;
    text(&response.place, WorkbookField::ResponsePlace, MAX_LINE)?;
    if response.officers.is_empty() {
        return refuse(WorkbookRefusal::NoOfficers);
    }
    if response.at > now {
        return refuse(WorkbookRefusal::FutureTime);
    }
    view.put(response)
}
