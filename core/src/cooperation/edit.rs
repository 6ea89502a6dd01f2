//! Writes of the region's daily cooperation, each checked before anything is written: a
//! refused write is a [`WriteError::Invalid`] carrying a [`CooperationRefusal`], and nothing
//! of it is saved. Who may write is [`super::rights`] (the app) and `crate::access` (the
//! relay).
//!
//! Checks:
//! - texts filled in and short enough ([`MAX_TEXT`], [`MAX_LINE`]);
//! - an end after the start, at most [`MAX_MEETING_HOURS`], [`MAX_PATROL_HOURS`] or
//!   [`MAX_TRAINING_HOURS`] later; nothing planned that has ended already;
//! - a meeting expects at least one station; a joint patrol has officers of at least two
//!   stations, crosses at least one station's territory, and its leader is one of its
//!   officers; a training trains a skill of the catalogue and has attendees;
//! - an officer is not planned over their own leave or shift where the roster's rules make
//!   that BLOCK ([`crate::roster::config::JointRule`]; WARN overlaps are returned);
//! - minutes, findings and results only once the meeting, patrol or training has begun; a
//!   decision owned by an expected station, due no earlier than the meeting; those who passed
//!   a training among its attendees, and the skill's new expiry not before the training.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::bulletins::Draft;
use crate::bulletins::draft::MAX_TITLE;
use crate::docs::{Refusal, RegionBulletins, RegionCommand, WriteError};
use crate::ids::RecordId;
use crate::model::{
    BulletinCategory, Decision, JointPatrol, JointTraining, Mark, Meeting, Scope, Shift, ShiftKind, Urgency,
};
use crate::org::Organisation;
use crate::roster::config::{RosterConfig, Severity};
use crate::time::{china, in_china};

/// Most characters of minutes, findings and a decision.
pub const MAX_TEXT: usize = 2000;
/// Most characters of a place, area, topic or trainer.
pub const MAX_LINE: usize = 100;
/// Longest meeting, in hours.
pub const MAX_MEETING_HOURS: i64 = 12;
/// Longest joint patrol, in hours: a day and a night.
pub const MAX_PATROL_HOURS: i64 = 24;
/// Longest training, in hours: five days of a gathered training (集中练).
pub const MAX_TRAINING_HOURS: i64 = 5 * 24;

/// A text of the region's cooperation that must be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CooperationField {
    /// Where a meeting is held.
    MeetingPlace,
    /// A meeting's agenda (may be empty, not too long).
    Agenda,
    /// A meeting's minutes.
    Minutes,
    /// A decision's text (0-based line).
    Decision(usize),
    /// A joint patrol's area or route.
    PatrolArea,
    /// What a joint patrol found (may be empty, not too long).
    Findings,
    /// A training's topic.
    TrainingTopic,
    /// Where a training is held.
    TrainingPlace,
    /// Who trains.
    Trainer,
}

/// Why a write of the region's cooperation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CooperationRefusal {
    /// `field` is empty, or longer than `max` characters.
    #[error("{field:?} must be filled in, at most {max} characters")]
    Text {
        /// The text in question.
        field: CooperationField,
        /// Its most characters.
        max: usize,
    },
    /// The end is not after the start, or more than `max_hours` later.
    #[error("the end must be after the start, at most {max_hours} hours later")]
    Span {
        /// The longest allowed.
        max_hours: i64,
    },
    /// Planned to end before now.
    #[error("it would have ended already")]
    Past,
    /// A meeting expecting no station, or a patrol crossing no station's territory.
    #[error("choose at least one station")]
    NoStations,
    /// A patrol or training without officers.
    #[error("choose at least one officer")]
    NoOfficers,
    /// A joint patrol whose officers are all of one station.
    #[error("a joint patrol needs officers of at least two stations")]
    OneStation,
    /// A leader who is not on the patrol.
    #[error("the leader must be one of the patrol's officers")]
    LeaderNotOnPatrol,
    /// A skill not in the county's catalogue.
    #[error("the skill is not in the catalogue")]
    UnknownSkill,
    /// An officer over their own leave or shift where the roster's rules say BLOCK.
    #[error("an officer is on leave or on duty then")]
    Conflict {
        /// The officer.
        officer: RecordId,
        /// Whether it is a leave (otherwise a shift).
        leave: bool,
    },
    /// Minutes, findings or results before the start.
    #[error("it has not begun yet")]
    NotYetHeld,
    /// A decision owned by a station the meeting does not expect.
    #[error("decision {line}: the owner must be one of the meeting's stations")]
    OwnerNotExpected {
        /// The line (0-based).
        line: usize,
    },
    /// A decision due before the meeting.
    #[error("decision {line}: due before the meeting")]
    DueBeforeMeeting {
        /// The line (0-based).
        line: usize,
    },
    /// A pass for an officer who was not an attendee.
    #[error("only attendees can pass")]
    NotAttendee,
    /// A skill's new expiry before the training.
    #[error("the new expiry is before the training")]
    ExpiryBeforeTraining,
    /// A patrol's findings to become a bulletin, but no findings.
    #[error("a lead needs the patrol's findings")]
    LeadWithoutFindings,
    /// The meeting, patrol, training or decision is not there, or was called off.
    #[error("not found, or called off")]
    Missing,
}

fn refuse<T>(r: CooperationRefusal) -> Result<T, WriteError> {
    Err(WriteError::Invalid(Refusal::Cooperation(r)))
}

fn text(value: &str, field: CooperationField, max: usize) -> Result<(), WriteError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max { refuse(CooperationRefusal::Text { field, max }) } else { Ok(()) }
}

fn optional_text(value: &str, field: CooperationField, max: usize) -> Result<(), WriteError> {
    if value.trim().chars().count() > max { refuse(CooperationRefusal::Text { field, max }) } else { Ok(()) }
}

fn span(start: Timestamp, end: Timestamp, max_hours: i64, now: Timestamp) -> Result<(), WriteError> {
    if end <= start || end.duration_since(start) > SignedDuration::from_hours(max_hours) {
        return refuse(CooperationRefusal::Span { max_hours });
    }
    if end <= now {
        return refuse(CooperationRefusal::Past);
    }
    Ok(())
}

/// A meeting planned on each of `dates` at the time of day (China time) and for the length
/// of `template` (whose own date is ignored), sharing one series when there are several.
/// Returns them as saved.
///
/// # Errors
/// [`CooperationRefusal::Text`] (`MeetingPlace`, `Agenda`), [`CooperationRefusal::NoStations`],
/// [`CooperationRefusal::Span`], [`CooperationRefusal::Past`] (for the first date); the view's.
pub fn schedule_meetings(
    view: &RegionCommand,
    template: &Meeting,
    dates: &[Date],
    now: Timestamp,
) -> Result<Vec<Meeting>, WriteError> {
    text(&template.place, CooperationField::MeetingPlace, MAX_LINE)?;
    optional_text(&template.agenda, CooperationField::Agenda, MAX_TEXT)?;
    if template.stations.is_empty() {
        return refuse(CooperationRefusal::NoStations);
    }
    let length = template.end.duration_since(template.start);
    let time = in_china(template.start).time();
    let series = (dates.len() > 1).then(RecordId::new);
    let mut meetings = Vec::with_capacity(dates.len());
    for date in dates {
        let Ok(start) = china().to_timestamp(date.to_datetime(time)) else {
            return refuse(CooperationRefusal::Span { max_hours: MAX_MEETING_HOURS });
        };
        let end = start.checked_add(length).unwrap_or(start);
        span(start, end, MAX_MEETING_HOURS, now)?;
        meetings.push(Meeting {
            id: RecordId::new(),
            series,
            start,
            end,
            place: template.place.trim().to_owned(),
            agenda: template.agenda.trim().to_owned(),
            ..template.clone()
        });
    }
    view.write(|w| meetings.iter().try_for_each(|m| w.put(m)))?;
    Ok(meetings)
}

/// A decision as typed into the minutes' form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDraft {
    /// What was decided.
    pub text: String,
    /// The owning station.
    pub owner: RecordId,
    /// Due.
    pub due: Date,
}

/// Records meeting `id`: the stations that attended, the minutes, and new decisions (added
/// to those recorded before), in one transaction. Returns the meeting as saved.
///
/// # Errors
/// [`CooperationRefusal::Missing`], [`CooperationRefusal::NotYetHeld`],
/// [`CooperationRefusal::Text`] (`Minutes`, `Decision(line)`),
/// [`CooperationRefusal::OwnerNotExpected`], [`CooperationRefusal::DueBeforeMeeting`]; the view's.
pub fn record_meeting(
    view: &RegionCommand,
    id: RecordId,
    attended: Vec<RecordId>,
    minutes: &str,
    decisions: &[DecisionDraft],
    mark: Mark,
) -> Result<Meeting, WriteError> {
    let Some(mut meeting) = live::<Meeting>(view, id, |m| m.cancelled.is_none()) else {
        return refuse(CooperationRefusal::Missing);
    };
    if meeting.start > mark.at {
        return refuse(CooperationRefusal::NotYetHeld);
    }
    text(minutes, CooperationField::Minutes, MAX_TEXT)?;
    let day = in_china(meeting.start).date();
    let mut records = Vec::with_capacity(decisions.len());
    for (line, d) in decisions.iter().enumerate() {
        text(&d.text, CooperationField::Decision(line), MAX_TEXT)?;
        if !meeting.stations.contains(&d.owner) {
            return refuse(CooperationRefusal::OwnerNotExpected { line });
        }
        if d.due < day {
            return refuse(CooperationRefusal::DueBeforeMeeting { line });
        }
        records.push(Decision {
            id: RecordId::new(),
            meeting: id,
            text: d.text.trim().to_owned(),
            owner: d.owner,
            due: d.due,
            decided: mark,
            done: None,
        });
    }
    meeting.attended = attended;
    meeting.minutes = minutes.trim().to_owned();
    meeting.recorded = Some(mark);
    view.write(|w| {
        w.put(&meeting)?;
        records.iter().try_for_each(|d| w.put(d))
    })?;
    Ok(meeting)
}

/// Marks decision `id` done (a decision done already stays as it was).
///
/// # Errors
/// [`CooperationRefusal::Missing`]; the view's.
pub fn close_decision(view: &RegionCommand, id: RecordId, mark: Mark) -> Result<(), WriteError> {
    let Some(mut decision) = live::<Decision>(view, id, |_| true) else { return refuse(CooperationRefusal::Missing) };
    if decision.done.is_some() {
        return Ok(());
    }
    decision.done = Some(mark);
    view.put(&decision)
}

/// An officer planned over one of their own shifts or a leave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    /// The officer.
    pub officer: RecordId,
    /// Their own shift (or leave).
    pub shift: RecordId,
    /// Its kind.
    pub kind: ShiftKind,
    /// Its start.
    pub start: Timestamp,
    /// The severity the roster's rules give it.
    pub severity: Severity,
}

/// The shifts among `own` (the rosters of the officers' stations) of `officers` that overlap
/// `[start, end)`, with their severities from `config`; joint shifts are not among them.
pub fn overlaps(
    officers: &[RecordId],
    (start, end): (Timestamp, Timestamp),
    own: &[Shift],
    config: &RosterConfig,
) -> Vec<Overlap> {
    let mut out: Vec<Overlap> = own
        .iter()
        .filter(|s| officers.contains(&s.officer) && s.start < end && start < s.end)
        .map(|s| Overlap {
            officer: s.officer,
            shift: s.id,
            kind: s.kind,
            start: s.start,
            severity: if s.kind == ShiftKind::Leave { config.rules.joint.on_leave } else { config.rules.joint.on_duty },
        })
        .collect();
    crate::sort::by_key(&mut out, |o| (o.start, o.officer));
    out
}

fn no_blocking(overlaps: &[Overlap]) -> Result<(), WriteError> {
    match overlaps.iter().find(|o| o.severity == Severity::Block) {
        Some(o) => refuse(CooperationRefusal::Conflict { officer: o.officer, leave: o.kind == ShiftKind::Leave }),
        None => Ok(()),
    }
}

/// Plans (or re-plans) a joint patrol. `own` holds the shifts of its officers' stations
/// (for the overlaps). The officers' own stations are added to the stations crossed.
/// Returns the overlaps the roster's rules only WARN of.
///
/// # Errors
/// [`CooperationRefusal::Text`] (`PatrolArea`), [`CooperationRefusal::Span`],
/// [`CooperationRefusal::Past`], [`CooperationRefusal::NoStations`],
/// [`CooperationRefusal::NoOfficers`], [`CooperationRefusal::OneStation`],
/// [`CooperationRefusal::LeaderNotOnPatrol`], [`CooperationRefusal::Conflict`]; the view's.
pub fn plan_patrol(
    view: &RegionCommand,
    patrol: &JointPatrol,
    org: &Organisation,
    own: &[Shift],
    config: &RosterConfig,
    now: Timestamp,
) -> Result<Vec<Overlap>, WriteError> {
    text(&patrol.area, CooperationField::PatrolArea, MAX_LINE)?;
    span(patrol.start, patrol.end, MAX_PATROL_HOURS, now)?;
    if patrol.stations.is_empty() {
        return refuse(CooperationRefusal::NoStations);
    }
    if patrol.officers.is_empty() {
        return refuse(CooperationRefusal::NoOfficers);
    }
    let mut stations: Vec<RecordId> = patrol
        .officers
        .iter()
        .filter_map(|o| org.officers.iter().find(|x| x.id == *o).and_then(|x| x.station))
        .collect();
    crate::sort::natural(&mut stations);
    stations.dedup();
    if stations.len() < 2 {
        return refuse(CooperationRefusal::OneStation);
    }
    if patrol.leader.is_some_and(|l| !patrol.officers.contains(&l)) {
        return refuse(CooperationRefusal::LeaderNotOnPatrol);
    }
    let found = overlaps(&patrol.officers, (patrol.start, patrol.end), own, config);
    no_blocking(&found)?;
    // The stations crossed include the officers' own (a patrol goes out from them).
    let mut crossed = patrol.stations.clone();
    crossed.extend(stations.into_iter().filter(|s| !patrol.stations.contains(s)));
    view.put(&JointPatrol { area: patrol.area.trim().to_owned(), stations: crossed, ..patrol.clone() })?;
    Ok(found)
}

/// Records what joint patrol `id` found; with `lead`, its findings also become a bulletin
/// of the region (a case clue, important, to every officer of the region) written by
/// `station`'s officer of `mark`, under the patrol's own id (recording twice writes one
/// bulletin). Returns the patrol as saved.
///
/// # Errors
/// [`CooperationRefusal::Missing`], [`CooperationRefusal::NotYetHeld`],
/// [`CooperationRefusal::Text`] (`Findings`), [`CooperationRefusal::LeadWithoutFindings`]; the views'.
pub fn report_patrol(
    view: &RegionCommand,
    bulletins: Option<&RegionBulletins>,
    id: RecordId,
    findings: &str,
    station: RecordId,
    mark: Mark,
) -> Result<JointPatrol, WriteError> {
    let Some(mut patrol) = live::<JointPatrol>(view, id, |p| p.cancelled.is_none()) else {
        return refuse(CooperationRefusal::Missing);
    };
    if patrol.start > mark.at {
        return refuse(CooperationRefusal::NotYetHeld);
    }
    optional_text(findings, CooperationField::Findings, MAX_TEXT)?;
    let findings = findings.trim();
    if let Some(bulletins) = bulletins {
        if findings.is_empty() {
            return refuse(CooperationRefusal::LeadWithoutFindings);
        }
        if !matches!(bulletins.get::<crate::model::Bulletin>(id), Ok(Some(_))) {
            let draft = lead_draft(&patrol, findings);
            bulletins.write(|w| {
                w.put(&draft.version(id, 1, mark.by, mark.at))?;
                w.put(&draft.bulletin(id, station, mark.by, mark.at))
            })?;
        }
        patrol.lead = Some(id);
    }
    patrol.findings = findings.to_owned();
    patrol.reported = Some(mark);
    view.put(&patrol)?;
    Ok(patrol)
}

/// The bulletin a patrol's lead becomes: the findings' first line as title, the rest and
/// the route as text, the area as place.
fn lead_draft(patrol: &JointPatrol, findings: &str) -> Draft {
    let (first, rest) = findings.split_once('\n').unwrap_or((findings, ""));
    Draft {
        category: BulletinCategory::CaseClue,
        urgency: Urgency::Important,
        scope: Scope::Region,
        title: first.trim().chars().take(MAX_TITLE).collect(),
        body: if rest.trim().is_empty() { first.trim().to_owned() } else { rest.trim().to_owned() },
        place: Some(patrol.area.chars().take(crate::bulletins::draft::MAX_PLACE).collect()),
        expires_at: None,
        photos: Vec::new(),
    }
}

/// Plans (or re-plans) a joint training. `own` holds the shifts of the attendees' stations.
/// Returns the overlaps the roster's rules only WARN of.
///
/// # Errors
/// [`CooperationRefusal::Text`] (`TrainingTopic`, `TrainingPlace`, `Trainer`),
/// [`CooperationRefusal::UnknownSkill`], [`CooperationRefusal::Span`],
/// [`CooperationRefusal::Past`], [`CooperationRefusal::NoOfficers`],
/// [`CooperationRefusal::Conflict`]; the view's.
pub fn plan_training(
    view: &RegionCommand,
    training: &JointTraining,
    org: &Organisation,
    own: &[Shift],
    config: &RosterConfig,
    now: Timestamp,
) -> Result<Vec<Overlap>, WriteError> {
    text(&training.topic, CooperationField::TrainingTopic, MAX_LINE)?;
    if !org.skills.iter().any(|s| s.code == training.skill) {
        return refuse(CooperationRefusal::UnknownSkill);
    }
    text(&training.place, CooperationField::TrainingPlace, MAX_LINE)?;
    text(&training.trainer, CooperationField::Trainer, MAX_LINE)?;
    span(training.start, training.end, MAX_TRAINING_HOURS, now)?;
    if training.attendees.is_empty() {
        return refuse(CooperationRefusal::NoOfficers);
    }
    let found = overlaps(&training.attendees, (training.start, training.end), own, config);
    no_blocking(&found)?;
    let trimmed = JointTraining {
        topic: training.topic.trim().to_owned(),
        place: training.place.trim().to_owned(),
        trainer: training.trainer.trim().to_owned(),
        ..training.clone()
    };
    view.put(&trimmed)?;
    Ok(found)
}

/// Records who passed training `id` and until when the skill counts for them. Returns the
/// training as saved.
///
/// # Errors
/// [`CooperationRefusal::Missing`], [`CooperationRefusal::NotYetHeld`],
/// [`CooperationRefusal::NotAttendee`], [`CooperationRefusal::ExpiryBeforeTraining`]; the view's.
pub fn record_training(
    view: &RegionCommand,
    id: RecordId,
    passed: Vec<RecordId>,
    valid_until: Option<Date>,
    mark: Mark,
) -> Result<JointTraining, WriteError> {
    let Some(mut training) = live::<JointTraining>(view, id, |t| t.cancelled.is_none()) else {
        return refuse(CooperationRefusal::Missing);
    };
    if training.start > mark.at {
        return refuse(CooperationRefusal::NotYetHeld);
    }
    if passed.iter().any(|o| !training.attendees.contains(o)) {
        return refuse(CooperationRefusal::NotAttendee);
    }
    if valid_until.is_some_and(|d| d < in_china(training.start).date()) {
        return refuse(CooperationRefusal::ExpiryBeforeTraining);
    }
    training.passed = passed;
    training.valid_until = valid_until;
    training.recorded = Some(mark);
    view.put(&training)?;
    Ok(training)
}

/// A record that can be called off.
pub trait Cancellable: crate::record::Record<Document = crate::docs::CommandDoc> + Clone {
    /// Who called it off, and when.
    fn cancelled_mut(&mut self) -> &mut Option<Mark>;
}

impl Cancellable for Meeting {
    fn cancelled_mut(&mut self) -> &mut Option<Mark> {
        &mut self.cancelled
    }
}

impl Cancellable for JointPatrol {
    fn cancelled_mut(&mut self) -> &mut Option<Mark> {
        &mut self.cancelled
    }
}

impl Cancellable for JointTraining {
    fn cancelled_mut(&mut self) -> &mut Option<Mark> {
        &mut self.cancelled
    }
}

/// Calls off meeting, patrol or training `id` (it stays in the lists, marked; its shifts
/// leave the rosters).
///
/// # Errors
/// [`CooperationRefusal::Missing`]; the view's.
pub fn cancel<R: Cancellable>(view: &RegionCommand, id: RecordId, mark: Mark) -> Result<(), WriteError> {
    let Some(mut record) = live::<R>(view, id, |_| true) else { return refuse(CooperationRefusal::Missing) };
    if record.cancelled_mut().is_some() {
        return Ok(());
    }
    *record.cancelled_mut() = Some(mark);
    view.put(&record)
}

fn live<R: crate::record::Record<Document = crate::docs::CommandDoc>>(
    view: &RegionCommand,
    id: RecordId,
    ok: impl Fn(&R) -> bool,
) -> Option<R> {
    match view.get::<R>(id) {
        Ok(Some(stored)) if stored.deleted_at.is_none() && ok(&stored.record) => Some(stored.record),
        _ => None,
    }
}
