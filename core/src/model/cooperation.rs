//! The region's daily cooperation (docs/domain.md "Daily cooperation"), held in the region's
//! command document (`region/{region}/command`, read by the region and the bureau, written
//! by the commander and station heads) beside the contingency plans: regular meetings (例会)
//! and their decisions, joint patrols (联巡) and joint training (联训).
//!
//! Times are instants (shown in China time); a decision's due date and a training's new
//! skill expiry are China calendar days.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Mark, record};
use crate::docs::CommandDoc;
use crate::ids::RecordId;

/// A regular meeting (例会) of the region's stations, planned by the center station or the
/// commander; a recurring schedule is planned as one meeting per date sharing `series`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Record id.
    pub id: RecordId,
    /// The schedule it was planned with (every meeting of one recurring plan shares it).
    #[serde(default)]
    pub series: Option<RecordId>,
    /// Start.
    pub start: Timestamp,
    /// End (after `start`).
    pub end: Timestamp,
    /// Where, e.g. `得胜派出所会议室`.
    pub place: String,
    /// The agenda (议程), one item per line.
    #[serde(default)]
    pub agenda: String,
    /// The stations expected.
    pub stations: Vec<RecordId>,
    /// The stations that attended (recorded after the meeting).
    #[serde(default)]
    pub attended: Vec<RecordId>,
    /// The minutes (会议纪要), recorded after the meeting.
    #[serde(default)]
    pub minutes: String,
    /// Who planned it and when.
    pub planned: Mark,
    /// Who recorded attendance and minutes, and when.
    #[serde(default)]
    pub recorded: Option<Mark>,
    /// Who called it off, and when.
    #[serde(default)]
    pub cancelled: Option<Mark>,
}
record!(Meeting, CommandDoc, "meetings");

/// A decision (决定事项) of a meeting: what, which station carries it out, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Record id.
    pub id: RecordId,
    /// The meeting that took it.
    pub meeting: RecordId,
    /// What was decided.
    pub text: String,
    /// The station that carries it out (牵头单位).
    pub owner: RecordId,
    /// Due (China calendar day, included).
    pub due: Date,
    /// Who recorded it and when.
    pub decided: Mark,
    /// Who marked it done, and when.
    #[serde(default)]
    pub done: Option<Mark>,
}
record!(Decision, CommandDoc, "decisions");

/// A joint patrol (联巡) of officers of several stations across their territories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JointPatrol {
    /// Record id.
    pub id: RecordId,
    /// Start.
    pub start: Timestamp,
    /// End (after `start`).
    pub end: Timestamp,
    /// The area or route, e.g. `S106 得胜—大庙段`.
    pub area: String,
    /// The stations whose territory it crosses.
    pub stations: Vec<RecordId>,
    /// The officers, of any station of the region.
    pub officers: Vec<RecordId>,
    /// The officer who leads it (带队), one of `officers`.
    #[serde(default)]
    pub leader: Option<RecordId>,
    /// What it found (recorded after the patrol; empty for a quiet one).
    #[serde(default)]
    pub findings: String,
    /// The region bulletin its lead became (same id space as bulletins), if any.
    #[serde(default)]
    pub lead: Option<RecordId>,
    /// Who planned it and when.
    pub planned: Mark,
    /// Who recorded the findings, and when.
    #[serde(default)]
    pub reported: Option<Mark>,
    /// Who called it off, and when.
    #[serde(default)]
    pub cancelled: Option<Mark>,
}
record!(JointPatrol, CommandDoc, "joint_patrols");

/// A joint training (联训): one skill of the county's catalogue trained for officers of
/// the region's stations together. Attendees who passed hold the skill until
/// `valid_until` ([`crate::cooperation::skills`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JointTraining {
    /// Record id.
    pub id: RecordId,
    /// The topic, e.g. `现场处置与急救`.
    pub topic: String,
    /// The skill it trains (a code of the catalogue).
    pub skill: String,
    /// Start.
    pub start: Timestamp,
    /// End (after `start`).
    pub end: Timestamp,
    /// Where.
    pub place: String,
    /// Who trains.
    pub trainer: String,
    /// The officers expected.
    pub attendees: Vec<RecordId>,
    /// The attendees who passed (recorded after the training).
    #[serde(default)]
    pub passed: Vec<RecordId>,
    /// The last day the skill counts for those who passed; `None`: it does not expire.
    #[serde(default)]
    pub valid_until: Option<Date>,
    /// Who planned it and when.
    pub planned: Mark,
    /// Who recorded the results, and when.
    #[serde(default)]
    pub recorded: Option<Mark>,
    /// Who called it off, and when.
    #[serde(default)]
    pub cancelled: Option<Mark>,
}
record!(JointTraining, CommandDoc, "joint_trainings");
