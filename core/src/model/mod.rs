//! The records of the domain, one file per document kind (names from docs/domain.md "Words").

pub mod bulletin;
pub mod command;
pub mod community;
pub mod community_log;
pub mod cooperation;
pub mod organisation;
pub mod roster;

pub use bulletin::{
    Acknowledgement, Assessment, Bulletin, BulletinCategory, BulletinPhoto, BulletinVersion, Scope, Series, Urgency,
};
pub use command::{
    Closure, Commitment, ContingencyPlan, DispatchAck, Equipment, EquipmentKind, EquipmentStatus, Incident,
    IncidentKind, IncidentNote, Mark, Need, PlanItem, RequestItem, Resource, SupportRequest,
};
pub use community::{
    DisputeKind, KeyKind, KeySubject, MediationCase, Mediator, PersonCategory, RiskLevel, SiteCategory, Visit,
};
pub use community_log::{
    CommunityReport, Outreach, Patrol, RapidResponse, ReportCategory, ReportSource, WorkbookPhoto,
};
pub use cooperation::{Decision, JointPatrol, JointTraining, Meeting};
pub use organisation::{County, CountyPolicy, Officer, Region, Role, SkillDef, Station, StationKind};
pub use roster::{
    Assignment, District, LeaveKind, Office, OfficerPhoto, RosterRule, Shift, ShiftKind, ShiftOverride, SkillGrant,
    Village,
};

/// Implements [`crate::record::Record`] for a struct with an `id: RecordId` field.
macro_rules! record {
    ($ty:ty, $doc:ty, $collection:literal) => {
        impl $crate::record::Record for $ty {
            type Document = $doc;
            const COLLECTION: &'static str = $collection;
            fn id(&self) -> $crate::ids::RecordId {
                self.id
            }
        }
    };
}
pub(crate) use record;
