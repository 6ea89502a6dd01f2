//! Regional command (指挥统一), held in `region/{region}/command`: support requests from
//! stations to the region and the region's pooled equipment.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::CommandDoc;
use crate::ids::RecordId;

/// Where a support request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportStatus {
    /// Raised by the station, not yet answered.
    Open,
    /// Officers or equipment dispatched.
    Dispatched,
    /// Closed.
    Closed,
}

/// A support request (支援请求) from a station to the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportRequest {
    /// Record id.
    pub id: RecordId,
    /// The requesting station.
    pub station: RecordId,
    /// Who raised it.
    pub author: RecordId,
    /// When.
    pub at: Timestamp,
    /// What is needed, in one line.
    pub title: String,
    /// Details.
    #[serde(default)]
    pub detail: String,
    /// Status.
    pub status: SupportStatus,
}
record!(SupportRequest, CommandDoc, "support_requests");

/// Where a piece of equipment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentStatus {
    /// At its station, ready.
    Available,
    /// Dispatched.
    InUse,
    /// Under repair.
    Repair,
}

/// Regional equipment (装备), kept at a station and dispatched centrally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Equipment {
    /// Record id.
    pub id: RecordId,
    /// What it is, e.g. `警用越野车`.
    pub name: String,
    /// The station that keeps it.
    pub station: RecordId,
    /// Status.
    pub status: EquipmentStatus,
}
record!(Equipment, CommandDoc, "equipment");
