//! The only door to the relay, and the keeper of every open document (docs/architecture.md
//! "How it moves").
//!
//! After sign-in the app opens exactly the documents of the officer's scope ([`scope`]:
//! `liandong_core::access::documents_of`): each is loaded from IndexedDB and shown at once
//! ([`doc`]), then connected to the relay, all on one socket at `/sync/mux` ([`socket`],
//! [`mux`]); other tabs get local changes through a `BroadcastChannel` ([`tabs`]). The
//! state shown to the officer is derived from state vectors ([`status`]).
//!
//! By job: [`state`] holds what the tasks share (handed to them, never looked up by them);
//! [`session`] signs in and out; [`scope`] decides what to open; [`documents`] opens them
//! and answers the UI; [`views`] keeps screens' snapshots (a cache beside the documents);
//! [`link_events`] listens to the browser's word on the link. Waits are
//! woken ([`notify`]), not polled. UI code uses the functions re-exported here and the
//! reactive [`Signals`]; it never touches sockets or storage.

pub mod backoff;
pub mod deflate;
pub mod doc;
mod documents;
mod link_events;
pub mod mux;
pub mod notify;
mod scope;
mod session;
pub mod socket;
mod state;
pub mod status;
pub mod tabs;
pub mod verdict;
mod views;

use liandong_core::access::{self, Rights};
use liandong_core::org::Organisation;
use liandong_core::{DocumentId, RecordId};

pub use documents::{
    covers, first_sync_pending, loaded, open_doc, read_doc, read_settled, saved, waiting_changes, writes_pending,
};
pub use session::{SignInError, sign_in, sign_out, start};
pub use state::{DocEntry, Shared, Signals};
pub use views::{read_view, session_number, track_documents, write_view};

/// The UI's reactive view of sync.
pub fn signals() -> Signals {
    state::shared().signals
}

/// The organisation as the directory document says it (no skill grants or offices: those
/// are in the station rosters, `crate::data::org_with_rosters`); reactive.
pub fn directory_org() -> Organisation {
    with_directory_org(Organisation::clone)
}

/// Runs `f` on [`directory_org`] without copying it; reactive like it.
pub fn with_directory_org<T>(f: impl FnOnce(&Organisation) -> T) -> T {
    scope::with_directory_org(&state::shared(), f)
}

/// The signed-in officer's rights on `id` (none when signed out).
pub fn rights(id: &DocumentId) -> Rights {
    let shared = state::shared();
    let Some(session) = shared.session() else { return Rights::None };
    with_directory_org(|org| access::rights(&session.claims.post(), id, org))
}

/// The signed-in officer's record id (for attributing edits).
pub fn officer_id() -> Option<RecordId> {
    state::shared().session().and_then(|s| s.claims.sub.parse().ok())
}
