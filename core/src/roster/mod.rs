//! Station rosters (排班): shift types and the county's roster settings, bad input, and the
//! roster rules. The records are [`crate::model::Shift`] in `station/{station}/roster`;
//! the settings one [`config::RosterConfig`] in the county directory.
//! - [`config`]: default times per kind of shift, residency hours per station, rule
//!   settings (severity BLOCK or WARN and numbers), with defaults.
//! - [`shift_types`]: names of the kinds, what counts as work, planning a shift of a kind on
//!   a day in China time.
//! - [`validate`]: bad input refused with its reason (overlaps, end before start, an
//!   officer of another station).
//! - [`rules`]: the rules over a station's shifts and their violations (Chinese, English).

pub mod config;
pub mod rules;
pub mod shift_types;
pub mod validate;

pub use config::{RosterConfig, Severity};
pub use rules::{Context, Finding, Period, RosterViolation, ShiftEdit, check};
pub use shift_types::{label, new_shift, plan, plan_days};
pub use validate::ShiftError;
