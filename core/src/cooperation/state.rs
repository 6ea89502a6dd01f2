//! Every cooperation record of a region, read at once for the screens.

use crate::docs::RegionCommand;
use crate::ids::RecordId;
use crate::model::{Decision, JointPatrol, JointTraining, Meeting};

/// The live records of the region's daily cooperation, each list in creation order.
/// Records this version cannot read are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CooperationState {
    /// Regular meetings, planned, held and called off.
    pub meetings: Vec<Meeting>,
    /// Decisions of the meetings.
    pub decisions: Vec<Decision>,
    /// Joint patrols.
    pub patrols: Vec<JointPatrol>,
    /// Joint trainings.
    pub trainings: Vec<JointTraining>,
}

impl CooperationState {
    /// Reads the region's command document.
    pub fn read(command: &RegionCommand) -> Self {
        Self {
            meetings: command.list().into_records(),
            decisions: command.list().into_records(),
            patrols: command.list().into_records(),
            trainings: command.list().into_records(),
        }
    }

    /// The meeting `id`.
    pub fn meeting(&self, id: RecordId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// The decisions of meeting `id`, in the order they were recorded.
    pub fn decisions_of(&self, meeting: RecordId) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(move |d| d.meeting == meeting)
    }

    /// The patrols and trainings that were not called off.
    pub fn live_patrols(&self) -> impl Iterator<Item = &JointPatrol> {
        self.patrols.iter().filter(|p| p.cancelled.is_none())
    }

    /// The trainings that were not called off.
    pub fn live_trainings(&self) -> impl Iterator<Item = &JointTraining> {
        self.trainings.iter().filter(|t| t.cancelled.is_none())
    }
}
