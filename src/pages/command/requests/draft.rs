//! What the request form starts with. From an incident: its station (the requesting one)
//! and place. From a contingency plan activated on the incident (`?plan=`): the request
//! core drafts from the plan ([`liandong_core::command::plan::draft_request`]), its lines
//! with their counts to adjust before sending, its steps as details. Otherwise the
//! officer's own station and two officers.

use liandong_core::RecordId;
use liandong_core::command::plan::draft_request;
use liandong_core::model::Mark;

use super::super::context::Ctx;
use super::line_inputs::value_of;
use leptos::prelude::*;

/// The form's first values.
pub struct Prefill {
    /// Requesting station code ("" for the first of the region).
    pub station: String,
    /// Where to report.
    pub place: String,
    /// Lines as (need value, count).
    pub lines: Vec<(String, String)>,
    /// Details.
    pub detail: String,
}

/// The first values for a request of `incident`, drafted from `plan` if given.
pub fn prefill(ctx: Ctx, incident: Option<RecordId>, plan: Option<RecordId>) -> Prefill {
    let own = crate::data::claims().and_then(|c| c.station).unwrap_or_default();
    let mut out = Prefill {
        station: own,
        place: String::new(),
        lines: vec![("officers".into(), "2".into())],
        detail: String::new(),
    };
    let (state, org) = (ctx.state.get_untracked(), ctx.org.get_untracked());
    let Some(inc) = incident.and_then(|i| state.incident(i)) else { return out };
    let code_of = |id: RecordId| org.stations.iter().find(|s| s.id == id).map(|s| s.code.clone());
    if let Some(code) = inc.station.and_then(code_of)
        && out.station.is_empty()
    {
        out.station = code;
    }
    out.place = inc.place.clone();
    let (Some(p), Some(region)) =
        (plan.and_then(|p| state.plans.iter().find(|x| x.id == p)), ctx.region.get_untracked())
    else {
        return out;
    };
    let mark = Mark { at: liandong_core::time::now(), by: RecordId::default() };
    let draft = draft_request(p, inc, region.center, RecordId::default(), mark);
    out.place = draft.place;
    out.lines = draft.items.iter().map(|i| (value_of(&i.need), i.count.to_string())).collect();
    out.detail = draft.detail;
    if out.station.is_empty() {
        out.station = code_of(draft.station).unwrap_or_default();
    }
    out
}
