//! Suggesting resident officers ("one office, one officer", 一室一警): a proposal of one
//! officer for every office of a station that has none, each officer in at most one
//! office, maximising the skills the residents bring.
//!
//! An assignment problem solved with the Kuhn–Munkres (Hungarian) algorithm of the
//! `pathfinding` crate. The weight of putting an officer in an office is
//! `10 × distinct skill categories valid today + required skills held` (the county
//! policy's `required_skills`), so a broader officer wins, and among equals one who holds
//! the skills every station needs. Candidates are the station's officers on strength who
//! are not station heads and are resident nowhere yet. With more offices than candidates
//! no full assignment exists: every candidate gets an office and the rest are reported as
//! unfilled.

use jiff::civil::Date;
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use crate::ids::RecordId;
use crate::model::Role;
use crate::org::Organisation;
use crate::rules::staffing::{categories, residences};

/// One proposed residence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The office without a resident.
    pub office: RecordId,
    /// The officer proposed.
    pub officer: RecordId,
    /// The officer's distinct skill categories valid today.
    pub categories: usize,
}

/// What the solver proposes for a station.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Suggestion {
    /// One per office it could fill, in the offices' order.
    pub proposals: Vec<Proposal>,
    /// Offices left without a resident: there were not enough free officers.
    pub unfilled: Vec<RecordId>,
}

/// The weight of one officer as a resident (see the module docs).
fn weight(org: &Organisation, officer: RecordId, today: Date) -> i64 {
    let broad = categories(org, officer, today).len() as i64;
    let required = org
        .policy
        .required_skills
        .iter()
        .filter(|skill| {
            org.skill_grants.iter().any(|g| g.officer == officer && &g.skill == *skill && g.valid_on(today))
        })
        .count() as i64;
    10 * broad + required
}

/// A resident for every office of `station` without one, on `today`.
pub fn suggest_residents(org: &Organisation, station: RecordId, today: Date) -> Suggestion {
    let resident = residences(org);
    let offices: Vec<RecordId> = org
        .offices
        .iter()
        .filter(|o| o.station == station && !org.assignments.iter().any(|a| a.office == o.id))
        .map(|o| o.id)
        .collect();
    let candidates: Vec<RecordId> = org
        .strength_of(station)
        .filter(|o| o.role != Role::StationHead && !resident.contains_key(&o.id))
        .map(|o| o.id)
        .collect();
    if offices.is_empty() || candidates.is_empty() {
        return Suggestion { proposals: Vec::new(), unfilled: offices };
    }
    let weights: Vec<i64> = candidates.iter().map(|c| weight(org, *c, today)).collect();
    let proposal = |office: usize, candidate: usize| Proposal {
        office: offices[office],
        officer: candidates[candidate],
        categories: categories(org, candidates[candidate], today).len(),
    };
    // Kuhn–Munkres needs no more rows than columns: rows are the smaller side.
    let mut pairs: Vec<(usize, usize)> = if offices.len() <= candidates.len() {
        let rows = offices.iter().map(|_| weights.clone());
        match Matrix::from_rows(rows) {
            Ok(m) => kuhn_munkres(&m).1.into_iter().enumerate().collect(),
            Err(_) => Vec::new(),
        }
    } else {
        let rows = weights.iter().map(|w| vec![*w; offices.len()]);
        match Matrix::from_rows(rows) {
            Ok(m) => kuhn_munkres(&m).1.into_iter().enumerate().map(|(c, o)| (o, c)).collect(),
            Err(_) => Vec::new(),
        }
    };
    crate::sort::natural(&mut pairs);
    let filled: Vec<usize> = pairs.iter().map(|(o, _)| *o).collect();
    Suggestion {
        proposals: pairs.into_iter().map(|(o, c)| proposal(o, c)).collect(),
        unfilled: (0..offices.len()).filter(|o| !filled.contains(o)).map(|o| offices[o]).collect(),
    }
}
