//! One module per screen; each is a route of [`crate::app`].

pub mod bulletins;
pub mod command;
pub mod community;
pub mod cooperation;
pub mod districts;
pub mod home;
pub mod login;
pub mod not_found;
pub mod region;
pub mod roster;
pub mod settings;
