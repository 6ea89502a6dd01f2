//! A small station with a roster, for the roster tests.

use jiff::Timestamp;
use jiff::civil::DateTime;
use liandong_core::RecordId;
use liandong_core::model::RosterRule;
use liandong_core::model::{LeaveKind, Role, Shift, ShiftKind};
use liandong_core::org::Organisation;
use liandong_core::roster::{Context, RosterConfig, RosterViolation};
use liandong_core::time::china;

use super::Org;

/// A station of `officers` plain officers (the first ones with first response) and a head.
pub struct Station {
    pub org: Organisation,
    pub config: RosterConfig,
    pub station: RecordId,
    pub officers: Vec<RecordId>,
    pub head: RecordId,
}

impl Station {
    pub fn new(officers: usize, first_responders: usize) -> Self {
        let mut org = Org::new();
        let station = org.station("Desheng");
        let ids = org.officers(station, officers);
        for id in ids.iter().take(first_responders) {
            org.grant(*id, "first_response", None);
        }
        let head = org.officer(station, Role::StationHead);
        Self { org: org.0, config: RosterConfig::default(), station, officers: ids, head }
    }

    pub fn ctx(&self) -> Context<'_> {
        Context::new(&self.org, &self.config, self.station)
    }

    /// A shift of `officer` from `start` to `end`, China time `YYYY-MM-DD HH:MM`.
    pub fn shift(&self, officer: RecordId, kind: ShiftKind, start: &str, end: &str) -> Shift {
        Shift {
            id: RecordId::new(),
            station: self.station,
            officer,
            kind,
            start: at(start),
            end: at(end),
            leader: false,
            leave: (kind == ShiftKind::Leave).then_some(LeaveKind::Sick),
            note: None,
            overrides: vec![],
        }
    }

    /// A led 24-hour duty from `day` 08:30 to the next day 08:30.
    pub fn duty(&self, officer: RecordId, day: &str) -> Shift {
        let start = at(&format!("{day} 08:30"));
        let mut shift = self.shift(officer, ShiftKind::Duty24, &format!("{day} 08:30"), &format!("{day} 08:30"));
        shift.end = start.checked_add(jiff::SignedDuration::from_hours(24)).expect("end");
        shift.leader = true;
        shift
    }
}

/// `YYYY-MM-DD HH:MM` in China time.
pub fn at(text: &str) -> Timestamp {
    let dt: DateTime = text.parse().expect("date time");
    china().to_timestamp(dt).expect("timestamp")
}

/// The violations of `rule`.
pub fn of(violations: &[RosterViolation], rule: RosterRule) -> Vec<&RosterViolation> {
    violations.iter().filter(|v| v.rule == rule).collect()
}
