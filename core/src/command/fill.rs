//! What a support request still lacks, line by line: a line is filled by its commitments
//! that are not cancelled (returned ones included: they were sent), each officer or item
//! once (two offline devices may commit the same officer to one line: that is a double
//! booking, not two officers).

use super::state::CommandState;
use crate::model::SupportRequest;

/// One line of a request and how far it is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFill {
    /// The line (index into the request's items).
    pub item: u32,
    /// Asked for.
    pub wanted: u32,
    /// Committed so far.
    pub committed: u32,
}

impl LineFill {
    /// How many are still missing.
    pub fn short(&self) -> u32 {
        self.wanted.saturating_sub(self.committed)
    }
}

/// Every line of `request` with its fill.
pub fn lines(state: &CommandState, request: &SupportRequest) -> Vec<LineFill> {
    let mut out: Vec<LineFill> = (0..request.items.len())
        .map(|i| LineFill { item: u32::try_from(i).unwrap_or(u32::MAX), wanted: request.items[i].count, committed: 0 })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for c in state.commitments_of(request.id).filter(|c| c.counts()) {
        if let Some(line) = out.get_mut(c.item as usize)
            && seen.insert((c.item, c.resource))
        {
            line.committed += 1;
        }
    }
    out
}

/// The lines of `request` still short (none for a withdrawn request).
pub fn unfilled(state: &CommandState, request: &SupportRequest) -> Vec<LineFill> {
    if request.cancelled.is_some() {
        return Vec::new();
    }
    lines(state, request).into_iter().filter(|l| l.short() > 0).collect()
}

/// Whether the request is still open: not withdrawn, not closed with its incident, and a
/// line short or a commitment not yet returned.
pub fn is_open(state: &CommandState, request: &SupportRequest) -> bool {
    if request.cancelled.is_some() {
        return false;
    }
    if request.incident.and_then(|i| state.incident(i)).is_some_and(|i| i.closed.is_some()) {
        return false;
    }
    !unfilled(state, request).is_empty() || state.commitments_of(request.id).any(|c| c.is_active())
}
