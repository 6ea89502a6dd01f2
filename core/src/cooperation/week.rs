//! What an officer has of the region's cooperation in a span of time (Home's "this week",
//! the calendar export): the meetings their station is expected at, the joint patrols
//! they are on and the trainings they attend, none called off; and the open decisions
//! their station owns.

use jiff::Timestamp;

use crate::ids::RecordId;
use crate::model::Decision;

use super::CooperationState;

/// What kind of appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    /// A regular meeting (例会).
    Meeting,
    /// A joint patrol (联巡).
    Patrol,
    /// A joint training (联训).
    Training,
}

/// One appointment of an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What kind.
    pub kind: EntryKind,
    /// The meeting, patrol or training.
    pub id: RecordId,
    /// Start.
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
    /// Where: the meeting's place, the patrol's area, the training's place.
    pub place: String,
    /// The training's topic (empty for the others).
    pub topic: String,
    /// Whether the officer leads the patrol.
    pub leads: bool,
}

/// The appointments of `officer` (of `station`) that overlap `[from, to)`, in start order.
pub fn entries(
    state: &CooperationState,
    officer: RecordId,
    station: Option<RecordId>,
    (from, to): (Timestamp, Timestamp),
) -> Vec<Entry> {
    let within = |start: Timestamp, end: Timestamp| start < to && from < end;
    let meetings = state
        .meetings
        .iter()
        .filter(|m| m.cancelled.is_none() && station.is_some_and(|s| m.stations.contains(&s)))
        .filter(|m| within(m.start, m.end))
        .map(|m| Entry {
            kind: EntryKind::Meeting,
            id: m.id,
            start: m.start,
            end: m.end,
            place: m.place.clone(),
            topic: String::new(),
            leads: false,
        });
    let patrols =
        state.live_patrols().filter(|p| p.officers.contains(&officer) && within(p.start, p.end)).map(|p| Entry {
            kind: EntryKind::Patrol,
            id: p.id,
            start: p.start,
            end: p.end,
            place: p.area.clone(),
            topic: String::new(),
            leads: p.leader == Some(officer),
        });
    let trainings =
        state.live_trainings().filter(|t| t.attendees.contains(&officer) && within(t.start, t.end)).map(|t| Entry {
            kind: EntryKind::Training,
            id: t.id,
            start: t.start,
            end: t.end,
            place: t.place.clone(),
            topic: t.topic.clone(),
            leads: false,
        });
    let mut out: Vec<Entry> = meetings.chain(patrols).chain(trainings).collect();
    crate::sort::by_key(&mut out, |e| (e.start, e.kind, e.id));
    out
}

/// The decisions `station` owns that are not done, soonest due first.
pub fn open_decisions(state: &CooperationState, station: RecordId) -> Vec<&Decision> {
    let mut out: Vec<&Decision> = state
        .decisions
        .iter()
        .filter(|d| d.owner == station && d.done.is_none())
        .filter(|d| state.meeting(d.meeting).is_none_or(|m| m.cancelled.is_none()))
        .collect();
    crate::sort::by_key(&mut out, |d| (d.due, d.id));
    out
}
