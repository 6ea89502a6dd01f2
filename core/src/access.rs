//! Who may read and write which document (docs/architecture.md "Access"), for the relay to enforce and
//! the app to follow (it opens exactly the documents of the signed-in officer's scope and
//! hides editing where the role may not write).
//!
//! | document | read | write |
//! |---|---|---|
//! | `county/{county}/directory` | everyone in the county | bureau administrator |
//! | `county/{county}/bulletins` | everyone in the county | commanders, bureau administrator |
//! | `region/{region}/bulletins` | the region's stations, its commander, the bureau | the region's officers |
//! | `region/{region}/command` | the region, the bureau | commander, station heads |
//! | `station/{station}/roster` | the region, the bureau | the station head |
//! | `station/{station}/community` | the station, the bureau | the station's officers |
//!
//! The bureau administrator reads every document of the county (oversight) and writes the
//! directory. Rights never cross counties.
//!
//! A station's community work names key persons (people with a mental illness, released
//! prisoners, drug users): no one outside the station reads it, the center station's
//! liaison included. What the region should know of it is forwarded: the report's content
//! is copied into the region's bulletins document, where the center station analyses it.

use serde::{Deserialize, Serialize};

use crate::document_id::{DocumentId, DocumentKind};
use crate::ids::RecordId;
use crate::model::Role;
use crate::org::Organisation;

/// Who a device acts for: the claims of its access token that decide rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// County code.
    pub county: String,
    /// Role.
    pub role: Role,
    /// Station code; `None` for bureau staff.
    pub station: Option<String>,
    /// Region code: the station's region, or the region a commander commands.
    pub region: Option<String>,
}

/// The claims of an access token (a JWT signed by the relay): who the device acts for.
/// Times are Unix seconds. Names travel with the codes so a device can show who it is
/// signed in as before it has the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Officer record id.
    pub sub: String,
    /// Badge number.
    pub badge: String,
    /// Officer's name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// County code.
    pub county: String,
    /// Station code, if the officer belongs to one.
    #[serde(default)]
    pub station: Option<String>,
    /// Station name.
    #[serde(default)]
    pub station_name: Option<String>,
    /// Region code.
    #[serde(default)]
    pub region: Option<String>,
    /// Region name.
    #[serde(default)]
    pub region_name: Option<String>,
    /// Issued at.
    pub iat: u64,
    /// Expires at.
    pub exp: u64,
}

impl Claims {
    /// The part of the claims that decides rights.
    pub fn post(&self) -> Post {
        Post {
            county: self.county.clone(),
            role: self.role,
            station: self.station.clone(),
            region: self.region.clone(),
        }
    }

    /// The record id of the officer's station in `org` (`None` for the bureau's staff and
    /// commanders without a station, or while the directory does not name it yet).
    pub fn station_id(&self, org: &Organisation) -> Option<RecordId> {
        let code = self.station.as_deref()?;
        org.stations.iter().find(|s| s.code == code).map(|s| s.id)
    }

    /// Whether the officer commands the region or belongs to its center station (中心所,
    /// where the region's liaison and joint analysis sit; docs/domain.md "Information
    /// sharing").
    pub fn at_center(&self, org: &Organisation) -> bool {
        if self.role == Role::Commander {
            return true;
        }
        let Some(region) = self.region.as_deref().and_then(|r| org.regions.iter().find(|x| x.code == r)) else {
            return false;
        };
        self.station_id(org) == Some(region.center)
    }
}

/// What a device may do with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rights {
    /// Not even open it.
    None,
    /// Sync it, but every change it sends is refused.
    Read,
    /// Sync and change it.
    Write,
}

impl Rights {
    /// Whether the document may be opened.
    pub fn can_read(self) -> bool {
        self != Rights::None
    }
    /// Whether changes are accepted.
    pub fn can_write(self) -> bool {
        self == Rights::Write
    }
}

/// Facts about the county the rules need: which region a station is in and which station
/// is a region's center. Implemented over the county directory by the relay and the app.
pub trait CountyMap {
    /// The region code of station `station`, if it is in one.
    fn region_of(&self, station: &str) -> Option<String>;
    /// The center station code of region `region`.
    fn center_of(&self, region: &str) -> Option<String>;
}

/// The rights of `post` on document `doc`. A county document (`county/{county}/…`) is
/// of the county it names; a region or station document is taken as one of the post's
/// own county, since its code carries none: the relay stores it under that county's key
/// (`relay/src/store/keys.rs`), so a device of another county reaches another document.
pub fn rights(post: &Post, doc: &DocumentId, map: &dyn CountyMap) -> Rights {
    let county = doc.county().unwrap_or(&post.county);
    if post.county != county {
        return Rights::None;
    }
    let admin = post.role == Role::BureauAdmin;
    let grant = |read: bool, write: bool| match (read || admin, write) {
        (_, true) => Rights::Write,
        (true, false) => Rights::Read,
        (false, false) => Rights::None,
    };
    let in_region = |region: &str| post.region.as_deref() == Some(region);
    let own_station = |station: &str| post.station.as_deref() == Some(station);
    match doc.kind {
        // Of the scope's own county, checked above.
        DocumentKind::Directory => grant(true, admin),
        DocumentKind::CountyBulletins => grant(true, matches!(post.role, Role::Commander | Role::BureauAdmin)),
        DocumentKind::Bulletins => {
            let member = in_region(&doc.key);
            grant(member, member && post.role != Role::BureauAdmin)
        }
        DocumentKind::Command => {
            let member = in_region(&doc.key);
            grant(member, member && matches!(post.role, Role::Commander | Role::StationHead))
        }
        DocumentKind::Roster => {
            let region = map.region_of(&doc.key);
            let member = region.as_deref().is_some_and(in_region);
            grant(member, own_station(&doc.key) && post.role == Role::StationHead)
        }
        DocumentKind::Community => {
            let own = own_station(&doc.key);
            grant(own, own && post.role.is_station_strength())
        }
    }
}

/// The documents a device of `post` opens: its county directory, its region's bulletins
/// and command, the station rosters of `stations` (its region's; for the bureau
/// administrator every station of the county, for the county's coverage board), and its
/// station's community work.
pub fn documents_of(post: &Post, stations: &[String]) -> Vec<DocumentId> {
    let stations_of_region = stations;
    let mut docs = vec![DocumentId::directory(&post.county), DocumentId::county_bulletins(&post.county)];
    if let Some(region) = &post.region {
        docs.push(DocumentId::bulletins(region));
        docs.push(DocumentId::command(region));
    }
    if post.region.is_some() || post.role == Role::BureauAdmin {
        docs.extend(stations_of_region.iter().map(|s| DocumentId::roster(s)));
    }
    if let Some(station) = &post.station {
        if !stations_of_region.contains(station) {
            docs.push(DocumentId::roster(station));
        }
        docs.push(DocumentId::community(station));
    }
    docs
}

/// The region documents of `regions` a device of `post` opens besides [`documents_of`]:
/// every region's bulletins and command for the bureau administrator (who reads every
/// document of the county, follows every region's bulletins and coordinates operations
/// that span regions), none for anyone else.
pub fn bulletins_of_regions(post: &Post, regions: &[String]) -> Vec<DocumentId> {
    if post.role != Role::BureauAdmin {
        return Vec::new();
    }
    regions.iter().flat_map(|r| [DocumentId::bulletins(r), DocumentId::command(r)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Demo;
    impl CountyMap for Demo {
        fn region_of(&self, station: &str) -> Option<String> {
            match station {
                "desheng" | "damiao" => Some("desheng".into()),
                "majiadu" | "baofeng" => Some("majiadu".into()),
                _ => None,
            }
        }
        fn center_of(&self, region: &str) -> Option<String> {
            Some(region.into())
        }
    }

    fn scope(role: Role, station: Option<&str>, region: Option<&str>) -> Post {
        Post { county: "demo".into(), role, station: station.map(Into::into), region: region.map(Into::into) }
    }

    fn r(s: &Post, doc: &str) -> Rights {
        rights(s, &doc.parse().expect("doc id"), &Demo)
    }

    #[test]
    fn an_officer_reads_the_region_writes_bulletins_and_own_community_work() {
        let officer = scope(Role::Officer, Some("damiao"), Some("desheng"));
        assert_eq!(r(&officer, "county/demo/directory"), Rights::Read);
        assert_eq!(r(&officer, "county/other/directory"), Rights::None);
        assert_eq!(r(&officer, "county/demo/bulletins"), Rights::Read);
        assert_eq!(r(&officer, "region/desheng/bulletins"), Rights::Write);
        assert_eq!(r(&officer, "region/majiadu/bulletins"), Rights::None);
        assert_eq!(r(&officer, "region/desheng/command"), Rights::Read);
        assert_eq!(r(&officer, "station/desheng/roster"), Rights::Read);
        assert_eq!(r(&officer, "station/damiao/roster"), Rights::Read);
        assert_eq!(r(&officer, "station/baofeng/roster"), Rights::None);
        assert_eq!(r(&officer, "station/damiao/community"), Rights::Write);
        assert_eq!(r(&officer, "station/desheng/community"), Rights::None);
    }

    #[test]
    fn heads_write_their_roster_and_the_command_document() {
        let head = scope(Role::StationHead, Some("damiao"), Some("desheng"));
        assert_eq!(r(&head, "station/damiao/roster"), Rights::Write);
        assert_eq!(r(&head, "station/desheng/roster"), Rights::Read);
        assert_eq!(r(&head, "region/desheng/command"), Rights::Write);
    }

    #[test]
    fn no_one_outside_the_station_reads_its_community_work_not_even_the_center_liaison() {
        let liaison = scope(Role::Liaison, Some("desheng"), Some("desheng"));
        assert_eq!(r(&liaison, "station/damiao/community"), Rights::None);
        assert_eq!(r(&liaison, "station/desheng/community"), Rights::Write);
        let member_liaison = scope(Role::Liaison, Some("damiao"), Some("desheng"));
        assert_eq!(r(&member_liaison, "station/desheng/community"), Rights::None);
        let commander = scope(Role::Commander, None, Some("desheng"));
        assert_eq!(r(&commander, "station/damiao/community"), Rights::None);
    }

    #[test]
    fn the_bureau_reads_everything_of_its_county_and_writes_the_directory() {
        let admin = scope(Role::BureauAdmin, None, None);
        assert_eq!(r(&admin, "county/demo/directory"), Rights::Write);
        assert_eq!(r(&admin, "region/majiadu/bulletins"), Rights::Read);
        assert_eq!(r(&admin, "station/baofeng/roster"), Rights::Read);
        let mut other = admin.clone();
        other.county = "elsewhere".into();
        assert_eq!(r(&other, "county/demo/directory"), Rights::None);
    }

    #[test]
    fn a_commander_commands_the_region() {
        let commander = scope(Role::Commander, None, Some("majiadu"));
        assert_eq!(r(&commander, "region/majiadu/command"), Rights::Write);
        assert_eq!(r(&commander, "region/majiadu/bulletins"), Rights::Write);
        assert_eq!(r(&commander, "station/baofeng/roster"), Rights::Read);
        assert_eq!(r(&commander, "region/desheng/command"), Rights::None);
        assert_eq!(r(&commander, "county/demo/bulletins"), Rights::Write);
    }

    #[test]
    fn the_bureau_opens_every_stations_roster_and_an_officer_their_regions() {
        let all = ["desheng".to_owned(), "damiao".to_owned(), "majiadu".to_owned()];
        let admin = documents_of(&scope(Role::BureauAdmin, None, None), &all);
        assert!(all.iter().all(|s| admin.contains(&DocumentId::roster(s))));
        assert!(!admin.iter().any(|d| d.kind == DocumentKind::Bulletins), "no region of its own");
        let region = ["desheng".to_owned(), "damiao".to_owned()];
        let officer = documents_of(&scope(Role::Officer, Some("damiao"), Some("desheng")), &region);
        assert!(officer.contains(&DocumentId::roster("desheng")) && officer.contains(&DocumentId::community("damiao")));
        assert!(!officer.contains(&DocumentId::roster("majiadu")));
    }

    #[test]
    fn the_bureau_follows_every_regions_bulletins_and_command() {
        let regions = ["desheng".to_owned(), "majiadu".to_owned()];
        let admin = scope(Role::BureauAdmin, None, None);
        let docs = bulletins_of_regions(&admin, &regions);
        assert_eq!(
            docs,
            vec![
                DocumentId::bulletins("desheng"),
                DocumentId::command("desheng"),
                DocumentId::bulletins("majiadu"),
                DocumentId::command("majiadu")
            ]
        );
        assert!(docs.iter().all(|d| r(&admin, &d.to_string()) == Rights::Read));
        let officer = scope(Role::Officer, Some("damiao"), Some("desheng"));
        assert!(bulletins_of_regions(&officer, &regions).is_empty(), "an officer keeps to the own region");
    }
}
