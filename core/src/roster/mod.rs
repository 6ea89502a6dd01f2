//! Station rosters (排班): shift types and the county's roster settings, the roster rules,
//! edit checks and overrides, rules after a sync, and export. The records are
//! [`crate::model::Shift`] in `station/{station}/roster`; the settings one
//! [`config::RosterConfig`] in the county directory.
//! - [`config`]: default times per kind of shift, residency hours per station, rule
//!   settings (severity BLOCK or WARN and numbers), with defaults.
//! - [`shift_types`]: what counts as work, planning a shift of a kind on a day in China
//!   time.
//! - [`validate`]: bad input refused with its reason (overlaps, end before start, an
//!   officer of another station).
//! - [`rules`]: the rules over a station's shifts and their violations.
//! - [`edit`]: what an edit would newly cause, overrides by the station head, saving.
//! - [`fill`]: many cells at once: copying last week, applying a rotation pattern.
//! - [`merge`]: reading the shifts, the rules after a sync with who wrote what.
//! - [`export`]: a station's or an officer's roster as iCalendar or CSV, in the words the
//!   caller gives ([`export::ExportWords`]).
//!
//! Nothing here is worded for people: results are enums with their numbers and the records
//! involved, and the app words them from its locale files. Errors' `Display` is plain
//! English, for logs.

pub mod config;
pub mod edit;
pub mod export;
pub mod fill;
pub mod merge;
pub mod rules;
pub mod shift_types;
pub mod validate;

pub use config::{RosterConfig, Rotation, RotationStep, Severity};
pub use edit::{EditCheck, OverrideError, SaveError, check_edit, check_removal, override_violations, save};
pub use fill::{Fill, RotationError, SkipReason, Skipped, apply_rotation, copy_last_week};
pub use merge::{SyncReport, authors, check_after_sync, read_shifts};
pub use rules::{Context, Finding, Period, RosterViolation, ShiftEdit, check};
pub use shift_types::{new_shift, plan, plan_days};
pub use validate::ShiftError;
