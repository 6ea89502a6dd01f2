//! Activating a contingency plan on an incident: the request form opens with the request
//! core drafts from the plan ([`liandong_core::command::plan::draft_request`]); the
//! commander adjusts the counts, sends it, and commits.

use leptos::prelude::*;
use liandong_core::model::Incident;

use super::super::context::Ctx;
use crate::i18n::*;

/// The plans of the incident's kind, each with an "activate" button.
#[component]
pub fn Activate(ctx: Ctx, incident: Incident) -> impl IntoView {
    let i18n = use_i18n();
    let plans = Memo::new({
        let kind = incident.kind;
        move |_| {
            ctx.state.with(|s| {
                s.plans.iter().filter(|p| p.kind == kind).map(|p| (p.id, p.title.clone())).collect::<Vec<_>>()
            })
        }
    });
    let id = incident.id;
    move || {
        let list = plans.get();
        (!list.is_empty()).then(|| view! {
            <section class="card" data-testid="activate-plan">
                <h2>{t!(i18n, cmd_activate_plan)}</h2>
                <p class="hint">{t!(i18n, cmd_activate_hint)}</p>
                <div class="actions">
                    {list.into_iter().map(|(plan, title)| view! {
                        <a class="button plain" data-testid="activate" href=format!("/command/requests/new?incident={id}&plan={plan}")>{title}</a>
                    }).collect_view()}
                </div>
            </section>
        })
    }
}
