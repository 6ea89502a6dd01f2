//! Writes to a station's district workbook, each checked before anything is written: a
//! refused write is a [`WriteError::Invalid`] carrying a [`WorkbookRefusal`], and nothing
//! of it is saved (docs/domain.md "Community work", bad input). The relay checks only the
//! right to write the document.
//!
//! Checks:
//! - names, findings, summaries and agreements filled in and short enough ([`MAX_TEXT`],
//!   [`MAX_LINE`]);
//! - a cadence of at least one day;
//! - no visit or control start dated after today (China time);
//! - a mediation case with at least one party, every party named;
//! - a case's steps in order: feedback and resolution not before the opening, the return
//!   visit not before the resolution, and none of them in the future.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::bulletins::PhotoDraft;
use crate::bulletins::draft::MAX_PHOTO_BYTES;
use crate::docs::{Refusal, StationCommunity, WriteError};
use crate::ids::RecordId;
use crate::model::{KeySubject, Mark, MediationCase, Visit, WorkbookPhoto};

/// Most characters of a finding, summary or agreement.
pub const MAX_TEXT: usize = 2000;
/// Most characters of a name or a role.
pub const MAX_LINE: usize = 100;

/// A text of the workbook the officer must fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookField {
    /// A key person's or site's name.
    SubjectName,
    /// What a visit found.
    VisitFinding,
    /// A mediation case's summary.
    CaseSummary,
    /// A party's name (0-based line).
    Party(usize),
    /// A mediator's name or role (0-based line).
    Mediator(usize),
    /// The agreement a case is resolved with.
    Agreement,
    /// A community intelligence report's content.
    ReportContent,
    /// A patrol's area or route.
    PatrolArea,
    /// What a patrol found (may be empty, not too long).
    PatrolFinding,
    /// An outreach event's topic.
    OutreachTopic,
    /// What a rapid response is about.
    ResponseWhat,
    /// Where a rapid response is.
    ResponsePlace,
}

/// Why the workbook refused a write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookRefusal {
    /// `field` is empty, or longer than `max` characters.
    #[error("{field:?} must be filled in, at most {max} characters")]
    Text {
        /// The text in question.
        field: WorkbookField,
        /// Its most characters (Unicode scalar values).
        max: usize,
    },
    /// A cadence of zero days.
    #[error("the visit cadence must be at least one day")]
    CadenceZero,
    /// A day after today (a visit, the start of control).
    #[error("the day is after today")]
    FutureDay,
    /// A step dated after now.
    #[error("the time is in the future")]
    FutureTime,
    /// A mediation case without any party.
    #[error("a case needs at least one party")]
    NoParties,
    /// A step of a case before the opening (or the return visit before the resolution).
    #[error("the step is dated before the step it follows")]
    BeforeOpened,
    /// A return visit of a case not yet resolved, or a step taken twice.
    #[error("the case is not at this step")]
    WrongStep,
    /// The key person or site, the case or the report is not in the workbook.
    #[error("not found")]
    Missing,
    /// A patrol shorter than a minute or longer than `max` minutes.
    #[error("a patrol lasts 1 to {max} minutes")]
    PatrolMinutes {
        /// The most minutes ([`crate::community::log::MAX_PATROL_MINUTES`]).
        max: u32,
    },
    /// A patrol without officers.
    #[error("a patrol needs at least one officer")]
    NoOfficers,
    /// An outreach event that reached nobody, or more than `max` people (a typo).
    #[error("an outreach event reaches 1 to {max} people")]
    Audience {
        /// The most ([`crate::community::log::MAX_AUDIENCE`]).
        max: u32,
    },
    /// A patrol's findings to be recorded as a report, but no findings.
    #[error("a lead needs the patrol's findings")]
    LeadWithoutFindings,
    /// A record removed by someone else than its author or the station head, or whose copy
    /// left the station ([`crate::community::remove`]).
    #[error("only its author or the station head removes it, and not once forwarded or raised")]
    NotRemovable,
    /// A visit dated before its key person or site was put under control.
    #[error("the visit is dated before the control began")]
    BeforeControl,
    /// A photo still too large after the device compressed it.
    #[error("the photo is {kib} KB, over {max_kib} KB")]
    PhotoTooLarge {
        /// Its size in KiB.
        kib: usize,
        /// The most, in KiB.
        max_kib: usize,
    },
}

/// The photo record of the visit or event `of`, once `photo` is checked.
///
/// # Errors
/// [`WorkbookRefusal::PhotoTooLarge`] over [`MAX_PHOTO_BYTES`].
pub(super) fn photo_of(of: RecordId, photo: &PhotoDraft) -> Result<WorkbookPhoto, WriteError> {
    use base64::Engine;
    if photo.bytes.len() > MAX_PHOTO_BYTES {
        return refuse(WorkbookRefusal::PhotoTooLarge {
            kib: photo.bytes.len().div_ceil(1024),
            max_kib: MAX_PHOTO_BYTES / 1024,
        });
    }
    Ok(WorkbookPhoto {
        id: of,
        mime: photo.mime.clone(),
        data: base64::engine::general_purpose::STANDARD.encode(&photo.bytes),
    })
}

/// Writes `record` and its photo, if any, in one transaction.
pub(super) fn put_with_photo<R: crate::record::Record<Document = crate::docs::CommunityDoc>>(
    view: &StationCommunity,
    record: &R,
    photo: Option<WorkbookPhoto>,
) -> Result<(), WriteError> {
    view.write(|w| {
        w.put(record)?;
        photo.iter().try_for_each(|p| w.put(p))
    })
}

pub(super) fn refuse<T>(r: WorkbookRefusal) -> Result<T, WriteError> {
    Err(WriteError::Invalid(Refusal::Workbook(r)))
}

pub(super) fn text(value: &str, field: WorkbookField, max: usize) -> Result<(), WriteError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max { refuse(WorkbookRefusal::Text { field, max }) } else { Ok(()) }
}

/// Adds or changes a key person or site. `today` is the China civil date now.
///
/// # Errors
/// [`WorkbookRefusal::Text`] (`SubjectName`), [`WorkbookRefusal::CadenceZero`],
/// [`WorkbookRefusal::FutureDay`] for a control start after today; the view's errors.
pub fn put_subject(view: &StationCommunity, subject: &KeySubject, today: Date) -> Result<(), WriteError> {
    text(&subject.name, WorkbookField::SubjectName, MAX_LINE)?;
    if subject.cadence_days == Some(0) {
        return refuse(WorkbookRefusal::CadenceZero);
    }
    if subject.since > today {
        return refuse(WorkbookRefusal::FutureDay);
    }
    view.put(subject)
}

/// Logs a visit to a key person or site, with its photo if one was taken. `today` is the
/// China civil date now.
///
/// # Errors
/// [`WorkbookRefusal::Missing`] for a subject not in the workbook,
/// [`WorkbookRefusal::FutureDay`], [`WorkbookRefusal::BeforeControl`] for a day before
/// the subject's `since`, [`WorkbookRefusal::Text`] (`VisitFinding`),
/// [`WorkbookRefusal::PhotoTooLarge`]; the view's.
pub fn log_visit(
    view: &StationCommunity,
    visit: &Visit,
    photo: Option<&PhotoDraft>,
    today: Date,
) -> Result<(), WriteError> {
    let since = match view.get::<KeySubject>(visit.subject) {
        Ok(Some(s)) if s.deleted_at.is_none() => s.record.since,
        _ => return refuse(WorkbookRefusal::Missing),
    };
    if visit.on < since {
        return refuse(WorkbookRefusal::BeforeControl);
    }
    if visit.on > today {
        return refuse(WorkbookRefusal::FutureDay);
    }
    text(&visit.found, WorkbookField::VisitFinding, MAX_TEXT)?;
    let photo = photo.map(|p| photo_of(visit.id, p)).transpose()?;
    put_with_photo(view, visit, photo)
}

/// Checks a new case's parties, mediators and summary.
///
/// # Errors
/// [`WorkbookRefusal::NoParties`], [`WorkbookRefusal::Text`] naming the field.
pub fn check_case(case: &MediationCase) -> Result<(), WriteError> {
    if case.parties.is_empty() {
        return refuse(WorkbookRefusal::NoParties);
    }
    for (line, party) in case.parties.iter().enumerate() {
        text(party, WorkbookField::Party(line), MAX_LINE)?;
    }
    for (line, m) in case.mediators.iter().enumerate() {
        text(&m.name, WorkbookField::Mediator(line), MAX_LINE)?;
        text(&m.role, WorkbookField::Mediator(line), MAX_LINE)?;
    }
    text(&case.summary, WorkbookField::CaseSummary, MAX_TEXT)
}

/// Opens a mediation case: its deadlines run from `case.opened`.
///
/// # Errors
/// Those of [`check_case`]; [`WorkbookRefusal::FutureTime`] for an opening after `now`;
/// [`WorkbookRefusal::WrongStep`] for a case that already has steps; the view's.
pub fn open_case(view: &StationCommunity, case: &MediationCase, now: Timestamp) -> Result<(), WriteError> {
    check_case(case)?;
    if case.opened.at > now {
        return refuse(WorkbookRefusal::FutureTime);
    }
    if case.feedback.is_some() || case.resolved.is_some() || case.return_visit.is_some() {
        return refuse(WorkbookRefusal::WrongStep);
    }
    view.put(case)
}

/// A step of a mediation case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseStep {
    /// The first feedback to the parties.
    Feedback,
    /// Resolved, with the agreement reached.
    Resolved {
        /// The agreement (调解协议).
        agreement: String,
    },
    /// The return visit after the resolution.
    ReturnVisit,
}

/// Records `step` of case `id`, done as `mark` says (its time may be earlier than `now`:
/// a feedback given by phone is logged back at the office).
///
/// # Errors
/// [`WorkbookRefusal::Missing`]; [`WorkbookRefusal::FutureTime`];
/// [`WorkbookRefusal::BeforeOpened`] for a step dated before the opening (or a return
/// visit before the resolution); [`WorkbookRefusal::WrongStep`] for a step taken already or
/// a return visit before the resolution; [`WorkbookRefusal::Text`] (`Agreement`).
pub fn step_case(
    view: &StationCommunity,
    id: RecordId,
    step: &CaseStep,
    mark: Mark,
    now: Timestamp,
) -> Result<MediationCase, WriteError> {
    let Ok(Some(stored)) = view.get::<MediationCase>(id) else { return refuse(WorkbookRefusal::Missing) };
    if stored.deleted_at.is_some() {
        return refuse(WorkbookRefusal::Missing);
    }
    let mut case = stored.record;
    if mark.at > now {
        return refuse(WorkbookRefusal::FutureTime);
    }
    if mark.at < case.opened.at {
        return refuse(WorkbookRefusal::BeforeOpened);
    }
    match step {
        CaseStep::Feedback if case.feedback.is_none() && case.resolved.is_none() => case.feedback = Some(mark),
        CaseStep::Resolved { agreement } if case.resolved.is_none() => {
            text(agreement, WorkbookField::Agreement, MAX_TEXT)?;
            if case.feedback.is_some_and(|f| mark.at < f.at) {
                return refuse(WorkbookRefusal::BeforeOpened);
            }
            case.resolved = Some(mark);
            case.agreement = agreement.trim().to_owned();
        }
        CaseStep::ReturnVisit if case.return_visit.is_none() => match case.resolved {
            Some(resolved) if mark.at >= resolved.at => case.return_visit = Some(mark),
            Some(_) => return refuse(WorkbookRefusal::BeforeOpened),
            None => return refuse(WorkbookRefusal::WrongStep),
        },
        _ => return refuse(WorkbookRefusal::WrongStep),
    }
    view.put(&case)?;
    Ok(case)
}
