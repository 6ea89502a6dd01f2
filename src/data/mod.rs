//! The one door screens use to data: who is signed in, the organisation, and writing a
//! typed record to a document for the signed-in officer. Each screen's own `data.rs`
//! (bulletins, roster, districts) adds the reads of its documents on top; none of them
//! opens a document, checks a right or attributes a write by itself.
//!
//! - [`org`]: the organisation (from the directory alone, or with the station rosters'
//!   skills, offices and residences).
//! - [`write`]: the write door ([`write::write`], [`write::writer`]) and why a write
//!   failed ([`write::WriteFailure`], worded by `components::fmt::write_failure`).

pub mod org;
pub mod write;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::access::Claims;

pub use org::{directory_org, org_with_rosters, with_directory_org};
pub use write::{WriteFailure, write, writer};

/// The signed-in officer's claims (reactive; `None` when signed out).
pub fn claims() -> Option<Claims> {
    crate::sync::signals().claims.get()
}

/// The signed-in officer's record id (reactive).
pub fn me() -> Option<RecordId> {
    claims().and_then(|c| c.sub.parse().ok())
}
