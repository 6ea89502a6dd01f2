//! Committing an officer or item to a line of a request, from the board or the request's
//! page: the loan runs over the request's time (by when → until); core refuses an officer
//! of another region, an item in repair, one already committed for that time.

use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::model::{Commitment, Need, Resource};

use super::super::context::Ctx;
use super::super::data;
use crate::components::fmt;
use crate::i18n::*;
use leptos::prelude::*;

/// Commits `resource` (named `label`) to line `line` of request `request`; the outcome
/// worded.
pub fn commit(ctx: Ctx, request: RecordId, line: u32, resource: Resource, label: &str) -> Result<String, String> {
    let i18n = use_i18n();
    let Some(region) = ctx.region.get_untracked() else { return Err(t_string!(i18n, write_not_open).to_owned()) };
    let (org, state) = (ctx.org.get_untracked(), ctx.state.get_untracked());
    let Some(req) = state.request(request) else { return Err(t_string!(i18n, refusal_missing).to_owned()) };
    // The loan starts when the help must be there, or now when that has passed.
    let from = req.needed_by.max(liandong_core::time::now());
    let result = data::write(&region, |view, mark| {
        let c = Commitment {
            id: RecordId::new(),
            request,
            item: line,
            resource,
            station: RecordId::default(),
            from,
            until: req.until,
            leads: false,
            committed: mark,
            dispatched: None,
            on_scene: None,
            released: None,
            returned: None,
            cancelled: None,
        };
        edit::commit(view, &org, &state, region.id, &c)
    });
    match result {
        Ok(_) => Ok(fmt::fill(t_string!(i18n, cmd_committed), &[("who", label.to_owned())])),
        Err(e) => Err(fmt::write_failure(i18n, &e)),
    }
}

/// Whether officer `officer` answers `need` today (holds its skill, if it names one).
pub fn officer_answers(org: &liandong_core::org::Organisation, officer: RecordId, need: &Need) -> bool {
    match need {
        Need::Officers { skill: None } => true,
        Need::Officers { skill: Some(k) } => {
            let today = crate::pages::roster::data::today();
            org.skill_grants.iter().any(|g| g.officer == officer && &g.skill == k && g.valid_on(today))
        }
        Need::Vehicle | Need::Equipment { .. } => false,
    }
}
