//! The district workbook (警务区工作台) of a station's community work
//! (docs/domain.md "Community work"), over `station/{station}/community`:
//! - [`cadence`]: when each key person and site is next due a visit, and the overdue list;
//! - [`mediation`]: the deadlines of a joint mediation case (24 h, 5 days, the return
//!   visit), the cases in the order they need attention, repeat disputes;
//! - [`edit`]: the writes of key records, visits and cases, each checked before anything is
//!   saved;
//! - [`log`]: the writes of the field work: intelligence reports, patrols, legal outreach,
//!   rapid responses;
//! - [`forward`]: a report forwarded to the center station as a bulletin;
//! - [`raise`]: a rapid response raised as an incident of the regional command;
//! - [`remove`]: a record logged by mistake removed by its author or the station head;
//! - [`figures`]: a month's figures per officer and for the station (统一考核);
//! - [`state`]: everything of the document, read once for the screens;
//! - [`glance`]: the figures for Home, from the raw maps (no record decoding in the first
//!   visit's Wasm).

pub mod cadence;
pub mod edit;
pub mod figures;
pub mod forward;
pub mod glance;
pub mod log;
pub mod mediation;
pub mod raise;
pub mod remove;
pub mod state;

pub use cadence::{Due, DueState, cadence_days, due_list};
pub use mediation::{CaseStage, Deadline, case_list, repeats};
pub use state::CommunityState;
