//! Police districts and community police offices of a station (警务区, 警务室): the
//! station head's edits with their checks, and the solver that suggests resident officers.
//! - [`edit`]: districts, villages, offices, residences and skills: each edit checked
//!   against the organisation, refused with its reasons, written in one transaction.
//! - [`suggest`]: a resident for every office without one (Kuhn–Munkres).

pub mod edit;
pub mod suggest;

pub use edit::{Change, DistrictError, OfficeInput, VillageInput};

pub use suggest::{Proposal, Suggestion, suggest_residents};
