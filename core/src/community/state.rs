//! Everything of a station's district workbook, read once per change for the screens.

use crate::docs::StationCommunity;
use crate::model::{CommunityReport, KeySubject, MediationCase, Outreach, Patrol, RapidResponse, Visit};

/// The live records of `station/{station}/community`, each list sorted by id (creation
/// order). Records this version cannot read are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommunityState {
    /// Key persons and sites.
    pub subjects: Vec<KeySubject>,
    /// Visits to them.
    pub visits: Vec<Visit>,
    /// Joint mediation cases.
    pub cases: Vec<MediationCase>,
    /// Community intelligence reports.
    pub reports: Vec<CommunityReport>,
    /// Patrols.
    pub patrols: Vec<Patrol>,
    /// Legal outreach events.
    pub outreach: Vec<Outreach>,
    /// Rapid responses.
    pub responses: Vec<RapidResponse>,
}

impl CommunityState {
    /// Reads the workbook.
    pub fn read(view: &StationCommunity) -> Self {
        Self {
            subjects: view.list().into_records(),
            visits: view.list().into_records(),
            cases: view.list().into_records(),
            reports: view.list().into_records(),
            patrols: view.list().into_records(),
            outreach: view.list().into_records(),
            responses: view.list().into_records(),
        }
    }
}
