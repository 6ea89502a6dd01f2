//! Community work (社区警务), the district workbook (警务区工作台) held in
//! `station/{station}/community` and written by the station's officers: key persons and
//! key sites with their visits, and joint mediation cases (docs/domain.md "Community
//! work"); the rest of the workbook, what is done in the field, is in
//! [`super::community_log`]. Only the station and the bureau read it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::CommunityDoc;
use crate::ids::RecordId;

/// How closely a key person or site is watched; it sets the visit cadence
/// ([`crate::community::cadence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// 高.
    High,
    /// 中.
    Medium,
    /// 低.
    Low,
}

impl RiskLevel {
    /// Every level, highest first.
    pub const ALL: [RiskLevel; 3] = [Self::High, Self::Medium, Self::Low];
}

/// The kinds of key person (重点人员) a resident officer keeps under control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonCategory {
    /// 易肇事肇祸精神病人: a person with a mental illness at risk of causing incidents.
    MentalIllness,
    /// 刑满释放人员.
    ReleasedPrisoner,
    /// 吸毒人员.
    DrugUser,
    /// 重点信访人员.
    Petitioner,
    /// 其他.
    Other,
    /// A category of a newer app version.
    #[serde(other)]
    Unknown,
}

impl PersonCategory {
    /// Every category an officer may choose.
    pub const ALL: [PersonCategory; 5] =
        [Self::MentalIllness, Self::ReleasedPrisoner, Self::DrugUser, Self::Petitioner, Self::Other];
}

/// The kinds of key site (重点部位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteCategory {
    /// 治安难点村.
    TroubleVillage,
    /// 重点设施.
    KeyFacility,
    /// 事故多发路段.
    AccidentRoad,
    /// 学校.
    School,
    /// 其他.
    Other,
    /// A category of a newer app version.
    #[serde(other)]
    Unknown,
}

impl SiteCategory {
    /// Every category an officer may choose.
    pub const ALL: [SiteCategory; 5] =
        [Self::TroubleVillage, Self::KeyFacility, Self::AccidentRoad, Self::School, Self::Other];
}

/// What a key record is: a person or a site, with its category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "category", rename_all = "snake_case")]
pub enum KeyKind {
    /// 重点人员.
    Person(PersonCategory),
    /// 重点部位.
    Site(SiteCategory),
}

/// A key person or key site (重点人员、重点部位) of the station's territory, visited
/// every `cadence_days` (or the default of its kind and risk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeySubject {
    /// Record id.
    pub id: RecordId,
    /// Person or site, and its category.
    pub kind: KeyKind,
    /// The person's name, or the site's (e.g. `S106 线 K32 急弯`).
    pub name: String,
    /// The village (of the station's roster) it is in, if any.
    #[serde(default)]
    pub village: Option<RecordId>,
    /// Risk level.
    pub risk: RiskLevel,
    /// The officer responsible for its visits.
    #[serde(default)]
    pub officer: Option<RecordId>,
    /// Days between visits, if not the default of its kind and risk; at least 1.
    #[serde(default)]
    pub cadence_days: Option<u32>,
    /// Why it is watched, what to look for.
    #[serde(default)]
    pub note: String,
    /// The day it was put under control: the first visit is due that day.
    pub since: Date,
    /// Who added it and when.
    pub added: super::Mark,
    /// The day it left control (moved away, risk gone), if it has.
    #[serde(default)]
    pub until: Option<Date>,
}
record!(KeySubject, CommunityDoc, "key_subjects");

/// A visit (走访) to a key person or site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// Record id.
    pub id: RecordId,
    /// The key person or site visited.
    pub subject: RecordId,
    /// The day of the visit (China time); never after the day it is logged.
    pub on: Date,
    /// What was found.
    pub found: String,
    /// Who logged it and when.
    pub logged: super::Mark,
}
record!(Visit, CommunityDoc, "visits");

/// The kinds of dispute a joint mediation takes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeKind {
    /// 邻里纠纷.
    Neighbours,
    /// 婚姻家庭纠纷.
    Family,
    /// 土地山林纠纷.
    Land,
    /// 债务纠纷.
    Debt,
    /// 其他.
    Other,
    /// A kind of a newer app version.
    #[serde(other)]
    Unknown,
}

impl DisputeKind {
    /// Every kind an officer may choose.
    pub const ALL: [DisputeKind; 5] = [Self::Neighbours, Self::Family, Self::Land, Self::Debt, Self::Other];
}

/// Someone who mediates with the resident officer: the township's 综治办, the 司法所, the
/// village committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    /// Name.
    pub name: String,
    /// Role and body, e.g. `司法所所长`.
    pub role: String,
}

/// A joint mediation case (警民联调), one case one file (一事一卷): the parties, the
/// mediators, and the deadlines of [`crate::community::mediation`]: first feedback within
/// 24 h, resolution within 5 days, a return visit after resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediationCase {
    /// Record id.
    pub id: RecordId,
    /// Kind of dispute.
    pub kind: DisputeKind,
    /// The parties' names; at least one.
    pub parties: Vec<String>,
    /// The village it arose in, if any.
    #[serde(default)]
    pub village: Option<RecordId>,
    /// What the dispute is about.
    pub summary: String,
    /// Who mediates besides the resident officer.
    #[serde(default)]
    pub mediators: Vec<Mediator>,
    /// When it was taken on and by whom: the deadlines run from here.
    pub opened: super::Mark,
    /// The first feedback to the parties.
    #[serde(default)]
    pub feedback: Option<super::Mark>,
    /// The resolution, with the agreement reached.
    #[serde(default)]
    pub resolved: Option<super::Mark>,
    /// The agreement (调解协议), once resolved.
    #[serde(default)]
    pub agreement: String,
    /// The return visit after the resolution (回访).
    #[serde(default)]
    pub return_visit: Option<super::Mark>,
}
record!(MediationCase, CommunityDoc, "mediation_cases");
