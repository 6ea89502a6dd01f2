//! A station's shifts arranged once for every rule: each officer's work shifts in start
//! order, leaves, the work shifts that a leave cancels, and those whose officer is on loan.

use std::collections::{BTreeMap, HashMap};

use crate::command::Loan;
use crate::ids::RecordId;
use crate::model::{Shift, ShiftKind};
use crate::roster::shift_types::counts_as_work;

/// One officer's shifts.
#[derive(Debug, Default)]
pub(crate) struct OfficerShifts<'a> {
    /// Work shifts not cancelled by a leave, by start (then id).
    pub work: Vec<&'a Shift>,
}

/// The station's shifts, arranged.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    /// Every shift of the station that ends after it starts, by start (then id).
    pub shifts: Vec<&'a Shift>,
    /// Per officer, in id order (so results come out in a stable order).
    pub officers: BTreeMap<RecordId, OfficerShifts<'a>>,
    /// Cancelled work shift → the leave that cancels it.
    pub cancelled_by: HashMap<RecordId, &'a Shift>,
    /// Work shift (not cancelled) whose officer is on loan to another station during it →
    /// the loan.
    pub lent_by: HashMap<RecordId, &'a Loan>,
    /// Loans to this station.
    pub loaned_in: Vec<&'a Loan>,
    /// Work shifts at the station (not joint ones) whose officer is on a joint patrol or
    /// training during them: not staffed by that officer.
    pub joint_away: std::collections::HashSet<RecordId>,
}

impl<'a> Prepared<'a> {
    /// Arranges the shifts of `station` among `shifts` (others, and shifts that do not end
    /// after they start, are left out: [`crate::roster::validate`] reports those).
    pub fn new(shifts: &'a [Shift], station: RecordId, loans: &'a [Loan], joint: &[&Shift]) -> Self {
        let mut mine: Vec<&Shift> = shifts.iter().filter(|s| s.station == station && s.end > s.start).collect();
        crate::sort::by_key(&mut mine, |s| (s.start, s.id));
        let mut leaves: HashMap<RecordId, Vec<&Shift>> = HashMap::new();
        for shift in mine.iter().filter(|s| s.kind == ShiftKind::Leave) {
            leaves.entry(shift.officer).or_default().push(shift);
        }
        let mut officers: BTreeMap<RecordId, OfficerShifts> = BTreeMap::new();
        let mut cancelled_by = HashMap::new();
        let joint_ids: std::collections::HashSet<RecordId> = joint.iter().map(|j| j.id).collect();
        // A joint shift during one of the officer's own work shifts is time already worked:
        // it is reported as an overlap (`super::joint`), not counted twice for rest and hours.
        let within_own = |j: &Shift| {
            mine.iter().any(|s| {
                !joint_ids.contains(&s.id)
                    && s.officer == j.officer
                    && counts_as_work(s.kind)
                    && super::joint::overlap(s, j)
            })
        };
        for shift in mine.iter().filter(|s| counts_as_work(s.kind)) {
            if joint_ids.contains(&shift.id) && within_own(shift) {
                continue;
            }
            let leave = leaves
                .get(&shift.officer)
                .and_then(|ls| ls.iter().find(|l| l.start <= shift.start && shift.start < l.end));
            match leave {
                Some(leave) => {
                    cancelled_by.insert(shift.id, *leave);
                }
                None => officers.entry(shift.officer).or_default().work.push(shift),
            }
        }
        let mut lent_by = HashMap::new();
        let away: Vec<&Loan> = loans.iter().filter(|l| l.from_station == station && l.to_station != station).collect();
        if !away.is_empty() {
            for shift in mine.iter().filter(|s| counts_as_work(s.kind) && !cancelled_by.contains_key(&s.id)) {
                if let Some(loan) =
                    away.iter().find(|l| l.officer == shift.officer && l.overlaps(shift.start, shift.end))
                {
                    lent_by.insert(shift.id, *loan);
                }
            }
        }
        let loaned_in = loans.iter().filter(|l| l.to_station == station && l.from_station != station).collect();
        let joint_away = mine
            .iter()
            .filter(|s| counts_as_work(s.kind) && !joint_ids.contains(&s.id))
            .filter(|s| joint.iter().any(|j| j.officer == s.officer && super::joint::overlap(s, j)))
            .map(|s| s.id)
            .collect();
        Self { shifts: mine, officers, cancelled_by, lent_by, loaned_in, joint_away }
    }
}
