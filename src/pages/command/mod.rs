//! Regional command (指挥统一、警力整合、装备配套), over `region/{region}/command`: the
//! commander's board, incidents and their timelines, support requests and the commitments
//! that answer them, the equipment and vehicles pool, contingency plans, and the dispatch
//! order to print. Every screen reads through [`context::Ctx`] and writes through
//! [`data::write`]; core checks each write ([`liandong_core::command::edit`]) and the app
//! words what core found ([`crate::words::command`]).
//!
//! The commander and the region's station heads write; every officer of the region reads,
//! and acknowledges their own dispatch on Home ([`dispatch`]).

pub mod board;
pub mod context;
pub mod data;
pub mod dispatch;
pub mod findings;
pub mod incidents;
pub mod names;
pub mod pages;
pub mod plans;
pub mod pool;
pub mod requests;
pub mod said;
pub mod snapshot;
pub mod station_select;
pub mod tabs;
pub mod time_input;

pub use board::CommandBoard;
pub use pages::CommandPages;
