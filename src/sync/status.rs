//! The sync state of one document, derived from state vectors rather than guessed.
//!
//! Every local change leaves a mark: the Yjs client id and the clock its transaction
//! reached. The relay tells its state vector on connect and after each stored update
//! (feature `ack`); a mark is confirmed once the relay's clock for that client reaches it.
//! So "N changes waiting" counts local changes the relay has not confirmed, whatever the
//! connection did meanwhile.

use serde::Deserialize;
use yrs::StateVector;

/// A local change not yet confirmed by the relay: Yjs client id and the clock after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Mark {
    /// Client id of the tab that made the change.
    pub client: u64,
    /// The client's clock after the change.
    pub clock: u32,
}

/// The marks as stored in IndexedDB: JSON, `[{"client": 7, "clock": 3}, …]`.
pub fn marks_to_json(marks: &[Mark]) -> String {
    let marks = marks.iter().map(|m| {
        yrs::Any::from(std::collections::HashMap::from([
            ("client".to_owned(), yrs::Any::Number(yrs::Number::Int(m.client.cast_signed()))),
            ("clock".to_owned(), yrs::Any::Number(yrs::Number::Int(i64::from(m.clock)))),
        ]))
    });
    let mut json = String::new();
    yrs::Any::Array(marks.collect()).to_json(&mut json);
    json
}

/// The marks stored as [`marks_to_json`] wrote them; none when the text is damaged (the
/// changes are then counted again from the next sync's state vectors).
pub fn marks_from_json(json: &str) -> Vec<Mark> {
    liandong_core::record::de::from_json(json).unwrap_or_default()
}

/// Removes the marks the relay's state vector `relay` covers; returns how many remain.
pub fn confirm(marks: &mut Vec<Mark>, relay: &StateVector) -> usize {
    marks.retain(|m| relay.get(&yrs::ClientID::new(m.client)) < m.clock);
    marks.len()
}

/// The connection of one document to the relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Link {
    /// Not connected (see [`DocStatus::offline_since`]).
    #[default]
    Offline,
    /// Connecting or connected, not yet synced.
    Connecting,
    /// Connected and synced.
    Online,
}

/// Why the relay refuses this device for a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The device may only read this document; its changes are refused.
    ReadOnly,
    /// The token is expired or not accepted: sign in again.
    SignInExpired,
}

/// Everything the UI shows about one document's sync.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocStatus {
    /// The connection.
    pub link: Link,
    /// Since when the link is down (Unix ms): when it dropped, or when the document was
    /// opened if it has not connected since.
    pub offline_since: Option<f64>,
    /// Local changes not yet confirmed by the relay.
    pub waiting: usize,
    /// A catch-up in progress: bytes received and expected.
    pub progress: Option<(u64, u64)>,
    /// Refused by the relay.
    pub refused: Option<Refusal>,
    /// When everything was last confirmed saved at the relay (Unix ms).
    pub last_sync: Option<f64>,
    /// Whether the document has been read from this device's storage (also when that
    /// failed: the storage banner says so, and the relay fills it in).
    pub loaded: bool,
}

/// What the header badge shows: the worst state over all documents.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    /// Nothing opened yet (not signed in).
    Idle,
    /// The token was refused: sign in again.
    SignInExpired,
    /// Downloading a large difference: bytes received and expected.
    Syncing(u64, u64),
    /// Changes waiting; with the time the link went down if offline.
    Waiting(usize, Option<f64>),
    /// Offline since (Unix ms), nothing waiting.
    Offline(Option<f64>),
    /// Connecting.
    Connecting,
    /// Everything saved to the relay.
    Saved,
}

/// Sums document states into one.
pub fn summarise<'a>(states: impl IntoIterator<Item = &'a DocStatus>) -> Summary {
    let states: Vec<&DocStatus> = states.into_iter().collect();
    if states.is_empty() {
        return Summary::Idle;
    }
    if states.iter().any(|s| s.refused == Some(Refusal::SignInExpired)) {
        return Summary::SignInExpired;
    }
    let offline = states.iter().any(|s| s.link == Link::Offline);
    // Without a link since: the earliest time any document lost (or never had) its link.
    let down_since = states.iter().filter(|s| s.link != Link::Online).filter_map(|s| s.offline_since).reduce(f64::min);
    let waiting: usize = states.iter().map(|s| s.waiting).sum();
    if let Some((got, total)) = states.iter().filter_map(|s| s.progress).reduce(|a, b| (a.0 + b.0, a.1 + b.1)) {
        return Summary::Syncing(got, total);
    }
    if waiting > 0 {
        return Summary::Waiting(waiting, down_since);
    }
    if offline {
        return Summary::Offline(down_since);
    }
    if states.iter().any(|s| s.link == Link::Connecting) {
        return Summary::Connecting;
    }
    Summary::Saved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn marks_are_confirmed_by_the_relays_state_vector() {
        let mut marks = vec![Mark { client: 7, clock: 3 }, Mark { client: 7, clock: 9 }, Mark { client: 8, clock: 1 }];
        let mut sv = StateVector::default();
        sv.set_max(yrs::ClientID::new(7), 5);
        assert_eq!(confirm(&mut marks, &sv), 2);
        sv.set_max(yrs::ClientID::new(7), 9);
        sv.set_max(yrs::ClientID::new(8), 1);
        assert_eq!(confirm(&mut marks, &sv), 0);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn marks_survive_storage_and_read_what_earlier_versions_stored() {
        let marks = vec![Mark { client: 9_007_199_254_740_991, clock: 3 }, Mark { client: 8, clock: u32::MAX }];
        assert_eq!(marks_from_json(&marks_to_json(&marks)), marks);
        // Written by serde_json before stop 30.
        assert_eq!(marks_from_json(r#"[{"client":7,"clock":3}]"#), [Mark { client: 7, clock: 3 }]);
        assert_eq!(marks_from_json("[]"), []);
        assert_eq!(marks_from_json("[{\"client\":"), []);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn the_badge_shows_the_worst_state() {
        let saved = DocStatus { link: Link::Online, ..Default::default() };
        let waiting = DocStatus { link: Link::Offline, offline_since: Some(1.0), waiting: 2, ..Default::default() };
        assert_eq!(summarise([&saved, &saved]), Summary::Saved);
        assert_eq!(summarise([&saved, &waiting]), Summary::Waiting(2, Some(1.0)));
        let expired = DocStatus { refused: Some(Refusal::SignInExpired), ..Default::default() };
        assert_eq!(summarise([&waiting, &expired]), Summary::SignInExpired);
        assert_eq!(summarise([]), Summary::Idle);
    }
}
