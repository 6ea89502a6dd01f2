//! Support requests (支援请求): the form a station head raises one with, the request's page
//! (its lines, how far each is filled, the commitments and their steps, the officers'
//! acknowledgements), and committing an officer or item to a line ([`commit`]).

pub mod commit;
pub mod commitments;
pub mod detail;
pub mod draft;
pub mod form;
pub mod line_inputs;
pub mod lines;
