//! Officers on loan (借调): an officer committed to another station's request is lent by
//! the own station to the requesting one for the commitment's window
//! ([`crate::model::Commitment::window`]). Both stations' rosters show it, and the roster
//! rules count the officer at the receiving station and not at the lending one
//! ([`crate::roster::Context::loans`]).

use jiff::Timestamp;

use super::state::CommandState;
use crate::ids::RecordId;
use crate::model::{Mark, Resource};

/// One officer lent by one station to another for a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loan {
    /// The commitment it comes from.
    pub commitment: RecordId,
    /// The request it answers.
    pub request: RecordId,
    /// The officer.
    pub officer: RecordId,
    /// The lending station (the officer's own).
    pub from_station: RecordId,
    /// The receiving station (the requesting one).
    pub to_station: RecordId,
    /// Start (inclusive).
    pub from: Timestamp,
    /// End (exclusive).
    pub to: Timestamp,
    /// Who committed the officer, and when.
    pub committed: Mark,
}

impl Loan {
    /// Whether the loan covers `at`.
    pub fn covers(&self, at: Timestamp) -> bool {
        self.from <= at && at < self.to
    }

    /// Whether the loan overlaps `[from, to)`.
    pub fn overlaps(&self, from: Timestamp, to: Timestamp) -> bool {
        self.from < to && from < self.to
    }
}

/// Every loan of `state`: officer commitments not cancelled, with a window, to a request of
/// another station (an officer sent to the own station's request is not lent). In the
/// commitments' order.
pub fn loans(state: &CommandState) -> Vec<Loan> {
    state
        .commitments
        .iter()
        .filter_map(|c| {
            let Resource::Officer(officer) = c.resource else { return None };
            let (from, to) = c.window()?;
            let request = state.request(c.request)?;
            (request.station != c.station).then_some(Loan {
                commitment: c.id,
                request: c.request,
                officer,
                from_station: c.station,
                to_station: request.station,
                from,
                to,
                committed: c.committed,
            })
        })
        .collect()
}

/// The loans that concern `station` (lent from it or to it).
pub fn of_station(loans: &[Loan], station: RecordId) -> Vec<Loan> {
    loans.iter().filter(|l| l.from_station == station || l.to_station == station).copied().collect()
}
