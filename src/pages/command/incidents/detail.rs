//! `/command/incidents/:id`: one incident: what, where, when, who opened it; its requests
//! with how far each is filled; a contingency plan to activate; its timeline; closing with
//! a result; the dispatch order to print; editing while it is open, and who edited it last.

use leptos::prelude::*;
use leptos_router::components::A;

use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use super::super::requests::lines::Lines;
use super::close::Close;
use super::operation::OtherParts;
use super::plan::Activate;
use super::timeline::Timeline;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;
use crate::words::command::Names;
use leptos_i18n::I18nContext;

/// The incident page.
#[component]
pub fn IncidentDetail() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let id = Memo::new(|_| data::id_param());
    let incident = Memo::new(move |_| id.get().and_then(|id| ctx.state.with(|s| s.incident(id).cloned())));
    move || {
        let Some(i) = incident.get() else {
            return ctx
                .loaded
                .get()
                .then(|| view! { <p class="empty" data-testid="incident-missing">{t!(i18n, cmd_incident_missing)}</p> })
                .into_any();
        };
        let locale = i18n.get_locale();
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let names = Namer { org: &org, state: &state, locale };
        // A kind of a newer version: shown, but read-only here.
        let open = i.closed.is_none() && i.kind != liandong_core::model::IncidentKind::Unknown;
        let requests: Vec<_> = state.requests_of(i.id).cloned().collect();
        let where_ = [i.station.map(|s| names.station(s)), i.village.clone(), Some(i.place.clone())]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <p><A href="/command/incidents">{t!(i18n, cmd_back_to_incidents)}</A></p>
            <article class="card" data-testid="incident">
                <h1>{words::command::incident_kind(locale, i.kind)}" · "{i.place.clone()}</h1>
                <div class="tags">
                    {if open { view! { <span class="tag warn">{t!(i18n, cmd_open)}</span> }.into_any() } else { view! { <span class="tag">{t!(i18n, cmd_closed)}</span> }.into_any() }}
                    {i.operation.clone().map(|op| view! { <span class="tag" data-testid="operation">{op}</span> })}
                    {(i.urgency == liandong_core::model::Urgency::Urgent).then(|| view! { <span class="urgency urgent">{t!(i18n, urg_urgent)}</span> })}
                </div>
                <p>{i.summary.clone()}</p>
                <p class="hint">{where_}" · "{fmt::date_time(i.at)}" · "{fill_opened(i18n, &names.officer(i.opened.by))}</p>
                {i.edited.map(|m| view! {
                    <p class="hint" data-testid="incident-edited">{fmt::fill(t_string!(i18n, cmd_edited_by), &[("officer", names.officer(m.by)), ("time", fmt::date_time(m.at))])}</p>
                })}
                {i.closed.clone().map(|c| view! { <p class="ok" data-testid="incident-result">{t!(i18n, cmd_result)}{t!(i18n, label_colon)}{c.result}</p> })}
                <div class="actions">
                    <a class="button plain" href=format!("/command/incidents/{}/print", i.id) data-testid="print-order">{t!(i18n, cmd_print_order)}</a>
                    {(open && ctx.writable.get()).then(|| view! {
                        <a class="button" href=format!("/command/requests/new?incident={}", i.id) data-testid="new-request">{t!(i18n, cmd_new_request)}</a>
                        <a class="button plain" href=format!("/command/incidents/{}/edit", i.id) data-testid="edit-incident">{t!(i18n, cmd_edit_incident)}</a>
                    })}
                </div>
            </article>
            {(open && ctx.writable.get()).then(|| view! { <Activate ctx=ctx incident=i.clone()/> })}
            <section class="card">
                <h2>{t!(i18n, cmd_requests)}</h2>
                {if requests.is_empty() { Some(view! { <p class="empty">{t!(i18n, cmd_no_requests)}</p> }) } else { None }}
                {requests.into_iter().map(|r| view! {
                    <div class="office" data-testid="incident-request">
                        <a href=format!("/command/requests/{}", r.id)>{names.request(r.id)}</a>
                        {r.cancelled.map(|_| view! { " "<span class="tag">{t!(i18n, cmd_withdrawn)}</span> })}
                        <Lines ctx=ctx request=r.id/>
                    </div>
                }).collect_view()}
            </section>
            {i.operation.clone().zip(ctx.region.get()).map(|(op, r)| view! { <OtherParts operation=op incident=i.id region=r.code/> })}
            <Timeline ctx=ctx incident=i.id open=open/>
            {(open && ctx.writable.get()).then(|| view! { <Close ctx=ctx incident=i.id/> })}
        }.into_any()
    }
}

fn fill_opened(i18n: I18nContext<Locale>, who: &str) -> String {
    fmt::fill(t_string!(i18n, cmd_opened_by), &[("officer", who.to_owned())])
}
