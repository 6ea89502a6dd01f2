//! The board's requests still short: each line with what is missing; tapping a line
//! chooses it, and the station cards then offer who and what answers it.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::command::Board;

use super::super::context::Ctx;
use super::super::names::Namer;
use super::Chosen;
use crate::i18n::*;
use crate::words::command::Names;

/// Requests still short.
#[component]
pub fn Unfilled(ctx: Ctx, board: Memo<Option<Arc<Board>>>, chosen: Chosen) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-testid="unfilled">
            <h2>{t!(i18n, cmd_unfilled)}</h2>
            {move || {
                let locale = i18n.get_locale();
                let (org, state) = (ctx.org.get(), ctx.state.get());
                let names = Namer { org: &org, state: &state, locale };
                let Some(rows) = board.get().map(|b| b.unfilled.clone()) else { return ().into_any() };
                if rows.is_empty() {
                    return view! { <p class="empty">{t!(i18n, cmd_all_filled)}</p> }.into_any();
                }
                // Nothing is committed from the snapshot's board: storage is read first.
                let writable = ctx.writable.get() && ctx.loaded.get();
                view! {
                    <ul class="plain-list">
                        {rows.into_iter().map(|(request, lines)| {
                            let label = names.request(request);
                            view! {
                                <li class="finding" data-testid="unfilled-request">
                                    <a href=format!("/command/requests/{request}")>{label}</a>
                                    <div class="tags">
                                        {lines.into_iter().map(|l| {
                                            let text = crate::components::fmt::fill(t_string!(i18n, cmd_line_short), &[
                                                ("need", names.line(request, l.item)),
                                                ("missing", l.short().to_string()),
                                            ]);
                                            let key = (request, l.item);
                                            view! {
                                                <button type="button" class="tag pickable" data-testid="short-line"
                                                    disabled=!writable
                                                    aria-pressed=move || (chosen.get() == Some(key)).to_string()
                                                    on:click=move |_| chosen.update(|c| *c = if *c == Some(key) { None } else { Some(key) })>
                                                    {text}
                                                </button>
                                            }
                                        }).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || (writable && chosen.get().is_none()).then(|| view! { <p class="hint">{t!(i18n, cmd_tap_line)}</p> })}
                }.into_any()
            }}
        </section>
    }
}
