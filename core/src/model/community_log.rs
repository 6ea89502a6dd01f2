//! The field work of a station's district workbook (`station/{station}/community`, read by
//! the station and the bureau only; docs/domain.md "Community work"): community
//! intelligence reports (社情民意), patrols (巡逻), legal outreach (法制宣传) and rapid
//! responses (打现行).

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Mark, record};
use crate::docs::CommunityDoc;
use crate::ids::RecordId;

/// What a community intelligence report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportCategory {
    /// 治安隐患: a danger to public order or safety (an unlit crossing, a gambling den).
    Hazard,
    /// 矛盾纠纷苗头: a dispute in the making.
    Dispute,
    /// 违法犯罪线索: a lead to an offence.
    CrimeLead,
    /// 群众诉求: what residents ask of the police.
    Request,
    /// 其他.
    Other,
    /// A category of a newer app version.
    #[serde(other)]
    Unknown,
}

impl ReportCategory {
    /// Every category an officer may choose.
    pub const ALL: [ReportCategory; 5] = [Self::Hazard, Self::Dispute, Self::CrimeLead, Self::Request, Self::Other];
}

/// Where a report's information came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportSource {
    /// 走访: a visit.
    Visit,
    /// 巡逻: a patrol (the report then names it).
    Patrol,
    /// 群众反映: a resident came forward.
    Resident,
    /// 信息员: the village's information collector (网格员, 治保主任).
    Informant,
    /// A source of a newer app version.
    #[serde(other)]
    Unknown,
}

impl ReportSource {
    /// Every source an officer may choose.
    pub const ALL: [ReportSource; 4] = [Self::Visit, Self::Patrol, Self::Resident, Self::Informant];
}

/// A community intelligence report (社情民意): what an officer learned in the community.
/// The station's liaison may forward it to the center station for the region's joint
/// analysis ([`crate::community::forward`]): a copy goes to `region/{region}/bulletins`
/// under the report's own id, and only that copy leaves the station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityReport {
    /// Record id (also the id of the forwarded copy).
    pub id: RecordId,
    /// What it is about.
    pub category: ReportCategory,
    /// Where the information came from.
    pub source: ReportSource,
    /// The patrol it was recorded on, if any.
    #[serde(default)]
    pub patrol: Option<RecordId>,
    /// The village (of the station's roster), if any.
    #[serde(default)]
    pub village: Option<RecordId>,
    /// What was learned; the first line serves as its title.
    pub content: String,
    /// Who wrote it and when.
    pub logged: Mark,
    /// When the liaison forwarded it to the center station, and who.
    #[serde(default)]
    pub forwarded: Option<Mark>,
}
record!(CommunityReport, CommunityDoc, "community_reports");

/// A patrol (治安巡逻防范) of an area or along a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patrol {
    /// Record id.
    pub id: RecordId,
    /// The area or route, e.g. `集镇—S106 线—陈家村`.
    pub area: String,
    /// When it set out; never after it was logged.
    pub start: Timestamp,
    /// How long it lasted, in minutes (1 to [`crate::community::log::MAX_PATROL_MINUTES`]).
    pub minutes: u32,
    /// The officers on it (the one who logs it among them).
    pub officers: Vec<RecordId>,
    /// What it found; may be empty (nothing found is a finding too).
    #[serde(default)]
    pub found: String,
    /// Who logged it and when.
    pub logged: Mark,
}
record!(Patrol, CommunityDoc, "patrols");

/// A legal outreach event (法制宣传): a talk at a school, a stall on market day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outreach {
    /// Record id.
    pub id: RecordId,
    /// The day (China time); never after the day it is logged.
    pub on: Date,
    /// The village (of the station's roster), if any.
    #[serde(default)]
    pub village: Option<RecordId>,
    /// The topic, e.g. `防范电信网络诈骗`.
    pub topic: String,
    /// How many people it reached (an estimate for a market stall).
    pub audience: u32,
    /// Who logged it and when.
    pub logged: Mark,
}
record!(Outreach, CommunityDoc, "outreach");

/// A rapid response (打现行): an offence caught in progress in the field, recorded in a few
/// words on the spot. The station may raise it as an incident of the regional command
/// ([`crate::community::raise`]), from which support requests follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RapidResponse {
    /// Record id (also the id of the incident it is raised as).
    pub id: RecordId,
    /// What is happening, e.g. `两人正在撬盗变压器铜芯`.
    pub what: String,
    /// Where, e.g. `陈家村村口变压器`.
    pub place: String,
    /// When it was seen; never after it was logged.
    pub at: Timestamp,
    /// The officers on it.
    pub officers: Vec<RecordId>,
    /// Who logged it and when.
    pub logged: Mark,
    /// When it was raised as an incident of the regional command, and by whom.
    #[serde(default)]
    pub raised: Option<Mark>,
}
record!(RapidResponse, CommunityDoc, "rapid_responses");

/// The photo of a visit or a legal outreach event, resized and compressed on the device
/// (at most [`crate::bulletins::draft::MAX_PHOTO_BYTES`]). It takes the id of what it
/// shows, so a row reads its own photo without reading the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkbookPhoto {
    /// Record id: the id of the visit or event it shows.
    pub id: RecordId,
    /// MIME type, e.g. `image/jpeg`.
    pub mime: String,
    /// The image, base64 (standard alphabet).
    pub data: String,
}
record!(WorkbookPhoto, CommunityDoc, "photos");
