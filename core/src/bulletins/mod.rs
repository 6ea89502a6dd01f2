//! Shared bulletins (信息共享, docs/domain.md "Information sharing"): the rules over the records
//! of [`crate::model::bulletin`].
//! - [`draft`]: what an officer fills in, its checks (each error names its field), and the
//!   writes that post, update (a new version), cancel and acknowledge, each in one
//!   transaction so nothing is half-saved.
//! - [`audience`]: who a bulletin is for, and who of them acknowledged which version.
//! - [`listing`]: active or not, filters, full-text search (Chinese included) and order.
//! - [`versions`]: what changed from one version to the next.
//! - [`rights`]: who may post county-wide, edit a bulletin, and whom a bulletin is from.

pub mod audience;
pub mod draft;
pub mod listing;
pub mod rights;
pub mod versions;

pub use audience::{AckReport, StationAcks, asks_acknowledgement, audience, report};
pub use draft::{Draft, FieldError, PhotoDraft};
pub use listing::{Filter, Listed, is_active, list};
pub use rights::{may_edit, may_post_county_wide, posting_unit};
pub use versions::{Change, changes};
