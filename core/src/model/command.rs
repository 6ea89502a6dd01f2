//! Regional command (指挥统一、警力整合、装备配套), held in `region/{region}/command` and
//! written by the regional commander and the region's station heads: incidents and their
//! timelines, support requests (支援请求) and the commitments that answer them (loans of
//! officers, vehicles and equipment), the region's equipment pool, contingency plans (预案).
//! An officer's acknowledgement of a dispatch is a [`DispatchAck`] in the region's bulletins
//! document, which officers may write (docs/architecture.md "Regional command").
//!
//! Each step of a commitment and each change of an item's status is its own field with who
//! and when ([`Mark`]), so two devices that move different steps offline both keep theirs.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::bulletin::Urgency;
use super::record;
use crate::docs::{BulletinsDoc, CommandDoc};
use crate::ids::RecordId;

/// Who did something and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// When.
    pub at: Timestamp,
    /// The officer (commander, station head) who did it.
    pub by: RecordId,
}

/// The kinds of incident, the four of the source's contingency plans plus any other
/// (docs/domain.md "Regional command").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// 群体性事件.
    MassIncident,
    /// 重大灾害事故.
    MajorDisaster,
    /// 重大交通肇事逃逸案件.
    HitAndRun,
    /// 打击刑事犯罪 (a crackdown).
    CriminalCrackdown,
    /// 其他.
    Other,
    /// A kind of a newer app version.
    #[serde(other)]
    Unknown,
}

impl IncidentKind {
    /// The four kinds a region keeps a contingency plan for.
    pub const PLANNED: [IncidentKind; 4] =
        [Self::MassIncident, Self::MajorDisaster, Self::HitAndRun, Self::CriminalCrackdown];
    /// Every kind an officer may choose.
    pub const ALL: [IncidentKind; 5] =
        [Self::MassIncident, Self::MajorDisaster, Self::HitAndRun, Self::CriminalCrackdown, Self::Other];
}

/// How an incident was closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Closure {
    /// When and by whom.
    pub mark: Mark,
    /// The result, e.g. `抓获15人，追回摩托车85辆`.
    pub result: String,
}

/// An incident (警情/事件) the region acts on as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Record id.
    pub id: RecordId,
    /// The region whose command document holds it.
    pub region: RecordId,
    /// Kind.
    pub kind: IncidentKind,
    /// The station whose territory it is in (the township), if one.
    #[serde(default)]
    pub station: Option<RecordId>,
    /// The village, if known.
    #[serde(default)]
    pub village: Option<String>,
    /// Where, in free text (e.g. `S106 12公里处`).
    #[serde(default)]
    pub place: String,
    /// When it happened or starts.
    pub at: Timestamp,
    /// Urgency.
    pub urgency: Urgency,
    /// What happened, in a few lines.
    pub summary: String,
    /// Who opened it and when.
    pub opened: Mark,
    /// An operation that spans regions (e.g. `平安之夏`): each region runs its part as its
    /// own incident under the same name, and the bureau sees them together.
    #[serde(default)]
    pub operation: Option<String>,
    /// The contingency plan activated on it, if one.
    #[serde(default)]
    pub plan: Option<RecordId>,
    /// Set when closed.
    #[serde(default)]
    pub closed: Option<Closure>,
    /// The last edit after it was opened: who and when ([`crate::command::edit::edit_incident`]).
    #[serde(default)]
    pub edited: Option<Mark>,
}
record!(Incident, CommandDoc, "incidents");

/// A line of an incident's timeline written by hand (the steps of requests and
/// commitments join the timeline on their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentNote {
    /// Record id.
    pub id: RecordId,
    /// The incident.
    pub incident: RecordId,
    /// Who and when.
    pub mark: Mark,
    /// What was done.
    pub text: String,
}
record!(IncidentNote, CommandDoc, "incident_notes");

/// Kinds of equipment and vehicles of the region's pool. Vehicles are the kinds for which
/// [`EquipmentKind::is_vehicle`] holds; their identifier is the plate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentKind {
    /// 警用巡逻车.
    PatrolCar,
    /// 警用越野车.
    OffRoadVehicle,
    /// 警用摩托车.
    Motorcycle,
    /// 冲锋舟.
    Boat,
    /// 防暴装备 (helmet, shield, baton).
    RiotGear,
    /// 对讲机.
    Radio,
    /// 执法记录仪.
    BodyCamera,
    /// 无人机.
    Drone,
    /// 破胎器/路障.
    Roadblock,
    /// 应急照明.
    Floodlight,
    /// 发电机.
    Generator,
    /// 救生衣.
    LifeJacket,
    /// 急救包.
    FirstAid,
    /// A kind of a newer app version (shown, never chosen).
    #[serde(other)]
    Unknown,
}

impl EquipmentKind {
    /// Every kind an officer may choose, vehicles first.
    pub const ALL: [EquipmentKind; 13] = [
        Self::PatrolCar,
        Self::OffRoadVehicle,
        Self::Motorcycle,
        Self::Boat,
        Self::RiotGear,
        Self::Radio,
        Self::BodyCamera,
        Self::Drone,
        Self::Roadblock,
        Self::Floodlight,
        Self::Generator,
        Self::LifeJacket,
        Self::FirstAid,
    ];

    /// Whether it is a vehicle (车辆: "一所一车").
    pub fn is_vehicle(self) -> bool {
        matches!(self, Self::PatrolCar | Self::OffRoadVehicle | Self::Motorcycle | Self::Boat)
    }
}

/// What the keeping station says of an item; "committed" is not stored but follows from
/// its commitments ([`crate::command::pool`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentStatus {
    /// Ready at its station.
    Available,
    /// In repair (维修).
    InRepair,
    /// Out of service (停用).
    OutOfService,
    /// A status of a newer app version.
    #[serde(other)]
    Unknown,
}

/// An item of the region's pool (装备, 车辆): bought for the region, kept at a station,
/// dispatched centrally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Equipment {
    /// Record id.
    pub id: RecordId,
    /// Kind.
    pub kind: EquipmentKind,
    /// Identifier: the plate of a vehicle (e.g. `鄂F·1234警`), an asset number otherwise.
    pub identifier: String,
    /// The station that keeps it.
    pub station: RecordId,
    /// Status.
    pub status: EquipmentStatus,
    /// Who last changed the status, and when.
    #[serde(default)]
    pub changed: Option<Mark>,
    /// Free note (what is broken, ...).
    #[serde(default)]
    pub note: Option<String>,
}
record!(Equipment, CommandDoc, "equipment");

/// What a line of a request or plan asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "need", rename_all = "snake_case")]
pub enum Need {
    /// Officers, with a skill of the county catalogue if one is named.
    Officers {
        /// Skill code.
        #[serde(default)]
        skill: Option<String>,
    },
    /// Vehicles of any kind.
    Vehicle,
    /// Equipment of one kind.
    Equipment {
        /// The kind.
        kind: EquipmentKind,
    },
}

/// A line of a support request: a need and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestItem {
    /// What.
    #[serde(flatten)]
    pub need: Need,
    /// How many (at least 1).
    pub count: u32,
}

/// A support request (支援请求) from a station to the region, shaped like EDXL-RM's
/// RequestResource: lines of needs with counts, where and by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportRequest {
    /// Record id.
    pub id: RecordId,
    /// The requesting station (where committed officers are counted while on loan).
    pub station: RecordId,
    /// The incident it serves, if one.
    #[serde(default)]
    pub incident: Option<RecordId>,
    /// Who raised it and when.
    pub raised: Mark,
    /// Where to report.
    pub place: String,
    /// By when the help must be there.
    pub needed_by: Timestamp,
    /// Until when it is needed (the loans' planned end).
    pub until: Timestamp,
    /// The lines.
    pub items: Vec<RequestItem>,
    /// Details.
    #[serde(default)]
    pub detail: String,
    /// The plan it was drafted from, if one.
    #[serde(default)]
    pub plan: Option<RecordId>,
    /// Set when the requesting station withdraws it.
    #[serde(default)]
    pub cancelled: Option<Mark>,
}
record!(SupportRequest, CommandDoc, "support_requests");

/// What a commitment sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// An officer (a loan, 借调).
    Officer(RecordId),
    /// A vehicle or item of equipment of the pool.
    Equipment(RecordId),
}

/// A commitment (调派) of one officer or item to one line of a request, with its steps:
/// committed → dispatched → on scene → released → returned (EDXL-RM CommitResource to
/// RequestReturn), or cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// Record id.
    pub id: RecordId,
    /// The request.
    pub request: RecordId,
    /// The line of the request (index into its items).
    pub item: u32,
    /// Who or what is sent.
    pub resource: Resource,
    /// The station the officer or item belongs to (the lending station).
    pub station: RecordId,
    /// Planned start of the loan.
    pub from: Timestamp,
    /// Planned end of the loan.
    pub until: Timestamp,
    /// Whether the officer leads the dispatched group (带队).
    #[serde(default)]
    pub leads: bool,
    /// Who committed it and when.
    pub committed: Mark,
    /// Set out.
    #[serde(default)]
    pub dispatched: Option<Mark>,
    /// Arrived on scene.
    #[serde(default)]
    pub on_scene: Option<Mark>,
    /// Released from the scene.
    #[serde(default)]
    pub released: Option<Mark>,
    /// Back at the own station: the loan ends.
    #[serde(default)]
    pub returned: Option<Mark>,
    /// Withdrawn before it ended.
    #[serde(default)]
    pub cancelled: Option<Mark>,
}
record!(Commitment, CommandDoc, "commitments");

/// A line of a contingency plan: a need, how many, and the stations that supply it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// What and how many.
    #[serde(flatten)]
    pub item: RequestItem,
    /// The stations that supply it (any of the region if empty).
    #[serde(default)]
    pub stations: Vec<RecordId>,
}

/// A contingency plan (预案) of a region for one kind of incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContingencyPlan {
    /// Record id.
    pub id: RecordId,
    /// The region.
    pub region: RecordId,
    /// The kind of incident it is for.
    pub kind: IncidentKind,
    /// Title, e.g. `群体性事件处置预案`.
    pub title: String,
    /// The forces, vehicles and equipment, with the stations that supply them.
    pub items: Vec<PlanItem>,
    /// The steps, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Contacts (name and phone), one per line.
    #[serde(default)]
    pub contacts: Vec<String>,
}
record!(ContingencyPlan, CommandDoc, "plans");

/// An officer's acknowledgement (签收) of being dispatched. Officers may not write the
/// command document, so it lives in the region's bulletins document, which every officer of
/// the region writes and the commander reads, next to bulletin acknowledgements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DispatchAck {
    /// Record id.
    pub id: RecordId,
    /// The commitment acknowledged.
    pub commitment: RecordId,
    /// The officer (the one committed).
    pub officer: RecordId,
    /// When.
    pub at: Timestamp,
}
record!(DispatchAck, BulletinsDoc, "dispatch_acks");
