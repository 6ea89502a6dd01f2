//! The roster rules (排班规则): pure checks over one station's shifts, with the county's
//! settings ([`RosterConfig`]) and the organisation (officers, skills).
//!
//! Each rule has a severity (BLOCK or WARN) and its numbers in the configuration:
//! - [`staffing`]: fewest officers per shift, overall and by skill; and leave that takes a
//!   shift below that ([`RosterRule::LeaveBreaksStaffing`]);
//! - [`coverage`]: every minute of the period covered by a led duty shift (带班值班);
//! - [`rest`]: shortest rest between two work shifts of one officer (11 h);
//! - [`days`]: most duty days in a row (6) and most night shifts in a row (4);
//! - [`hours`]: most work hours in any rolling 7 days (72 h);
//! - [`joint`]: a joint patrol or training over the officer's own shift or leave.
//!
//! Joint patrols and trainings of the region ([`Context::joint`]) are shifts of the
//! officers for rest, duty days and hours; an officer away on one is not on a home shift
//! at the same time for minimum staffing.
//!
//! What counts as work, a duty day, and a leave's effect: [`crate::roster::shift_types`].
//! A violation names its rule, severity, officers, time range and shifts, what it found
//! with its numbers ([`Finding`]), and whether a station head overrode it (still shown, not
//! blocking); after a sync it also carries who wrote each shift ([`crate::roster::merge`]).
//! It holds no words: the app words it in the officer's language.

pub mod coverage;
pub mod days;
pub mod hours;
pub mod joint;
mod prepared;
pub mod rest;
pub mod staffing;

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::config::{RosterConfig, Severity};
use super::shift_types::day_of;
use crate::command::Loan;
use crate::ids::RecordId;
use crate::model::{Mark, RosterRule, Shift, ShiftKind, ShiftOverride, SkillGrant};
use crate::org::Organisation;
use crate::rules::{RecordKind, RecordRef, refs};
use prepared::Prepared;

/// What the rules need besides the shifts: the organisation (officers and their skills),
/// the county's roster configuration, the station whose roster it is, the region's loans
/// of officers (借调, [`crate::command::loans`]) and its joint patrols and trainings as
/// shifts ([`crate::cooperation::shifts`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Officers, skills catalogue, skill grants.
    pub org: &'a Organisation,
    /// Times and rule settings.
    pub config: &'a RosterConfig,
    /// The station.
    pub station: RecordId,
    /// Loans of officers in the region: an officer lent away is not on the station's
    /// shifts during the loan, one lent to it is (minimum staffing counts both).
    pub loans: &'a [Loan],
    /// Joint patrols and trainings as shifts of the officers (those of other stations'
    /// officers are ignored); never part of the roster's own shifts.
    pub joint: &'a [Shift],
}

impl<'a> Context<'a> {
    /// A context without loans.
    pub fn new(org: &'a Organisation, config: &'a RosterConfig, station: RecordId) -> Self {
        Self { org, config, station, loans: &[], joint: &[] }
    }

    /// The same context with the region's loans.
    pub fn with_loans(self, loans: &'a [Loan]) -> Self {
        Self { loans, ..self }
    }

    /// The same context with the region's joint patrols and trainings as shifts.
    pub fn with_joint(self, joint: &'a [Shift]) -> Self {
        Self { joint, ..self }
    }
}

impl Context<'_> {
    /// The officer as a reference for violations (unknown officers by id).
    pub fn officer(&self, id: RecordId) -> RecordRef {
        self.org
            .officers
            .iter()
            .find(|o| o.id == id)
            .map_or(RecordRef { kind: RecordKind::Officer, id, label: id.to_string() }, refs::officer)
    }

    /// The station as a reference for violations (unknown stations by id).
    pub fn station_ref(&self, id: RecordId) -> RecordRef {
        self.org
            .stations
            .iter()
            .find(|s| s.id == id)
            .map_or(RecordRef { kind: RecordKind::Station, id, label: id.to_string() }, refs::station)
    }

    /// The display name of a skill code (its code when the catalogue lacks it).
    pub fn skill_name(&self, code: &str) -> String {
        self.org.skills.iter().find(|s| s.code == code).map_or_else(|| code.to_owned(), |s| s.name.clone())
    }

    /// Skill grants by officer.
    fn grants(&self) -> HashMap<RecordId, Vec<&SkillGrant>> {
        let mut out: HashMap<RecordId, Vec<&SkillGrant>> = HashMap::new();
        for grant in &self.org.skill_grants {
            out.entry(grant.officer).or_default().push(grant);
        }
        out
    }
}

/// The days the day-bound rules (staffing, coverage) look at, China calendar days,
/// both included. Coverage runs from the first day's duty start to the duty start of the
/// day after the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub first: Date,
    /// Last day.
    pub last: Date,
}

impl Period {
    /// From the first to the last day a shift of `station` starts; `None` without shifts.
    pub fn of(shifts: &[Shift], station: RecordId) -> Option<Period> {
        let mut days = shifts.iter().filter(|s| s.station == station && s.end > s.start).map(day_of);
        let first = days.next()?;
        let (first, last) = days.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        Some(Period { first, last })
    }

    /// The smallest period holding both.
    pub fn union(self, other: Period) -> Period {
        Period { first: self.first.min(other.first), last: self.last.max(other.last) }
    }

    /// Whether `day` is in the period.
    pub fn contains(&self, day: Date) -> bool {
        self.first <= day && day <= self.last
    }
}

/// What a violation found, with its numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// A shift has fewer officers (with `skill`, if set) than its minimum.
    Understaffed {
        /// Kind of the shift.
        kind: ShiftKind,
        /// Day it starts.
        day: Date,
        /// Officers on it (with the skill).
        officers: u32,
        /// Minimum.
        min: u32,
        /// The skill's name, when the minimum is for a skill.
        skill: Option<String>,
    },
    /// A shift of the lending station has fewer officers (with `skill`, if set) than its
    /// minimum because officers are on loan to another station (借调).
    LoanedAway {
        /// Kind of the shift.
        kind: ShiftKind,
        /// Day it starts.
        day: Date,
        /// Officers on it (with the skill), without those on loan.
        officers: u32,
        /// Minimum.
        min: u32,
        /// The skill's name, when the minimum is for a skill.
        skill: Option<String>,
        /// The loans that take officers away.
        loans: Vec<LoanRef>,
    },
    /// Nobody leads a duty shift in the violation's time range.
    CoverageGap {
        /// Length of the gap, in minutes (rounded up).
        minutes: i64,
    },
    /// Too little rest between two shifts.
    ShortRest {
        /// Rest, in minutes (rounded down).
        minutes: i64,
        /// Minimum, in minutes.
        min_minutes: u32,
    },
    /// Too many duty days in a row.
    ConsecutiveDays {
        /// Days in the run.
        days: u32,
        /// Maximum.
        max: u32,
    },
    /// Too many night shifts in a row.
    NightsInRow {
        /// Nights in the run.
        nights: u32,
        /// Maximum.
        max: u32,
    },
    /// Too many work hours in a rolling window.
    Hours {
        /// Most work in one window, in minutes (rounded down).
        minutes: i64,
        /// Maximum, in minutes.
        max_minutes: u32,
        /// Window length, in days.
        window_days: u32,
    },
    /// A joint patrol or training overlaps a shift or leave of the officer's own.
    Joint {
        /// The joint shift's kind ([`ShiftKind::JointPatrol`] or [`ShiftKind::Training`]).
        kind: ShiftKind,
        /// The kind of the officer's own shift (a leave for [`RosterRule::JointOnLeave`]).
        own: ShiftKind,
    },
}

/// A loan named by a [`Finding::LoanedAway`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoanRef {
    /// The commitment (调派) behind it.
    pub commitment: RecordId,
    /// The officer lent.
    pub officer: RecordRef,
    /// The receiving station.
    pub to_station: RecordId,
    /// Who committed the officer, and when.
    pub committed: Mark,
    /// The receiving station, named.
    pub to: RecordRef,
    /// Who committed the officer, named.
    pub by: RecordRef,
}

/// Who wrote one shift involved in a violation (filled after a sync).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftEdit {
    /// The shift.
    pub shift: RecordId,
    /// The officers whose devices created or last changed it, creator first.
    pub authors: Vec<RecordRef>,
}

/// A place where the roster breaks a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterViolation {
    /// The rule.
    pub rule: RosterRule,
    /// Its severity in the county's settings.
    pub severity: Severity,
    /// The officers concerned, by id (for staffing: those on leave, or on the shift).
    pub officers: Vec<RecordRef>,
    /// Start of the time range concerned.
    pub from: Timestamp,
    /// End of the time range concerned.
    pub to: Timestamp,
    /// The shifts involved, by id.
    pub shifts: Vec<RecordId>,
    /// What was found.
    pub finding: Finding,
    /// The station head's override, if one accepted exactly this violation.
    pub overridden: Option<ShiftOverride>,
    /// Who wrote each involved shift; empty unless read from a document
    /// ([`crate::roster::merge::check_after_sync`]).
    pub edits: Vec<ShiftEdit>,
}

impl RosterViolation {
    /// A violation with its officers and shifts sorted and deduplicated (so equal findings
    /// compare equal), severity from `config`, not overridden, without edits.
    pub(crate) fn new(
        config: &RosterConfig,
        rule: RosterRule,
        mut officers: Vec<RecordRef>,
        (from, to): (Timestamp, Timestamp),
        mut shifts: Vec<RecordId>,
        finding: Finding,
    ) -> Self {
        crate::sort::by_key(&mut officers, |o| o.id);
        officers.dedup_by_key(|o| o.id);
        crate::sort::natural(&mut shifts);
        shifts.dedup();
        Self {
            rule,
            severity: config.severity(rule),
            officers,
            from,
            to,
            shifts,
            finding,
            overridden: None,
            edits: vec![],
        }
    }

    /// Whether it stops a save: BLOCK and not overridden.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Block && self.overridden.is_none()
    }

    /// Whether `o` accepted exactly this violation.
    pub fn matches(&self, o: &ShiftOverride) -> bool {
        o.rule == self.rule
            && o.from == self.from
            && o.to == self.to
            && o.shifts == self.shifts
            && o.officers.len() == self.officers.len()
            && o.officers.iter().zip(&self.officers).all(|(a, b)| *a == b.id)
    }

    /// Whether `shift` is one of the shifts involved.
    pub fn involves(&self, shift: RecordId) -> bool {
        self.shifts.binary_search(&shift).is_ok()
    }

    /// An override accepting this violation, by `by` at `at` with `note`.
    pub fn override_by(&self, by: RecordId, note: &str, at: Timestamp) -> ShiftOverride {
        ShiftOverride {
            rule: self.rule,
            officers: self.officers.iter().map(|o| o.id).collect(),
            shifts: self.shifts.clone(),
            from: self.from,
            to: self.to,
            note: note.to_owned(),
            by,
            at,
        }
    }
}

/// Every roster rule over `station`'s shifts among `shifts`, the day-bound ones over
/// `period` (default: the days the shifts start on). In time order, overrides applied.
pub fn check(ctx: &Context, shifts: &[Shift], period: Option<Period>) -> Vec<RosterViolation> {
    let own: Vec<&Shift> = shifts.iter().filter(|s| s.station == ctx.station && s.end > s.start).collect();
    let joint: Vec<&Shift> = ctx.joint.iter().filter(|j| j.station == ctx.station && j.end > j.start).collect();
    let merged: std::borrow::Cow<[Shift]> = if joint.is_empty() {
        std::borrow::Cow::Borrowed(shifts)
    } else {
        std::borrow::Cow::Owned(shifts.iter().chain(joint.iter().copied()).cloned().collect())
    };
    let prepared = Prepared::new(&merged, ctx.station, ctx.loans, &joint);
    let mut out = Vec::new();
    out.extend(joint::check(ctx, &own));
    if let Some(period) = period.or_else(|| Period::of(shifts, ctx.station)) {
        out.extend(staffing::check(ctx, &prepared, period));
        out.extend(coverage::check(ctx, &prepared, period));
    }
    out.extend(rest::check(ctx, &prepared));
    out.extend(days::check(ctx, &prepared));
    out.extend(hours::check(ctx, &prepared));
    apply_overrides(&mut out, &prepared.shifts);
    crate::sort::by(&mut out, |a, b| (a.from, a.rule, &a.shifts).cmp(&(b.from, b.rule, &b.shifts)));
    out
}

/// Marks each violation that an override on one of the station's shifts accepted.
fn apply_overrides(violations: &mut [RosterViolation], shifts: &[&Shift]) {
    let overrides: Vec<&ShiftOverride> = shifts.iter().flat_map(|s| s.overrides.iter()).collect();
    if overrides.is_empty() {
        return;
    }
    for v in violations.iter_mut() {
        v.overridden = overrides.iter().find(|o| v.matches(o)).map(|o| (*o).clone());
    }
}
