//! Shared bulletins (信息共享), held in `region/{region}/bulletins` and written by the
//! region's officers: bulletins and their versions, acknowledgements (签收), joint analysis
//! notes (研判) and case series (串并).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::BulletinsDoc;
use crate::ids::RecordId;

/// What a bulletin is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulletinCategory {
    /// Travelling-fraud alert (流窜诈骗预警).
    TravellingFraud,
    /// Stolen property (被盗财物).
    StolenProperty,
    /// Wanted person (通缉人员).
    WantedPerson,
    /// Case clue (案件线索).
    CaseClue,
    /// Safety notice (安全提示).
    SafetyNotice,
    /// Meeting notice (会议通知).
    MeetingNotice,
    /// Community intelligence (社情民意) a station's liaison forwarded from its district
    /// workbook for the region's joint analysis ([`crate::community::forward`]); nobody
    /// is asked to acknowledge it.
    CommunityIntelligence,
}

/// How fast officers must read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 紧急
    Urgent,
    /// 重要
    Important,
    /// 一般
    Routine,
}

/// Who a bulletin is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only the posting station.
    Station,
    /// Every station of the region.
    Region,
    /// The whole county (roles that may).
    County,
}

/// A bulletin (通报), showing its current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bulletin {
    /// Record id.
    pub id: RecordId,
    /// The station that posted it.
    pub station: RecordId,
    /// The officer who posted it.
    pub author: RecordId,
    /// Category.
    pub category: BulletinCategory,
    /// Urgency.
    pub urgency: Urgency,
    /// Audience.
    pub scope: Scope,
    /// Title (current version).
    pub title: String,
    /// Body text (current version).
    pub body: String,
    /// Township / village, free text.
    #[serde(default)]
    pub place: Option<String>,
    /// Number of photos (see [`BulletinPhoto`]).
    #[serde(default)]
    pub photos: u32,
    /// When it was first posted.
    pub posted_at: Timestamp,
    /// When it stops being current.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// Current version number, from 1.
    pub version: u32,
    /// Reason, when cancelled.
    #[serde(default)]
    pub cancelled: Option<String>,
    /// When it was cancelled.
    #[serde(default)]
    pub cancelled_at: Option<Timestamp>,
    /// When the station's liaison forwarded it to the center station.
    #[serde(default)]
    pub forwarded_at: Option<Timestamp>,
    /// Whether it was generated for the demo.
    #[serde(default)]
    pub generated: bool,
}
record!(Bulletin, BulletinsDoc, "bulletins");

/// One version of a bulletin, as posted (version 1 is the original).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletinVersion {
    /// Record id.
    pub id: RecordId,
    /// The bulletin.
    pub bulletin: RecordId,
    /// Version number.
    pub number: u32,
    /// Who wrote this version.
    pub author: RecordId,
    /// When.
    pub at: Timestamp,
    /// Title of this version.
    pub title: String,
    /// Body of this version.
    pub body: String,
    /// Urgency of this version.
    pub urgency: Urgency,
    /// Expiry of this version.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// Category of this version.
    #[serde(default = "default_category")]
    pub category: BulletinCategory,
    /// Place of this version.
    #[serde(default)]
    pub place: Option<String>,
}
record!(BulletinVersion, BulletinsDoc, "bulletin_versions");

fn default_category() -> BulletinCategory {
    BulletinCategory::CaseClue
}

/// A photo of a bulletin, resized and compressed on the posting device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletinPhoto {
    /// Record id.
    pub id: RecordId,
    /// The bulletin.
    pub bulletin: RecordId,
    /// Position among the bulletin's photos, from 0.
    pub index: u32,
    /// MIME type, e.g. `image/jpeg`.
    pub mime: String,
    /// The image, base64 (standard alphabet).
    pub data: String,
}
record!(BulletinPhoto, BulletinsDoc, "bulletin_photos");

/// An officer's acknowledgement (签收) of one version of a bulletin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// Record id.
    pub id: RecordId,
    /// The bulletin.
    pub bulletin: RecordId,
    /// The version acknowledged.
    pub version: u32,
    /// Who acknowledged.
    pub officer: RecordId,
    /// When, on the officer's device.
    pub at: Timestamp,
}
record!(Acknowledgement, BulletinsDoc, "acknowledgements");

/// A joint-analysis note (研判) of the center station on a bulletin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// Record id.
    pub id: RecordId,
    /// The bulletin.
    pub bulletin: RecordId,
    /// Who wrote it.
    pub author: RecordId,
    /// When.
    pub at: Timestamp,
    /// The note.
    pub text: String,
}
record!(Assessment, BulletinsDoc, "assessments");

/// A case series (串并案): bulletins the center station linked as one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Record id.
    pub id: RecordId,
    /// Name, e.g. `摩托车盗窃团伙`.
    pub name: String,
    /// The linked bulletins.
    pub bulletins: Vec<RecordId>,
    /// Who linked them.
    pub author: RecordId,
    /// When.
    pub at: Timestamp,
}
record!(Series, BulletinsDoc, "series");
