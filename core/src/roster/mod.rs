//! Station rosters (排班): shift types and the county's roster settings. The records are
//! [`crate::model::Shift`] in `station/{station}/roster`; the settings one
//! [`config::RosterConfig`] in the county directory.
//! - [`config`]: default times per kind of shift, residency hours per station, rule
//!   settings (severity BLOCK or WARN and numbers), with defaults.
//! - [`shift_types`]: names of the kinds, what counts as work, planning a shift of a kind on
//!   a day in China time.

pub mod config;
pub mod shift_types;

pub use config::{RosterConfig, Severity};
pub use shift_types::{label, new_shift, plan, plan_days};
