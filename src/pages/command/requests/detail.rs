//! `/command/requests/:id`: one support request: who asked, where, by when and until when;
//! its lines and how far each is filled; to commit, a line and then an officer or item of
//! any station of the region; the commitments with their steps and the officers'
//! acknowledgements; withdrawing it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::command::{Board, edit, fill};

use super::super::board::Chosen;
use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use super::super::said::{SaidLine, said};
use super::commitments::Commitments;
use super::lines::Lines;
use crate::components::fmt;
use crate::i18n::*;
use crate::words::command::Names;

/// The request page.
#[component]
pub fn RequestDetail() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let id = Memo::new(|_| data::id_param());
    let chosen: Chosen = RwSignal::new(None);
    let said = said();
    let board = Memo::new_with_compare(
        move |_| {
            let region = ctx.region.get()?;
            let (org, state, shifts) = (ctx.org.get(), ctx.state.get(), ctx.shifts.get());
            Some(Arc::new(Board::build(&state, &org, region.id, &shifts, liandong_core::time::now())))
        },
        |_, _| true,
    );
    let withdraw = move |_| {
        let (Some(region), Some(id)) = (ctx.region.get_untracked(), id.get_untracked()) else { return };
        let state = ctx.state.get_untracked();
        if let Err(e) = data::write(&region, |view, mark| edit::cancel_request(view, &state, id, mark)) {
            said.set(Some(Err(fmt::write_failure(i18n, &e))));
        }
    };
    move || {
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let Some(r) = id.get().and_then(|id| state.request(id).cloned()) else {
            return ctx.loaded.get().then(|| view! { <p class="empty">{t!(i18n, cmd_request_missing)}</p> }).into_any();
        };
        let names = Namer { org: &org, state: &state, locale: i18n.get_locale() };
        let open = fill::is_open(&state, &r);
        let writable = ctx.writable.get() && r.cancelled.is_none();
        let short: Vec<_> = fill::unfilled(&state, &r);
        view! {
            {r.incident.map(|i| view! { <p><A href=format!("/command/incidents/{i}")>{t!(i18n, cmd_back_to_incident)}</A></p> })}
            <article class="card" data-testid="request">
                <h1>{names.request(r.id)}</h1>
                <p class="hint">
                    {fmt::fill(t_string!(i18n, cmd_request_times), &[
                        ("by", fmt::date_time(r.needed_by)),
                        ("until", fmt::date_time(r.until)),
                        ("officer", names.officer(r.raised.by)),
                    ])}
                </p>
                {r.cancelled.map(|_| view! { <p class="tag">{t!(i18n, cmd_withdrawn)}</p> })}
                {(!r.detail.is_empty()).then(|| view! { <p class="pre">{r.detail.clone()}</p> })}
                <Lines ctx=ctx request=r.id/>
                {(writable && open && !short.is_empty()).then(|| view! {
                    <div class="tags">
                        {short.into_iter().map(|l| {
                            let key = (r.id, l.item);
                            let text = fmt::fill(t_string!(i18n, cmd_line_short), &[("need", names.line(r.id, l.item)), ("missing", l.short().to_string())]);
                            view! {
                                <button type="button" class="tag pickable" data-testid="short-line"
                                    aria-pressed=move || (chosen.get() == Some(key)).to_string()
                                    on:click=move |_| chosen.update(|c| *c = if *c == Some(key) { None } else { Some(key) })>{text}</button>
                            }
                        }).collect_view()}
                    </div>
                })}
                <SaidLine said=said/>
                {(writable && open).then(|| view! {
                    <button type="button" class="button secondary" on:click=withdraw data-testid="withdraw">{t!(i18n, cmd_withdraw)}</button>
                })}
            </article>
            {move || chosen.get().is_some().then(|| view! {
                <super::super::board::stations::Stations ctx=ctx board=board chosen=chosen said=said/>
            })}
            <Commitments ctx=ctx request=r.id/>
        }.into_any()
    }
}
