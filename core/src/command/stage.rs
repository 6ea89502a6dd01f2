//! Where a commitment stands, and the time it binds its officer or item.

use jiff::Timestamp;

use crate::model::{Commitment, Mark};

/// The steps of a commitment (EDXL-RM: CommitResource, deployment status, ReleaseResource,
/// RequestReturn), in order; [`Stage::Cancelled`] ends it early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Committed, not yet set out.
    Committed,
    /// On the way.
    Dispatched,
    /// Arrived.
    OnScene,
    /// Released from the scene, on the way back.
    Released,
    /// Back at the own station.
    Returned,
    /// Withdrawn.
    Cancelled,
}

impl Stage {
    /// The steps that follow commitment, in order.
    pub const STEPS: [Stage; 4] = [Stage::Dispatched, Stage::OnScene, Stage::Released, Stage::Returned];
}

impl Commitment {
    /// The furthest step reached.
    pub fn stage(&self) -> Stage {
        if self.cancelled.is_some() {
            Stage::Cancelled
        } else if self.returned.is_some() {
            Stage::Returned
        } else if self.released.is_some() {
            Stage::Released
        } else if self.on_scene.is_some() {
            Stage::OnScene
        } else if self.dispatched.is_some() {
            Stage::Dispatched
        } else {
            Stage::Committed
        }
    }

    /// The mark of one step (`Committed` is the commitment itself).
    pub fn mark(&self, stage: Stage) -> Option<Mark> {
        match stage {
            Stage::Committed => Some(self.committed),
            Stage::Dispatched => self.dispatched,
            Stage::OnScene => self.on_scene,
            Stage::Released => self.released,
            Stage::Returned => self.returned,
            Stage::Cancelled => self.cancelled,
        }
    }

    /// Whether it still binds its officer or item (not cancelled, not returned).
    pub fn is_active(&self) -> bool {
        self.cancelled.is_none() && self.returned.is_none()
    }

    /// Whether it counts toward its request's line (everything but a cancelled one).
    pub fn counts(&self) -> bool {
        self.cancelled.is_none()
    }

    /// The time it binds its officer or item, `[from, to)`: from the planned start (or the
    /// dispatch, if earlier) to the return, else the planned end; `None` when cancelled or
    /// empty.
    pub fn window(&self) -> Option<(Timestamp, Timestamp)> {
        if self.cancelled.is_some() {
            return None;
        }
        let from = self.dispatched.map_or(self.from, |d| d.at.min(self.from));
        let to = self.returned.map_or(self.until, |r| r.at);
        (from < to).then_some((from, to))
    }

    /// Whether it binds its officer or item at `at`.
    pub fn binds_at(&self, at: Timestamp) -> bool {
        self.window().is_some_and(|(from, to)| from <= at && at < to)
    }
}
