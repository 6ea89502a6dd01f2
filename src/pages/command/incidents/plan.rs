//! Activating a contingency plan on an incident: core drafts the support request from the
//! plan ([`liandong_core::command::plan::draft_request`]); it is saved at once and its page
//! opens, where the commander adjusts the counts and commits.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::{edit, plan};
use liandong_core::model::Incident;

use super::super::context::Ctx;
use super::super::data;
use super::super::said::{SaidLine, said};
use crate::components::fmt;
use crate::i18n::*;

/// The plans of the incident's kind, each with an "activate" button.
#[component]
pub fn Activate(ctx: Ctx, incident: Incident) -> impl IntoView {
    let i18n = use_i18n();
    let said = said();
    let navigate = leptos_router::hooks::use_navigate();
    let plans = Memo::new({
        let kind = incident.kind;
        move |_| {
            ctx.state.with(|s| {
                s.plans.iter().filter(|p| p.kind == kind).map(|p| (p.id, p.title.clone())).collect::<Vec<_>>()
            })
        }
    });
    let incident = StoredValue::new(incident);
    let activate = move |plan_id: RecordId| {
        let Some(region) = ctx.region.get_untracked() else { return };
        let (org, state) = (ctx.org.get_untracked(), ctx.state.get_untracked());
        let Some(p) = state.plans.iter().find(|p| p.id == plan_id).cloned() else { return };
        let id = RecordId::new();
        let result = data::write(&region, |view, mark| {
            let inc = incident.get_value();
            let draft = plan::draft_request(&p, &inc, region.center, id, mark);
            edit::save_request(view, &org, region.id, &draft)?;
            view.put(&liandong_core::model::Incident { plan: Some(p.id), ..inc })
        });
        match result {
            Ok(()) => navigate(&format!("/command/requests/{id}"), Default::default()),
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    move || {
        let list = plans.get();
        (!list.is_empty()).then(|| view! {
            <section class="card" data-testid="activate-plan">
                <h2>{t!(i18n, cmd_activate_plan)}</h2>
                <p class="hint">{t!(i18n, cmd_activate_hint)}</p>
                <div class="actions">
                    {list.into_iter().map(|(id, title)| {
                        let activate = activate.clone();
                        view! { <button type="button" class="button plain" data-testid="activate" on:click=move |_| activate(id)>{title}</button> }
                    }).collect_view()}
                </div>
                <SaidLine said=said/>
            </section>
        })
    }
}
