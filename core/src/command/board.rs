//! The commander's board: for each station of the region now, officers on duty (from the
//! rosters), officers on loan in and out, vehicles and equipment by state, who is free to
//! commit; and for the region the open incidents, the requests still short and the
//! command findings.

use std::collections::HashSet;

use jiff::Timestamp;

use super::fill::{self, LineFill};
use super::loans::{self, Loan};
use super::pool::{self, Bound, ItemState, PoolCounts};
use super::rules::{self, CommandFinding, Inputs};
use super::state::CommandState;
use crate::ids::RecordId;
use crate::model::{Resource, Shift, ShiftKind};
use crate::org::Organisation;
use crate::roster::shift_types::counts_as_work;

/// One station on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct StationBoard {
    /// The station.
    pub station: RecordId,
    /// Officers of its strength.
    pub strength: usize,
    /// Officers on a work shift now (its own, not on leave, not lent away; plus those lent
    /// to it), by id.
    pub on_duty: Vec<RecordId>,
    /// Its officers free to commit now (not on leave now, no commitment that binds now or
    /// later), on duty first.
    pub free: Vec<RecordId>,
    /// Loans from it running now.
    pub lent_out: Vec<Loan>,
    /// Loans to it running now.
    pub lent_in: Vec<Loan>,
    /// Its vehicles by state.
    pub vehicles: PoolCounts,
    /// Its other equipment by state.
    pub equipment: PoolCounts,
    /// Its items available now and not committed for later (vehicles first).
    pub items_free: Vec<RecordId>,
}

/// The board of one region.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// The region's stations, center first.
    pub stations: Vec<StationBoard>,
    /// Incidents not closed, newest first.
    pub open_incidents: Vec<RecordId>,
    /// Requests with lines still short (not withdrawn, incident not closed), oldest first.
    pub unfilled: Vec<(RecordId, Vec<LineFill>)>,
    /// The command rules' findings.
    pub findings: Vec<CommandFinding>,
}

impl Board {
    /// The board of `region` at `now`, from the command records, the organisation and the
    /// shifts of the region's stations.
    pub fn build(state: &CommandState, org: &Organisation, region: RecordId, shifts: &[Shift], now: Timestamp) -> Self {
        let region_stations = super::edit::region_stations(org, region);
        let all_loans = loans::loans(state);
        let running: Vec<Loan> = all_loans.into_iter().filter(|l| l.covers(now)).collect();
        let bound = Bound::at(state, now);
        let mut on_leave: HashSet<RecordId> = HashSet::new();
        let mut working: HashSet<RecordId> = HashSet::new();
        for s in shifts.iter().filter(|s| s.start <= now && now < s.end) {
            if s.kind == ShiftKind::Leave {
                on_leave.insert(s.officer);
            } else if counts_as_work(s.kind) {
                working.insert(s.officer);
            }
        }
        let lent_away: HashSet<RecordId> = running.iter().map(|l| l.officer).collect();
        let taken: HashSet<Resource> = state
            .commitments
            .iter()
            .filter(|c| c.window().is_some_and(|(_, to)| to > now))
            .map(|c| c.resource)
            .collect();
        let stations = region_stations
            .iter()
            .map(|&station| {
                let strength: Vec<RecordId> = org.strength_of(station).map(|o| o.id).collect();
                let mut on_duty: Vec<RecordId> = strength
                    .iter()
                    .copied()
                    .filter(|o| working.contains(o) && !on_leave.contains(o) && !lent_away.contains(o))
                    .collect();
                let lent_in: Vec<Loan> = running.iter().filter(|l| l.to_station == station).copied().collect();
                on_duty.extend(lent_in.iter().map(|l| l.officer));
                let mut free: Vec<RecordId> = strength
                    .iter()
                    .copied()
                    .filter(|o| !on_leave.contains(o) && !taken.contains(&Resource::Officer(*o)))
                    .collect();
                crate::sort::by_key(&mut free, |o| !working.contains(o));
                let (vehicles, equipment) = pool::counts_with(state, &bound, Some(station));
                let mut items: Vec<_> = state
                    .equipment
                    .iter()
                    .filter(|e| e.station == station && pool::state_with(&bound, e) == ItemState::Available)
                    .filter(|e| !taken.contains(&Resource::Equipment(e.id)))
                    .collect();
                crate::sort::by_key(&mut items, |e| !e.kind.is_vehicle());
                StationBoard {
                    station,
                    strength: strength.len(),
                    on_duty,
                    free,
                    lent_out: running.iter().filter(|l| l.from_station == station).copied().collect(),
                    lent_in,
                    vehicles,
                    equipment,
                    items_free: items.into_iter().map(|e| e.id).collect(),
                }
            })
            .collect();
        let mut open_incidents: Vec<RecordId> =
            state.incidents.iter().filter(|i| i.closed.is_none()).map(|i| i.id).collect();
        open_incidents.reverse();
        let unfilled = state
            .requests
            .iter()
            .filter(|r| fill::is_open(state, r))
            .filter_map(|r| {
                let short = fill::unfilled(state, r);
                (!short.is_empty()).then_some((r.id, short))
            })
            .collect();
        let findings = rules::check(state, Inputs { org, shifts, now });
        Self { stations, open_incidents, unfilled, findings }
    }
}
