//! Incidents (警情/事件): the list (open first, each with its operation across regions), the
//! form to open one, and an incident's page (its timeline, requests, a plan to activate,
//! closing with a result, the dispatch order to print).

pub mod close;
pub mod detail;
pub mod form;
pub mod list;
pub mod operation;
pub mod plan;
pub mod print;
pub mod timeline;
