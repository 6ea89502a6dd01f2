//! Community work (社区警务), held in `station/{station}/community` and written by the
//! station's officers: community intelligence reports and key sites.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::record;
use crate::docs::CommunityDoc;
use crate::ids::RecordId;

/// A community intelligence report (社情民意).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityReport {
    /// Record id.
    pub id: RecordId,
    /// The office it was collected at, if any.
    #[serde(default)]
    pub office: Option<RecordId>,
    /// Who wrote it.
    pub author: RecordId,
    /// When.
    pub at: Timestamp,
    /// Summary.
    pub title: String,
    /// Details.
    #[serde(default)]
    pub body: String,
}
record!(CommunityReport, CommunityDoc, "community_reports");

/// A key site (重点部位): a trouble village, key facility or accident-prone road section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeySite {
    /// Record id.
    pub id: RecordId,
    /// Name, e.g. `S106 线 K32 急弯`.
    pub name: String,
    /// Why it is watched.
    #[serde(default)]
    pub reason: String,
}
record!(KeySite, CommunityDoc, "key_sites");
