//! Document ids: which Yjs document holds what, by who may see it (docs/architecture.md "Documents").
//!
//! An id is a path of three segments, `{scope}/{key}/{kind}`:
//!
//! | id | holds |
//! |---|---|
//! | `county/{county}/directory` | regions, stations, officers, skills catalogue |
//! | `county/{county}/bulletins` | county-wide bulletins (commanders, the bureau) |
//! | `region/{region}/bulletins` | bulletins, acknowledgements, series, assessments |
//! | `region/{region}/command` | support requests, equipment |
//! | `station/{station}/roster` | districts, offices, assignments, duty shifts |
//! | `station/{station}/community` | community reports, key sites |
//!
//! Keys are short codes (`desheng`, `guandu-1`): lowercase ASCII letters, digits and `-`,
//! 1 to 64 characters, so an id is safe in a URL path and a file name.

use std::fmt;
use std::str::FromStr;

/// The six kinds of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// `county/{county}/directory`
    Directory,
    /// `county/{county}/bulletins`
    CountyBulletins,
    /// `region/{region}/bulletins`
    Bulletins,
    /// `region/{region}/command`
    Command,
    /// `station/{station}/roster`
    Roster,
    /// `station/{station}/community`
    Community,
}

/// The id of one Yjs document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId {
    /// Which kind of document.
    pub kind: DocumentKind,
    /// The county, region or station code the document belongs to.
    pub key: String,
}

/// Why a string is not a document id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentIdError {
    /// Not three `/`-separated segments of a known scope and kind.
    #[error(
        "unknown document `{0}`: expected county/{{code}}/directory, region/{{code}}/bulletins|command or station/{{code}}/roster|community"
    )]
    Unknown(String),
    /// The code segment is empty, too long or has characters other than `a-z`, `0-9`, `-`.
    #[error("bad code `{0}` in document id: use 1 to 64 of a-z, 0-9 and -")]
    BadKey(String),
}

impl DocumentId {
    /// The directory of `county`.
    pub fn directory(county: &str) -> Self {
        Self { kind: DocumentKind::Directory, key: county.to_owned() }
    }
    /// The county-wide bulletins of `county`.
    pub fn county_bulletins(county: &str) -> Self {
        Self { kind: DocumentKind::CountyBulletins, key: county.to_owned() }
    }
    /// The bulletins of `region`.
    pub fn bulletins(region: &str) -> Self {
        Self { kind: DocumentKind::Bulletins, key: region.to_owned() }
    }
    /// The command document of `region`.
    pub fn command(region: &str) -> Self {
        Self { kind: DocumentKind::Command, key: region.to_owned() }
    }
    /// The roster of `station`.
    pub fn roster(station: &str) -> Self {
        Self { kind: DocumentKind::Roster, key: station.to_owned() }
    }
    /// The community-work document of `station`.
    pub fn community(station: &str) -> Self {
        Self { kind: DocumentKind::Community, key: station.to_owned() }
    }

    /// The county the id itself names: `Some` for the county's own documents
    /// (`county/{county}/…`), `None` for region and station documents, whose codes carry no
    /// county (the relay takes it from the device's token).
    pub fn county(&self) -> Option<&str> {
        matches!(self.kind, DocumentKind::Directory | DocumentKind::CountyBulletins).then_some(self.key.as_str())
    }
}

/// Whether `key` may be a county, region or station code in a document id: 1 to 64 of
/// `a-z`, `0-9` and `-`.
pub fn valid_key(key: &str) -> bool {
    (1..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl FromStr for DocumentId {
    type Err = DocumentIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split('/');
        let (Some(scope), Some(key), Some(kind), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DocumentIdError::Unknown(s.to_owned()));
        };
        let kind = match (scope, kind) {
            ("county", "directory") => DocumentKind::Directory,
            ("county", "bulletins") => DocumentKind::CountyBulletins,
            ("region", "bulletins") => DocumentKind::Bulletins,
            ("region", "command") => DocumentKind::Command,
            ("station", "roster") => DocumentKind::Roster,
            ("station", "community") => DocumentKind::Community,
            _ => return Err(DocumentIdError::Unknown(s.to_owned())),
        };
        if !valid_key(key) {
            return Err(DocumentIdError::BadKey(key.to_owned()));
        }
        Ok(Self { kind, key: key.to_owned() })
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (scope, kind) = match self.kind {
            DocumentKind::Directory => ("county", "directory"),
            DocumentKind::CountyBulletins => ("county", "bulletins"),
            DocumentKind::Bulletins => ("region", "bulletins"),
            DocumentKind::Command => ("region", "command"),
            DocumentKind::Roster => ("station", "roster"),
            DocumentKind::Community => ("station", "community"),
        };
        write!(f, "{scope}/{}/{kind}", self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_path() {
        for id in [
            DocumentId::directory("xian"),
            DocumentId::county_bulletins("xian"),
            DocumentId::bulletins("desheng"),
            DocumentId::command("guandu"),
            DocumentId::roster("cuiyuehu"),
            DocumentId::community("majiadu"),
        ] {
            let path = id.to_string();
            assert_eq!(path.parse::<DocumentId>(), Ok(id), "{path}");
        }
        assert_eq!(DocumentId::roster("cuiyuehu").to_string(), "station/cuiyuehu/roster");
    }

    #[test]
    fn paths_that_name_no_document_are_refused() {
        for bad in ["", "region/desheng", "region/desheng/roster", "station/a/roster/x", "county//directory"] {
            assert!(bad.parse::<DocumentId>().is_err(), "{bad} was accepted");
        }
        assert_eq!("station/../roster".parse::<DocumentId>(), Err(DocumentIdError::BadKey("..".into())));
        assert!("region/Desheng/bulletins".parse::<DocumentId>().is_err());
    }
}
