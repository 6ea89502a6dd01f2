//! A station's organisation on the ground and its roster, held in `station/{station}/roster`
//! and written by the station head: police districts (警务区) and their villages, community
//! police offices (警务室), residences of officers at offices, officers' skills, duty shifts.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::RosterDoc;
use crate::ids::RecordId;

/// A police district (警务区): a few villages served by one office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct District {
    /// Record id.
    pub id: RecordId,
    /// The station whose territory it is part of.
    pub station: RecordId,
    /// Name, e.g. `一警务区`.
    pub name: String,
    /// Whether it was generated for the demo.
    #[serde(default)]
    pub generated: bool,
}
record!(District, RosterDoc, "districts");

/// A village (or urban community) and the district it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Village {
    /// Record id.
    pub id: RecordId,
    /// The station whose territory it is in.
    pub station: RecordId,
    /// Name, e.g. `王家湾村`.
    pub name: String,
    /// Resident population.
    pub population: u32,
    /// The district it belongs to; `None` while unassigned.
    #[serde(default)]
    pub district: Option<RecordId>,
}
record!(Village, RosterDoc, "villages");

/// A community police office (警务室).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Office {
    /// Record id.
    pub id: RecordId,
    /// The station it belongs to.
    pub station: RecordId,
    /// Name, e.g. `王家湾警务室`.
    pub name: String,
    /// The districts it serves; the rule is exactly one.
    #[serde(default)]
    pub districts: Vec<RecordId>,
    /// Street address.
    #[serde(default)]
    pub address: Option<String>,
    /// Public phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Residency hours (驻警时限), e.g. `周一至周五 8:30–17:30`.
    #[serde(default)]
    pub residency_hours: Option<String>,
    /// Whether it was generated for the demo.
    #[serde(default)]
    pub generated: bool,
}
record!(Office, RosterDoc, "offices");

/// An officer resident at an office ("one office, one officer").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Record id.
    pub id: RecordId,
    /// The station (of both officer and office).
    pub station: RecordId,
    /// The resident officer.
    pub officer: RecordId,
    /// The office.
    pub office: RecordId,
}
record!(Assignment, RosterDoc, "assignments");

/// An officer's skill of the county catalogue, optionally expiring (e.g. a certificate).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillGrant {
    /// Record id.
    pub id: RecordId,
    /// The officer's station.
    pub station: RecordId,
    /// The officer.
    pub officer: RecordId,
    /// Skill code of the catalogue.
    pub skill: String,
    /// Last day the skill counts, if it expires.
    #[serde(default)]
    pub expires: Option<Date>,
}
record!(SkillGrant, RosterDoc, "skill_grants");

/// An officer's photo for the office's public disclosure card (警务公开), resized and
/// compressed on the station head's device (at most 200 KiB, like a bulletin's photo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficerPhoto {
    /// Record id.
    pub id: RecordId,
    /// The officer's station.
    pub station: RecordId,
    /// The officer.
    pub officer: RecordId,
    /// MIME type, e.g. `image/jpeg`.
    pub mime: String,
    /// The image, base64 (standard alphabet).
    pub data: String,
}
record!(OfficerPhoto, RosterDoc, "officer_photos");

impl SkillGrant {
    /// Whether the grant still counts on `today`.
    pub fn valid_on(&self, today: Date) -> bool {
        self.expires.is_none_or(|last| today <= last)
    }
}

/// Kinds of duty shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShiftKind {
    /// Day shift.
    Day,
    /// Night shift.
    Night,
    /// 24-hour duty (值班), with a shift leader (带班).
    Duty24,
    /// Standby (备勤).
    Standby,
    /// Office residency (驻警): the officer at their community office.
    Residency,
    /// Leave.
    Leave,
    /// Training.
    Training,
    /// A joint patrol (联巡) of the region: never written to a roster, only derived from
    /// the region's command document ([`crate::cooperation::shifts`]).
    JointPatrol,
}

/// Kinds of leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    /// Annual leave (年休假).
    Annual,
    /// Sick leave (病假).
    Sick,
    /// Personal leave (事假).
    Personal,
    /// Compensatory rest (调休).
    Compensatory,
}

/// One officer's duty shift (排班).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    /// Record id.
    pub id: RecordId,
    /// The station.
    pub station: RecordId,
    /// The officer on shift.
    pub officer: RecordId,
    /// What kind of shift.
    pub kind: ShiftKind,
    /// Start (inclusive).
    pub start: Timestamp,
    /// End (exclusive); after `start`.
    pub end: Timestamp,
    /// Whether the officer leads the shift (带班).
    #[serde(default)]
    pub leader: bool,
    /// The kind of leave, for leave shifts.
    #[serde(default)]
    pub leave: Option<LeaveKind>,
    /// Free note.
    #[serde(default)]
    pub note: Option<String>,
    /// Blocking roster violations a station head accepted when this shift was saved, each
    /// with its reason, who and when ([`crate::roster::edit::override_violations`]).
    #[serde(default)]
    pub overrides: Vec<ShiftOverride>,
}
record!(Shift, RosterDoc, "shifts");

/// A rule of the roster (排班规则): the name violations, settings and overrides use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterRule {
    /// Fewest officers on a shift, overall and by skill.
    MinStaffing,
    /// A leave takes a shift below its minimum staffing.
    LeaveBreaksStaffing,
    /// Officers on loan to another station (借调) take a shift of the lending station below
    /// its minimum staffing; always WARN ([`crate::command::loans`]).
    LoanBreaksStaffing,
    /// Every minute of the station covered by a duty shift with a shift leader (带班).
    DutyCoverage,
    /// Shortest rest between two shifts of one officer.
    MinRest,
    /// Most duty days in a row.
    MaxConsecutiveDays,
    /// Most night shifts in a row.
    MaxNightsInRow,
    /// Most work hours in a rolling window (7 days).
    MaxHoursInWindow,
    /// A joint patrol or training (联巡, 联训) over the officer's shift at their station.
    JointOnDuty,
    /// A joint patrol or training over the officer's leave.
    JointOnLeave,
    /// A rule of a newer app version: kept so the shift stays readable; matches nothing.
    #[serde(other)]
    Unknown,
}

/// A station head's acceptance of one blocking violation (值班超规审批): the violation as it
/// was when accepted (rule, officers, shifts, time range) plus the reason, who and when.
/// It covers exactly that violation; if the roster changes so that the violation changes
/// (another shift, a longer range), the violation blocks again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftOverride {
    /// The rule overridden.
    pub rule: RosterRule,
    /// The officers the violation named, sorted.
    #[serde(default)]
    pub officers: Vec<RecordId>,
    /// The shifts the violation named, sorted.
    #[serde(default)]
    pub shifts: Vec<RecordId>,
    /// Start of the violation's time range.
    pub from: Timestamp,
    /// End of the violation's time range.
    pub to: Timestamp,
    /// The reason given (required, non-empty).
    pub note: String,
    /// The station head who accepted it.
    pub by: RecordId,
    /// When.
    pub at: Timestamp,
}
