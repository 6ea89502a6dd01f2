//! `/command/incidents/:id/print`: the dispatch order (调度令) of an incident, for the wall
//! and the car: the incident, for each request the station that asked, where to report, by
//! when and until when, who leads, and every officer, vehicle and item sent with their
//! station and step; the plan's steps and contacts; the region's commander, with a line to
//! sign.
//! Printed as it is on screen (the app's header and nav are hidden in print).

use leptos::prelude::*;
use liandong_core::model::Resource;

use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;
use crate::words::command::Names;

/// The dispatch order page.
#[component]
pub fn DispatchOrder() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let id = Memo::new(|_| data::id_param());
    move || {
        let locale = i18n.get_locale();
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let Some(i) = id.get().and_then(|id| state.incident(id).cloned()) else {
            return ctx
                .loaded
                .get()
                .then(|| view! { <p class="empty">{t!(i18n, cmd_incident_missing)}</p> })
                .into_any();
        };
        let names = Namer { org: &org, state: &state, locale };
        let plan = i.plan.and_then(|p| state.plans.iter().find(|x| x.id == p).cloned());
        let requests: Vec<_> = state.requests_of(i.id).filter(|r| r.cancelled.is_none()).cloned().collect();
        // The region's commander signs the order.
        let commanders: Vec<String> = org
            .officers
            .iter()
            .filter(|o| o.role == liandong_core::model::Role::Commander && o.region == Some(i.region))
            .map(|o| names.officer(o.id))
            .collect();
        view! {
            <div class="actions no-print">
                <a class="button plain" href=format!("/command/incidents/{}", i.id)>{t!(i18n, cmd_back)}</a>
                <button class="button" type="button" on:click=move |_| { let _ = window().print(); }>{t!(i18n, roster_print)}</button>
            </div>
            <article class="card dispatch-order" data-testid="dispatch-order">
                <h1>{t!(i18n, cmd_order_title)}</h1>
                <p><strong>{words::command::incident_kind(locale, i.kind)}</strong>" · "{i.place.clone()}" · "{fmt::date_time(i.at)}</p>
                <p>{i.summary.clone()}</p>
                {requests.into_iter().map(|r| {
                    let rows: Vec<_> = state.commitments_of(r.id).filter(|c| c.counts()).cloned().collect();
                    view! {
                        <section>
                            <h2>{fmt::fill(t_string!(i18n, cmd_order_report), &[("place", r.place.clone()), ("time", fmt::date_time(r.needed_by))])}</h2>
                            <p data-testid="order-request">{fmt::fill(t_string!(i18n, cmd_order_request), &[("station", names.station(r.station)), ("until", fmt::date_time(r.until))])}</p>
                            <table class="matrix">
                                <thead><tr><th>{t!(i18n, cmd_order_who)}</th><th>{t!(i18n, cmd_order_from)}</th><th>{t!(i18n, cmd_order_stage)}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|c| view! {
                                        <tr data-testid="order-row">
                                            <td>{names.resource(c.resource)}{(c.leads && matches!(c.resource, Resource::Officer(_))).then(|| view! { " "<strong>{t!(i18n, cmd_leads)}</strong> })}</td>
                                            <td>{names.station(c.station)}</td>
                                            <td>{words::command::stage(locale, c.stage())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }
                }).collect_view()}
                {plan.map(|p| view! {
                    <section>
                        <h2>{p.title.clone()}</h2>
                        <ol>{p.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                        <ul class="plain-list">{p.contacts.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    </section>
                })}
                {commanders.into_iter().map(|c| view! {
                    <p class="signature" data-testid="order-commander">{fmt::fill(t_string!(i18n, cmd_order_commander), &[("officer", c)])}</p>
                }).collect_view()}
                <p class="hint">{fmt::fill(t_string!(i18n, cmd_order_printed), &[("time", fmt::date_time(liandong_core::time::now()))])}</p>
            </article>
        }.into_any()
    }
}
