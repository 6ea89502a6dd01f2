//! liandong-core: the linkage-policing domain over Yjs documents.
//!
//! The one place that knows the domain (docs/domain.md) and the shape of the Yjs documents
//! (docs/architecture.md "Documents"). Pure Rust: no browser, no network; the app
//! and the relay go through it and never touch raw Yjs map keys. It has no words for
//! people: results are enums with their numbers and the records involved, which the app
//! words in the officer's language (docs/architecture.md "The parts").
//!
//! A map of the crate:
//! - [`access`]: which role may read and write which document.
//! - [`document_id`]: ids of the six document kinds (`county/{county}/directory`, ...).
//! - [`ids`], [`time`]: record ids (UUID v7) and China Standard Time.
//! - [`record`]: how a typed record is stored field by field in a `Y.Map`, and how
//!   concurrent writes of one field are detected ([`record::conflict`]).
//! - [`docs`]: typed views over each document kind: read, list, write in one transaction,
//!   tombstones, schema version (newer documents are read-only).
//! - [`model`]: the records, one file per document kind.
//! - [`bulletins`]: shared bulletins: drafts and their checks, audience and
//!   acknowledgements, lists, versions.
//! - [`org`]: a snapshot of a county's organisation read from its documents.
//! - [`rules`]: pure checks over the snapshot (regions, districts, "one district, one
//!   office; one office, one officer; one officer, many skills") and the coverage report.
//! - [`roster`]: station rosters (排班): shift types and the county's roster settings,
//!   the rules (staffing, 24-hour led duty, rest, runs of days and nights, weekly hours),
//!   edit checks and overrides, the rules after a sync with who wrote what, iCalendar and
//!   CSV export.
//! - [`command`]: regional command: incidents, support requests and commitments (loans
//!   of officers, vehicles, equipment), the pool, contingency plans, the command rules and
//!   the commander's board.
//! - [`community`]: the district workbook of a station's community work: key persons and
//!   sites with their visit cadence and overdue list, joint mediation cases with their
//!   deadlines, and the checked writes.
//! - [`cooperation`]: the region's daily cooperation: regular meetings and decisions, joint
//!   patrols and joint training, as shifts of the officers' rosters and renewed skills.
//! - [`districts`]: the station head's districts and offices: edits with their checks, and
//!   suggested resident officers (Kuhn–Munkres).
//! - [`county_file`]: the versioned JSON format of a county, import into documents, export.
//! - [`demo`]: the demo county (docs/domain.md "The county of the demo"), generated
//!   deterministically from a seed.
//! - [`update_guard`]: reads a Yjs update without decoding it, to refuse values nested too
//!   deep (which would overflow yrs' recursive decoder) and to check rights before decoding.

pub mod access;
pub mod bulletins;
pub mod command;
pub mod community;
pub mod cooperation;
pub mod county_file;
pub mod demo;
pub mod districts;
pub mod docs;
pub mod document_id;
pub mod ids;
pub mod model;
pub mod org;
pub mod record;
pub mod roster;
pub mod rules;
pub mod sort;
pub mod time;
pub mod update_guard;

pub use document_id::{DocumentId, DocumentIdError, DocumentKind};
pub use ids::RecordId;
