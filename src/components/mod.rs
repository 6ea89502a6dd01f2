//! Widgets shared by several screens.

pub mod nav;
pub mod sync_badge;
