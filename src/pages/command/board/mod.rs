//! `/command`: the commander's board, phone-sized first. For each station of the region now:
//! officers on duty, on loan in and out, vehicles and equipment available; for the region:
//! the findings, open incidents and requests still short. Tapping a short line of a
//! request, then an officer or item on a station's card, commits it.

mod incidents;
pub mod stations;
mod unfilled;

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::Board;

use super::context::Ctx;
use super::findings::Findings;
use super::said::{SaidLine, said};
use super::tabs::Tabs;
use crate::i18n::*;

/// The line chosen to commit to: (request, line).
pub type Chosen = RwSignal<Option<(RecordId, u32)>>;

/// The board page.
#[component]
pub fn CommandBoard() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::with_snapshot();
    let board = Memo::new_with_compare(
        move |previous: Option<&Option<Arc<Board>>>| {
            // Until storage is read, the snapshot's board or nothing (not an empty board); a
            // document opened later keeps the board shown while it loads.
            if !ctx.loaded.get() && !ctx.early.get() {
                return previous.cloned().flatten();
            }
            let region = ctx.region.get()?;
            let (org, state, shifts) = (ctx.org.get(), ctx.state.get(), ctx.shifts.get());
            Some(Arc::new(Board::build(&state, &org, region.id, &shifts, liandong_core::time::now())))
        },
        |_, _| true,
    );
    let chosen: Chosen = RwSignal::new(None);
    let said = said();
    view! {
        <Tabs/>
        <div class="page-head">
            <h1>{move || ctx.region.get().map(|r| r.name).unwrap_or_else(|| t_string!(i18n, cmd_title).to_owned())}</h1>
            {move || ctx.writable.get().then(|| view! {
                <a class="button" href="/command/incidents/new" data-testid="new-incident">{t!(i18n, cmd_new_incident)}</a>
            })}
        </div>
        {move || (ctx.loaded.get() && ctx.region.get().is_none()).then(|| view! { <p class="empty">{t!(i18n, cmd_no_region)}</p> })}
        {move || ctx.early.get().then(|| view! { <p class="hint" data-testid="board-early">{t!(i18n, cmd_board_early)}</p> })}
        <Findings ctx=ctx board=board/>
        <incidents::OpenIncidents ctx=ctx board=board/>
        <unfilled::Unfilled ctx=ctx board=board chosen=chosen/>
        <SaidLine said=said/>
        <stations::Stations ctx=ctx board=board chosen=chosen said=said/>
    }
}
