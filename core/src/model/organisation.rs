//! The county's organisation, held in `county/{county}/directory` and written by the bureau
//! administrator: the county, its policy, linkage regions, stations, officers, skills.

use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::DirectoryDoc;
use crate::ids::RecordId;

/// The county public security bureau's county (县). One per directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct County {
    /// Record id.
    pub id: RecordId,
    /// Short code used in document ids, e.g. `demo` (a-z, 0-9, `-`).
    pub code: String,
    /// Name, e.g. `联动示范县`.
    pub name: String,
    /// Area in km², if known.
    #[serde(default)]
    pub area_km2: Option<f64>,
    /// Resident population, if known.
    #[serde(default)]
    pub population: Option<u32>,
}
record!(County, DirectoryDoc, "county");

/// The thresholds of the county's rules. Defaults come from the domain and the issues
/// (docs/domain.md "Rules the coverage report checks"):
/// regions of 3 to 5 stations within ±25 % of the regional mean manpower; districts of 2 to
/// 3 villages or at most 3,000 people; officers with at least 3 skill categories; mediation,
/// household registration and first response at every station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CountyPolicy {
    /// Record id.
    pub id: RecordId,
    /// Fewest stations in a region, center included (3).
    pub region_min_stations: u32,
    /// Most stations in a region, center included (5).
    pub region_max_stations: u32,
    /// Allowed distance of a region's manpower from the regional mean, in percent (25).
    pub manpower_band_pct: u32,
    /// Fewest villages in a district (2).
    pub district_min_villages: u32,
    /// Most villages in a district (3).
    pub district_max_villages: u32,
    /// A district outside the village band is still fine up to this many people (3,000).
    pub district_max_population: u32,
    /// Fewest skill categories an officer should cover (3).
    pub min_skill_categories: u32,
    /// Skill codes every station must have at least one officer for.
    pub required_skills: Vec<String>,
}
record!(CountyPolicy, DirectoryDoc, "policy");

impl Default for CountyPolicy {
    fn default() -> Self {
        Self {
            id: RecordId::new(),
            region_min_stations: 3,
            region_max_stations: 5,
            manpower_band_pct: 25,
            district_min_villages: 2,
            district_max_villages: 3,
            district_max_population: 3000,
            min_skill_categories: 3,
            required_skills: vec!["mediation".into(), "household_registration".into(), "first_response".into()],
        }
    }
}

/// A linkage region (联动区域): a center station (中心所) and its member stations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Record id.
    pub id: RecordId,
    /// Short code used in document ids, e.g. `desheng`.
    pub code: String,
    /// Name, e.g. `得胜联动区域`.
    pub name: String,
    /// The center station.
    pub center: RecordId,
    /// The other stations of the region (not the center).
    pub members: Vec<RecordId>,
}
record!(Region, DirectoryDoc, "regions");

impl Region {
    /// The center followed by the members.
    pub fn stations(&self) -> impl Iterator<Item = RecordId> + '_ {
        std::iter::once(self.center).chain(self.members.iter().copied().filter(move |m| *m != self.center))
    }
}

/// Town (镇) or township (乡) station; region centers are town stations with good roads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StationKind {
    /// A town station (镇派出所).
    Town,
    /// A township station (乡派出所).
    Township,
}

/// A police station (派出所).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Station {
    /// Record id.
    pub id: RecordId,
    /// Short code used in document ids, e.g. `cuiyuehu`.
    pub code: String,
    /// Name, e.g. `翠月湖派出所`.
    pub name: String,
    /// Town or township.
    pub kind: StationKind,
    /// Residents of the station's territory, if known.
    #[serde(default)]
    pub population: Option<u32>,
    /// Area of the territory in km², if known.
    #[serde(default)]
    pub area_km2: Option<f64>,
    /// Free text: roads, distance to the county seat, where figures come from.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the figures were generated for the demo rather than taken from a source.
    #[serde(default)]
    pub generated: bool,
}
record!(Station, DirectoryDoc, "stations");

/// What an officer may do in the app (docs/domain.md "Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 民警 / 社区民警: reads, posts and acknowledges bulletins.
    Officer,
    /// 信息联络员: forwards the station's bulletins to the center station.
    Liaison,
    /// 所长: owns the station's roster, districts and offices.
    StationHead,
    /// 指挥长: commands the region in major incidents; in the app, posts county-wide bulletins
    /// and works as the center station for bulletins.
    Commander,
    /// 县局: runs the relay, sets up regions, stations and accounts.
    BureauAdmin,
}

impl Role {
    /// Whether officers of this role count in a station's manpower and should be
    /// multi-skilled (commanders and bureau staff are bureau leadership, not station strength).
    pub fn is_station_strength(self) -> bool {
        matches!(self, Role::Officer | Role::Liaison | Role::StationHead)
    }
}

/// An officer (民警).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Officer {
    /// Record id.
    pub id: RecordId,
    /// Badge number (警号), unique in the county.
    pub badge_number: String,
    /// Full name.
    pub name: String,
    /// The station the officer belongs to; `None` for bureau staff.
    #[serde(default)]
    pub station: Option<RecordId>,
    /// Role in the app.
    pub role: Role,
    /// Post (职务) when it says more than the role, e.g. `副所长` (deputy station head,
    /// who has the station head's rights); `None` shows the role's name.
    #[serde(default)]
    pub title: Option<String>,
    /// The region a commander commands; `None` for everyone else.
    #[serde(default)]
    pub region: Option<RecordId>,
    /// Work phone, shown on the office's public disclosure card.
    #[serde(default)]
    pub phone: Option<String>,
    /// Whether the officer was generated for the demo.
    #[serde(default)]
    pub generated: bool,
}
record!(Officer, DirectoryDoc, "officers");

/// A skill of the county's catalogue (技能), e.g. mediation. Rules count distinct
/// categories, so two skills of one category count once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillDef {
    /// Record id.
    pub id: RecordId,
    /// Code used by grants and policy, e.g. `mediation`.
    pub code: String,
    /// Chinese name, e.g. `纠纷调解`.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Category code; equal to `code` for most skills.
    pub category: String,
}
record!(SkillDef, DirectoryDoc, "skills");
