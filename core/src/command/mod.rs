//! Regional command (指挥统一、警力整合、装备配套) over `region/{region}/command`: the
//! records are in [`crate::model::command`]; here is what follows from them.
//! - [`state`]: every command record of a region read at once ([`CommandState`]).
//! - [`stage`]: where a commitment stands (committed → dispatched → on scene → released →
//!   returned, EDXL-RM's steps), and the time it binds its officer or item.
//! - [`loans`]: officers on loan (借调) from commitments, which the roster rules count at the
//!   receiving station and not at the lending one ([`crate::roster::Context::loans`]).
//! - [`pool`]: the equipment and vehicles pool's status now (committed follows from
//!   commitments).
//! - [`fill`]: what a request still lacks, line by line.
//! - [`rules`]: the command rules, each a [`rules::CommandFinding`] with its numbers and
//!   records: overlapping commitments (after two offline devices merge), officers on leave
//!   or off duty, items in repair, overdue requests, plans the region cannot fill.
//! - [`edit`]: writes with their checks (an officer of another region, a count of zero, a
//!   return before the dispatch, an unknown kind): refused with a [`crate::docs::Refusal`],
//!   nothing half-saved.
//! - [`plan`]: activating a contingency plan drafts a support request from it.
//! - [`timeline`]: an incident's timeline from notes, requests and commitment steps.
//! - [`board`]: the commander's board, per station now.
//! - [`glance`]: whether an officer has a dispatch running, without decoding records.
//! - [`snapshot`]: the board's inputs kept as one value, so a reload shows the board
//!   before the documents are decoded.
//!
//! Nothing is worded here: the app words findings and refusals from its locale files.

pub mod board;
pub mod edit;
pub mod fill;
pub mod glance;
pub mod loans;
pub mod plan;
pub mod pool;
pub mod rules;
pub mod snapshot;
pub mod stage;
pub mod state;
pub mod timeline;

pub use board::{Board, StationBoard};
pub use loans::Loan;
pub use stage::Stage;
pub use state::CommandState;
