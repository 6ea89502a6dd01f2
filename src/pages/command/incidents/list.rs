//! `/command/incidents`: the region's incidents, open ones first, newest first.

use leptos::prelude::*;

use super::super::context::Ctx;
use super::super::tabs::Tabs;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The list page.
#[component]
pub fn IncidentList() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    view! {
        <Tabs/>
        <div class="page-head">
            <h1>{t!(i18n, cmd_tab_incidents)}</h1>
            {move || ctx.writable.get().then(|| view! {
                <a class="button" href="/command/incidents/new" data-testid="new-incident">{t!(i18n, cmd_new_incident)}</a>
            })}
        </div>
        <section class="card">
            {move || {
                let locale = i18n.get_locale();
                let state = ctx.state.get();
                let mut list: Vec<_> = state.incidents.iter().rev().collect();
                liandong_core::sort::by_key(&mut list, |i| i.closed.is_some());
                if list.is_empty() {
                    return view! { <p class="empty">{t!(i18n, cmd_no_incidents)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|i| view! {
                            <li class="finding" data-testid="incident-row">
                                <a href=format!("/command/incidents/{}", i.id)>{words::command::incident_kind(locale, i.kind)}" · "{i.place.clone()}</a>
                                " "<span class="hint">{fmt::date_time(i.at)}</span>
                                {i.operation.clone().map(|op| view! { " "<span class="tag">{op}</span> })}
                                {(i.urgency == liandong_core::model::Urgency::Urgent && i.closed.is_none()).then(|| view! { " "<span class="urgency urgent">{t!(i18n, urg_urgent)}</span> })}
                                " "{if i.closed.is_some() {
                                    view! { <span class="tag">{t!(i18n, cmd_closed)}</span> }.into_any()
                                } else {
                                    view! { <span class="tag warn">{t!(i18n, cmd_open)}</span> }.into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
