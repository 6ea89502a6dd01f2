//! liandong-core: the linkage-policing domain over Yjs documents.
//!
//! The one place that knows the domain (../shared/DOMAIN.md) and the shape of the Yjs
//! documents (../shared/DESIGN.md "Documents"). Pure Rust: no browser, no network.
//!
//! A map of the crate:
//! - [`document_id`]: the ids of the five document kinds (`county/{county}/directory`, ...)
//!   that the relay routes on and the app opens.

pub mod document_id;

pub use document_id::{DocumentId, DocumentIdError, DocumentKind};
