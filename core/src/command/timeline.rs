//! An incident's timeline (who, when): the opening, the hand-written notes, each request
//! raised or withdrawn for it, each commitment and each of its steps, and the closing, in
//! time order.

use super::stage::Stage;
use super::state::CommandState;
use crate::ids::RecordId;
use crate::model::{Mark, Resource};

/// What happened at one point of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The incident was opened.
    Opened,
    /// A hand-written line.
    Note(String),
    /// A request was raised (its id).
    Requested(RecordId),
    /// A request was withdrawn.
    Withdrawn(RecordId),
    /// A commitment reached a step (`Committed` for the commitment itself).
    Step {
        /// The commitment.
        commitment: RecordId,
        /// Who or what.
        resource: Resource,
        /// The step.
        stage: Stage,
    },
    /// The incident was closed with its result.
    Closed(String),
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Who and when.
    pub mark: Mark,
    /// What.
    pub event: Event,
}

/// The timeline of incident `incident`, oldest first (empty if unknown).
pub fn of(state: &CommandState, incident: RecordId) -> Vec<Entry> {
    let Some(inc) = state.incident(incident) else { return Vec::new() };
    let mut out = vec![Entry { mark: inc.opened, event: Event::Opened }];
    out.extend(
        state
            .notes
            .iter()
            .filter(|n| n.incident == incident)
            .map(|n| Entry { mark: n.mark, event: Event::Note(n.text.clone()) }),
    );
    for request in state.requests_of(incident) {
        out.push(Entry { mark: request.raised, event: Event::Requested(request.id) });
        if let Some(mark) = request.cancelled {
            out.push(Entry { mark, event: Event::Withdrawn(request.id) });
        }
        for c in state.commitments_of(request.id) {
            let steps = std::iter::once(Stage::Committed).chain(Stage::STEPS).chain([Stage::Cancelled]);
            for stage in steps {
                if let Some(mark) = c.mark(stage) {
                    out.push(Entry { mark, event: Event::Step { commitment: c.id, resource: c.resource, stage } });
                }
            }
        }
    }
    if let Some(closed) = &inc.closed {
        out.push(Entry { mark: closed.mark, event: Event::Closed(closed.result.clone()) });
    }
    crate::sort::by_key(&mut out, |e| e.mark.at);
    out
}
