//! Record ids: UUID v7, so ids sort by creation time (docs/architecture.md "Documents").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The id of one record inside a document collection: a UUID v7 in its hyphenated text
/// form (36 characters), which is also the record's key in the collection's `Y.Map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

impl RecordId {
    /// A fresh id. Ids made by one process are strictly increasing.
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// The creation time encoded in a UUID v7, in Unix milliseconds; `None` for other UUIDs.
    pub fn created_ms(&self) -> Option<u64> {
        let (secs, nanos) = self.0.get_timestamp()?.to_unix();
        Some(secs * 1000 + u64::from(nanos) / 1_000_000)
    }
}

impl Default for RecordId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_and_round_trip_through_text() {
        let ids: Vec<RecordId> = (0..1000).map(|_| RecordId::new()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids are not increasing");
        let text = ids[7].to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<RecordId>().ok(), Some(ids[7]));
        assert!(ids[0].created_ms().is_some());
    }
}
