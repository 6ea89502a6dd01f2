//! `/cooperation`: the region's daily cooperation (联动日常; docs/domain.md "Daily
//! cooperation"), written offline to the region's command document
//! (`region/{region}/command`); core checks each write ([`liandong_core::cooperation::edit`]).
//!
//! - [`data`]: where the page reads and writes, names, and who may do what.
//! - [`page`]: the page: what needs doing, then the three sections.
//! - [`patrols`]: joint patrols (联巡): the list, the plan form, the findings form.
//! - [`meetings`]: regular meetings (例会): the list with minutes and decisions, the
//!   schedule form, the minutes form.
//! - [`training`]: joint training (联训): the list, the plan form (officers due for
//!   renewal proposed), the results form.
//! - [`picks`]: choosing stations and officers of the region.
//! - [`home`]: "this week" and the station's open decisions on Home.

pub mod data;
pub mod home;
mod meetings;
pub mod page;
mod patrols;
mod picks;
mod training;

pub use page::Cooperation;
