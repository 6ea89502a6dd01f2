//! The command rules: pure checks over a region's command records, its officers and their
//! shifts, each a [`CommandFinding`] with its numbers and the records involved
//! (docs/domain.md "Regional command"). Severity as the issue of regional command set it:
//! a double booking and an item in repair BLOCK; the rest WARN. Lending below a station's
//! minimum staffing is the roster's rule ([`crate::model::RosterRule::LoanBreaksStaffing`]),
//! shown at the lending station.
//!
//! Only commitments that still bind (not cancelled, not returned) are checked for leave,
//! duty and repair; a double booking needs one of the two still binding, so a year of
//! closed incidents does not fill the board.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use super::fill::{self, LineFill};
use super::pool::{self, Bound, ItemState};
use super::state::CommandState;
use crate::ids::RecordId;
use crate::model::{Commitment, EquipmentStatus, Mark, Need, Resource, Shift, ShiftKind};
use crate::org::Organisation;
use crate::roster::Severity;
use crate::roster::shift_types::counts_as_work;

/// A place where the command records break a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandFinding {
    /// One officer or item committed twice for overlapping times (often two offline
    /// devices); names both commitments and who made them.
    DoubleBooked {
        /// The officer or item.
        resource: Resource,
        /// The earlier commitment (by id) and who made it.
        first: (RecordId, Mark),
        /// The later commitment and who made it.
        second: (RecordId, Mark),
        /// Where the two overlap.
        from: Timestamp,
        /// End of the overlap.
        to: Timestamp,
    },
    /// An officer committed while on leave (the leave shift named).
    OnLeave {
        /// The commitment.
        commitment: RecordId,
        /// The officer.
        officer: RecordId,
        /// The leave shift.
        leave: RecordId,
    },
    /// An officer committed while off duty: the own station's roster has shifts in the
    /// commitment's time but none of this officer.
    OffDuty {
        /// The commitment.
        commitment: RecordId,
        /// The officer.
        officer: RecordId,
    },
    /// An item committed while in repair or out of service.
    ItemUnusable {
        /// The commitment.
        commitment: RecordId,
        /// The item.
        item: RecordId,
        /// Its status.
        status: EquipmentStatus,
    },
    /// A request past its "by when" with lines still short.
    Overdue {
        /// The request.
        request: RecordId,
        /// By when it was needed.
        needed_by: Timestamp,
        /// The lines still short.
        short: Vec<LineFill>,
    },
    /// A plan the region cannot fill now.
    PlanShort {
        /// The plan.
        plan: RecordId,
        /// The lines it cannot fill: (line, wanted, available now).
        lines: Vec<(u32, u32, u32)>,
    },
}

impl CommandFinding {
    /// BLOCK or WARN.
    pub fn severity(&self) -> Severity {
        match self {
            Self::DoubleBooked { .. } | Self::ItemUnusable { .. } => Severity::Block,
            _ => Severity::Warn,
        }
    }
}

/// What the rules read besides the command records.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The organisation (officers, stations, skills, grants).
    pub org: &'a Organisation,
    /// The shifts of the region's stations.
    pub shifts: &'a [Shift],
    /// Now.
    pub now: Timestamp,
}

/// Every command finding of `state`, in the order: double bookings, officers, items,
/// requests, plans.
pub fn check(state: &CommandState, input: Inputs) -> Vec<CommandFinding> {
    let mut out = double_bookings(state);
    out.extend(officers(state, input));
    out.extend(items(state));
    out.extend(overdue(state, input.now));
    out.extend(plans_short(state, input));
    out
}

type Windowed<'a> = (&'a Commitment, (Timestamp, Timestamp));

/// Overlapping commitments of one officer or item.
pub fn double_bookings(state: &CommandState) -> Vec<CommandFinding> {
    let mut by_resource: HashMap<Resource, Vec<Windowed>> = HashMap::new();
    for c in &state.commitments {
        if let Some(w) = c.window() {
            by_resource.entry(c.resource).or_default().push((c, w));
        }
    }
    let mut out = Vec::new();
    let mut resources: Vec<_> = by_resource.into_iter().collect();
    crate::sort::by_key(&mut resources, |(r, _)| *r);
    for (resource, mut list) in resources {
        crate::sort::by_key(&mut list, |(c, _)| c.id);
        for (i, (a, (af, at))) in list.iter().enumerate() {
            for (b, (bf, bt)) in &list[i + 1..] {
                let (from, to) = ((*af).max(*bf), (*at).min(*bt));
                if from < to && (a.is_active() || b.is_active()) {
                    out.push(CommandFinding::DoubleBooked {
                        resource,
                        first: (a.id, a.committed),
                        second: (b.id, b.committed),
                        from,
                        to,
                    });
                }
            }
        }
    }
    out
}

fn officers(state: &CommandState, input: Inputs) -> Vec<CommandFinding> {
    let mut out = Vec::new();
    for c in state.commitments.iter().filter(|c| c.is_active()) {
        let (Resource::Officer(officer), Some((from, to))) = (c.resource, c.window()) else { continue };
        let overlapping = |s: &&Shift| s.station == c.station && s.start < to && from < s.end;
        let mut station_has_shifts = false;
        let mut working = false;
        let mut leave = None;
        for s in input.shifts.iter().filter(overlapping) {
            station_has_shifts = true;
            if s.officer == officer {
                if s.kind == ShiftKind::Leave {
                    leave = Some(s.id);
                } else if counts_as_work(s.kind) {
                    working = true;
                }
            }
        }
        if let Some(leave) = leave {
            out.push(CommandFinding::OnLeave { commitment: c.id, officer, leave });
        } else if station_has_shifts && !working {
            out.push(CommandFinding::OffDuty { commitment: c.id, officer });
        }
    }
    out
}

fn items(state: &CommandState) -> Vec<CommandFinding> {
    let mut out = Vec::new();
    for c in state.commitments.iter().filter(|c| c.is_active()) {
        let Resource::Equipment(id) = c.resource else { continue };
        if let Some(item) = state.item(id)
            && item.status != EquipmentStatus::Available
        {
            out.push(CommandFinding::ItemUnusable { commitment: c.id, item: id, status: item.status });
        }
    }
    out
}

fn overdue(state: &CommandState, now: Timestamp) -> Vec<CommandFinding> {
    state
        .requests
        .iter()
        .filter(|r| r.needed_by < now && fill::is_open(state, r))
        .filter_map(|r| {
            let short = fill::unfilled(state, r);
            (!short.is_empty()).then_some(CommandFinding::Overdue { request: r.id, needed_by: r.needed_by, short })
        })
        .collect()
}

/// Who and what is free now, gathered once for many questions ([`Availability::count`]).
#[derive(Debug)]
pub struct Availability<'a> {
    state: &'a CommandState,
    org: &'a Organisation,
    today: jiff::civil::Date,
    on_leave: HashSet<RecordId>,
    bound: Bound,
}

impl<'a> Availability<'a> {
    /// Gathers leave and commitments at `input.now`.
    pub fn new(state: &'a CommandState, input: Inputs<'a>) -> Self {
        let now = input.now;
        let on_leave = input
            .shifts
            .iter()
            .filter(|s| s.kind == ShiftKind::Leave && s.start <= now && now < s.end)
            .map(|s| s.officer)
            .collect();
        Self { state, org: input.org, today: crate::time::in_china(now).date(), on_leave, bound: Bound::at(state, now) }
    }

    /// Whether `officer` is free now: not on leave and not bound by a commitment.
    pub fn officer_free(&self, officer: RecordId) -> bool {
        !self.on_leave.contains(&officer) && self.bound.get(Resource::Officer(officer)).is_none()
    }

    /// How many officers or items could answer `need` now, from `stations` (any of
    /// `region_stations` if empty): officers of the stations' strength holding the skill and
    /// free; items available.
    pub fn count(&self, region_stations: &[RecordId], need: &Need, stations: &[RecordId]) -> u32 {
        let from = |s: RecordId| region_stations.contains(&s) && (stations.is_empty() || stations.contains(&s));
        let count = match need {
            Need::Officers { skill } => self
                .org
                .officers
                .iter()
                .filter(|o| o.role.is_station_strength() && o.station.is_some_and(from))
                .filter(|o| {
                    skill.as_ref().is_none_or(|k| {
                        self.org
                            .skill_grants
                            .iter()
                            .any(|g| g.officer == o.id && &g.skill == k && g.valid_on(self.today))
                    })
                })
                .filter(|o| self.officer_free(o.id))
                .count(),
            Need::Vehicle | Need::Equipment { .. } => self
                .state
                .equipment
                .iter()
                .filter(|e| from(e.station) && pool::answers(need, e.kind))
                .filter(|e| pool::state_with(&self.bound, e) == ItemState::Available)
                .count(),
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

fn plans_short(state: &CommandState, input: Inputs) -> Vec<CommandFinding> {
    let mut out = Vec::new();
    let free = Availability::new(state, input);
    for plan in &state.plans {
        let region_stations: Vec<RecordId> =
            input.org.regions.iter().find(|r| r.id == plan.region).map(|r| r.stations().collect()).unwrap_or_default();
        let lines: Vec<(u32, u32, u32)> = plan
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                let have = free.count(&region_stations, &line.item.need, &line.stations);
                (have < line.item.count).then_some((u32::try_from(i).unwrap_or(u32::MAX), line.item.count, have))
            })
            .collect();
        if !lines.is_empty() {
            out.push(CommandFinding::PlanShort { plan: plan.id, lines });
        }
    }
    out
}
