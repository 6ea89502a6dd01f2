//! Widgets shared by several screens.

pub mod fmt;
pub mod module_waiting;
pub mod nav;
pub mod photo;
pub mod storage_banner;
pub mod sync_badge;
pub mod update_banner;
