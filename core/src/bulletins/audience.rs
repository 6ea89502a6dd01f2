//! Who a bulletin is for, and who of them has acknowledged (签收) which version.
//!
//! The audience of a station bulletin is its station's strength; of a region bulletin, the
//! strength of every station of the posting station's region and the region's commander;
//! of a county bulletin, every station's strength and every commander. The author is never
//! in the audience, and a forwarded community intelligence report has none: it is there
//! for the center station's joint analysis, not to be acknowledged. An officer has acknowledged a bulletin when they acknowledged its
//! current version; an acknowledgement of an older version does not count (a new version
//! asks for a new acknowledgement) but is shown.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;

use crate::ids::RecordId;
use crate::model::{Acknowledgement, Bulletin, BulletinCategory, Officer, Role, Scope};
use crate::org::Organisation;

/// Whether `bulletin` asks its audience to acknowledge it: every bulletin but a forwarded
/// community intelligence report (module docs).
pub fn asks_acknowledgement(bulletin: &Bulletin) -> bool {
    bulletin.category != BulletinCategory::CommunityIntelligence
}

/// The officers a bulletin is for, in directory order.
pub fn audience<'a>(org: &'a Organisation, bulletin: &Bulletin) -> Vec<&'a Officer> {
    if !asks_acknowledgement(bulletin) {
        return Vec::new();
    }
    let stations: Vec<RecordId> = match bulletin.scope {
        Scope::Station => vec![bulletin.station],
        Scope::Region => {
            org.region_of(bulletin.station).map(|r| r.stations().collect()).unwrap_or_else(|| vec![bulletin.station])
        }
        Scope::County => org.stations.iter().map(|s| s.id).collect(),
    };
    let region = org.region_of(bulletin.station).map(|r| r.id);
    org.officers
        .iter()
        .filter(|o| o.id != bulletin.author)
        .filter(|o| match o.role {
            Role::Commander => match bulletin.scope {
                Scope::County => true,
                Scope::Region => o.region.is_some() && o.region == region,
                Scope::Station => false,
            },
            Role::BureauAdmin => false,
            _ => o.station.is_some_and(|s| stations.contains(&s)),
        })
        .collect()
}

/// One officer's acknowledgement as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acknowledged {
    /// The officer.
    pub officer: RecordId,
    /// Name and badge number.
    pub name: String,
    /// The latest version they acknowledged.
    pub version: u32,
    /// When (on their device).
    pub at: Timestamp,
}

/// The acknowledgements of one station's officers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationAcks {
    /// The station (`None`: bureau staff).
    pub station: Option<RecordId>,
    /// Its name; `None` for officers of no station (the county bureau), which the app
    /// names in the officer's language.
    pub name: Option<String>,
    /// Officers who acknowledged the current version.
    pub current: Vec<Acknowledged>,
    /// Officers who acknowledged only an older version.
    pub older: Vec<Acknowledged>,
    /// Officers who have not acknowledged at all (name and badge number).
    pub missing: Vec<(RecordId, String)>,
}

/// Acknowledgements of a bulletin's current version by its audience, grouped by station.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AckReport {
    /// The current version.
    pub version: u32,
    /// Audience size.
    pub audience: usize,
    /// Of them, acknowledged the current version.
    pub acknowledged: usize,
    /// Per station, in directory order.
    pub stations: Vec<StationAcks>,
}

/// Whether `officer` acknowledged the current version of `bulletin`.
pub fn has_acknowledged(bulletin: &Bulletin, acks: &[Acknowledgement], officer: RecordId) -> bool {
    acks.iter().any(|a| a.bulletin == bulletin.id && a.officer == officer && a.version == bulletin.version)
}

/// Who of the audience acknowledged which version, by station.
pub fn report(org: &Organisation, bulletin: &Bulletin, acks: &[Acknowledgement]) -> AckReport {
    let mut latest: BTreeMap<RecordId, &Acknowledgement> = BTreeMap::new();
    for a in acks.iter().filter(|a| a.bulletin == bulletin.id) {
        let keep = latest.get(&a.officer).is_none_or(|b| (a.version, a.at) > (b.version, b.at));
        if keep {
            latest.insert(a.officer, a);
        }
    }
    let audience = audience(org, bulletin);
    let mut stations: Vec<StationAcks> = Vec::new();
    for officer in &audience {
        let idx = match stations.iter().position(|s| s.station == officer.station) {
            Some(i) => i,
            None => {
                let name =
                    officer.station.and_then(|id| org.stations.iter().find(|s| s.id == id)).map(|s| s.name.clone());
                stations.push(StationAcks {
                    station: officer.station,
                    name,
                    current: vec![],
                    older: vec![],
                    missing: vec![],
                });
                stations.len() - 1
            }
        };
        let label = format!("{}（{}）", officer.name, officer.badge_number);
        let row = &mut stations[idx];
        match latest.get(&officer.id) {
            Some(a) => {
                let shown = Acknowledged { officer: officer.id, name: label, version: a.version, at: a.at };
                if a.version >= bulletin.version {
                    row.current.push(shown);
                } else {
                    row.older.push(shown);
                }
            }
            None => row.missing.push((officer.id, label)),
        }
    }
    let acknowledged = stations.iter().map(|s| s.current.len()).sum();
    AckReport { version: bulletin.version, audience: audience.len(), acknowledged, stations }
}
