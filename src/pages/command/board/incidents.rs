//! The board's open incidents, newest first, each a link to its page.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::command::Board;

use super::super::context::Ctx;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// Open incidents.
#[component]
pub fn OpenIncidents(ctx: Ctx, board: Memo<Option<Arc<Board>>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-testid="open-incidents">
            <h2>{t!(i18n, cmd_open_incidents)}</h2>
            {move || {
                let locale = i18n.get_locale();
                let state = ctx.state.get();
                // Nothing until storage is read (not "no open incidents").
                let Some(ids) = board.get().map(|b| b.open_incidents.clone()) else { return ().into_any() };
                if ids.is_empty() {
                    return view! { <p class="empty">{t!(i18n, cmd_no_open_incidents)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {ids.into_iter().filter_map(|id| state.incident(id).cloned()).map(|i| view! {
                            <li class="finding" data-testid="incident-row">
                                <a href=format!("/command/incidents/{}", i.id)>{words::command::incident_kind(locale, i.kind)}" · "{i.place.clone()}</a>
                                " "<span class="hint">{fmt::date_time(i.at)}</span>
                                {i.operation.clone().map(|op| view! { " "<span class="tag">{op}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
