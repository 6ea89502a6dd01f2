//! The region's daily cooperation (docs/domain.md "Daily cooperation"): regular meetings
//! (例会) with attendance, minutes and decisions; joint patrols (联巡) across station
//! borders; joint training (联训) that renews officers' skills. The records live in the
//! region's command document ([`crate::model::cooperation`]).
//!
//! - [`state`]: every record of it, read once, and lookups;
//! - [`rights`]: who plans, records and closes what;
//! - [`schedule`]: the dates of a recurring meeting (the first Monday of the month);
//! - [`edit`]: the writes, each checked before anything is saved;
//! - [`shifts`]: patrols and trainings as shifts of the officers' own rosters, so the
//!   roster rules count them ([`crate::roster::rules`]);
//! - [`skills`]: the skills a training renews or grants, and who should attend;
//! - [`findings`]: a patrol without a leader, a decision past its due date;
//! - [`week`]: what an officer has in a week, for Home and the calendar.

pub mod edit;
pub mod findings;
pub mod rights;
pub mod schedule;
pub mod shifts;
pub mod skills;
pub mod state;
pub mod week;

pub use state::CooperationState;
