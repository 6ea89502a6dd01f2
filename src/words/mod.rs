//! Core's results in the officer's language. Core returns what it found as enums with
//! their numbers and the records involved, and no words; each file here words one family
//! of them from the locale files (`locales/zh.json` first, `locales/en.json` second, same
//! keys), filling their `{name}` placeholders with [`crate::components::fmt::fill`].
//! - [`shift`]: the kinds of shift and of leave, and a shift as people say it
//!   (`值班（带班）`, `请假（病假）`).
//! - [`roster`]: the roster rules' findings (排班规则), with their time range and lengths.
//! - [`refused`]: why a shift, an override, a rotation or a cell of a fill was refused.
//! - [`rules`]: the organisation rules' violations (regions, districts, offices, skills).
//! - [`export`]: the words of the roster's iCalendar and CSV files.
//! - [`command`]: regional command: kinds, needs, steps, the command rules' findings, and
//!   why a command write was refused.
//! - [`community`]: the district workbook: categories, risks, kinds of dispute, where a
//!   visit or a mediation case stands, and why a workbook write was refused.
//! - [`cooperation`]: why a meeting, joint patrol or training write was refused.
//!
//! Each takes the [`crate::i18n::Locale`] rather than the i18n context: a caller in a
//! reactive closure passes `i18n.get_locale()` (and so follows a change of language), and
//! a test words without a reactive owner. Other core results are worded where they are
//! met: [`crate::components::fmt::write_failure`], [`crate::components::fmt::store_error`],
//! `pages::districts::refusal`.

pub mod command;
pub mod community;
pub mod cooperation;
pub mod export;
pub mod refused;
pub mod roster;
pub mod rules;
pub mod shift;
