//! Districts screens (警务区与警务室, docs/domain.md "Organisation": one district, one office;
//! one office, one officer; one officer, many skills):
//! - [`page`]: `/districts`: a station's coverage board, its districts with villages, the
//!   sizing rule, office and resident; new districts; suggested residents; skill matrix.
//! - [`board`]: counts and the rules' findings, each linking to the record to fix.
//! - [`district`]: one district's card: villages, office, resident.
//! - [`merge`]: "merge into this district", confirmed first and undoable.
//! - [`said`]: an edit's outcome shown next to the form that made it.
//! - [`poster`]: an office's public disclosure card (警务公开), printable for the village
//!   noticeboard.
//! - [`suggest`]: resident proposals (Kuhn–Munkres in core) to accept or reject.
//! - [`skills`]: the officers × skills matrix with expiring skills marked.
//! - [`data`]: the organisation with the station rosters, and writing a checked change.

pub mod board;
pub mod data;
pub mod district;
pub mod merge;
pub mod page;
pub mod poster;
pub mod refusal;
pub mod said;
pub mod skills;
pub mod suggest;

pub use page::Districts;

/// The anchor of a record on the page (`#r-{id}`), for links from findings.
pub fn anchor(id: liandong_core::RecordId) -> String {
    format!("r-{id}")
}
