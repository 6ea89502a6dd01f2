//! The equipment and vehicles pool now: the keeping station's status, and "committed" while
//! a commitment binds the item ("区域配套投入，装备分散管理，使用统一调配").

use std::collections::HashMap;

use jiff::Timestamp;

use super::state::CommandState;
use crate::ids::RecordId;
use crate::model::{Equipment, EquipmentKind, EquipmentStatus, Resource};

/// What an item can do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemState {
    /// Ready to commit.
    Available,
    /// Bound by a commitment (the commitment's id).
    Committed(RecordId),
    /// In repair.
    InRepair,
    /// Out of service (or a status of a newer version).
    OutOfService,
}

/// What is bound at one time: each officer or item → the commitment that binds it. Built
/// once per screen or check, so looking up 300 items does not scan every commitment 300
/// times.
#[derive(Debug, Clone, Default)]
pub struct Bound(HashMap<Resource, RecordId>);

impl Bound {
    /// The commitments of `state` that bind at `now`.
    pub fn at(state: &CommandState, now: Timestamp) -> Self {
        Self(state.commitments.iter().filter(|c| c.binds_at(now)).map(|c| (c.resource, c.id)).collect())
    }

    /// The commitment binding `resource`, if one.
    pub fn get(&self, resource: Resource) -> Option<RecordId> {
        self.0.get(&resource).copied()
    }
}

/// The state of `item` at `now`. A commitment wins over the station's status: an item in
/// repair that was committed anyway shows as committed (the rules flag it).
pub fn state_of(state: &CommandState, item: &Equipment, now: Timestamp) -> ItemState {
    state_with(&Bound::at(state, now), item)
}

/// The state of `item` given what is bound ([`Bound::at`]).
pub fn state_with(bound: &Bound, item: &Equipment) -> ItemState {
    match (bound.get(Resource::Equipment(item.id)), item.status) {
        (Some(c), _) => ItemState::Committed(c),
        (None, EquipmentStatus::Available) => ItemState::Available,
        (None, EquipmentStatus::InRepair) => ItemState::InRepair,
        (None, EquipmentStatus::OutOfService | EquipmentStatus::Unknown) => ItemState::OutOfService,
    }
}

/// Counts of a station's (or the region's) items by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolCounts {
    /// Available.
    pub available: usize,
    /// Committed.
    pub committed: usize,
    /// In repair or out of service.
    pub unusable: usize,
}

impl PoolCounts {
    /// Adds one item in `s`.
    pub fn add(&mut self, s: ItemState) {
        match s {
            ItemState::Available => self.available += 1,
            ItemState::Committed(_) => self.committed += 1,
            ItemState::InRepair | ItemState::OutOfService => self.unusable += 1,
        }
    }
}

/// Vehicles and other equipment of `station` (every station if `None`) by state at `now`:
/// `(vehicles, equipment)`.
pub fn counts(state: &CommandState, station: Option<RecordId>, now: Timestamp) -> (PoolCounts, PoolCounts) {
    counts_with(state, &Bound::at(state, now), station)
}

/// [`counts`] given what is bound.
pub fn counts_with(state: &CommandState, bound: &Bound, station: Option<RecordId>) -> (PoolCounts, PoolCounts) {
    let mut vehicles = PoolCounts::default();
    let mut equipment = PoolCounts::default();
    for item in state.equipment.iter().filter(|e| station.is_none_or(|s| e.station == s)) {
        let s = state_with(bound, item);
        if item.kind.is_vehicle() { vehicles.add(s) } else { equipment.add(s) }
    }
    (vehicles, equipment)
}

/// Whether an item of `kind` answers `need`.
pub fn answers(need: &crate::model::Need, kind: EquipmentKind) -> bool {
    match need {
        crate::model::Need::Vehicle => kind.is_vehicle(),
        crate::model::Need::Equipment { kind: k } => *k == kind,
        crate::model::Need::Officers { .. } => false,
    }
}
