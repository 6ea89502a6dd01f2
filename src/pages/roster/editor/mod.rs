//! Planning one cell (an officer on a day): the shifts already there, with removal
//! ([`shifts`]), and a form for a new shift ([`form`]). The rules run before anything is
//! saved ([`cell`]): bad input (overlaps, an officer of another station) is refused with
//! its reason; a blocking rule stops the save with its reason, and the station head may
//! override it with a note, which is kept on the shift and shown; warnings are saved and
//! shown.

mod cell;
mod form;
mod shifts;

use std::sync::Arc;

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::model::Shift;
use liandong_core::org::Organisation;
use liandong_core::roster::RosterConfig;

use super::data::StationChoice;
use crate::i18n::*;
use crate::words;
use cell::Cell;
use form::NewShiftForm;
use shifts::CellShifts;

/// The editor of one cell.
#[component]
pub fn CellEditor(
    station: StationChoice,
    officer: RecordId,
    day: Date,
    shifts: Memo<(Vec<Shift>, usize)>,
    org: Memo<Arc<Organisation>>,
    config: Memo<RosterConfig>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cell = Cell {
        station: station.id,
        code: StoredValue::new(station.code.clone()),
        officer,
        day,
        shifts,
        org,
        config,
        blocked: RwSignal::new(Vec::new()),
        outcome: RwSignal::new(None),
        confirm_removal: RwSignal::new(None),
        pending: StoredValue::new(None),
    };
    // A memo: the banner stays (and keeps the typed note) while its violations change.
    let is_blocked = Memo::new(move |_| !cell.blocked.with(Vec::is_empty));
    let name = Memo::new(move |_| {
        org.with(|o| o.officers.iter().find(|x| x.id == officer).map(|x| x.name.clone()).unwrap_or_default())
    });
    view! {
        <section class="card editor no-print" data-testid="cell-editor">
            <div class="page-head">
                <h2>{move || name.get()}" · "{liandong_core::time::text::md(day)}" "</h2>
                <button class="button plain" on:click=move |_| on_close.run(())>{t!(i18n, roster_close)}</button>
            </div>
            <CellShifts cell/>
            <NewShiftForm cell/>
            {move || is_blocked.get().then(|| view! { <Blocked cell/> })}
            {move || cell.outcome.get().map(|(ok, text)| view! {
                <p class=if ok { "hint ok" } else { "field-error" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
        </section>
    }
}

/// The blocking violations of the shift submitted; the station head may override them with
/// a note.
#[component]
fn Blocked(cell: Cell) -> impl IntoView {
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let reasons = move || {
        let locale = i18n.get_locale();
        cell.blocked.with(|b| b.iter().map(|v| view! { <li>{words::roster::violation(locale, v)}</li> }).collect_view())
    };
    view! {
        <div class="banner banner-error" role="alert" data-testid="blocked">
            <strong>{t!(i18n, roster_blocked)}</strong>
            <ul>{reasons}</ul>
            {cell.me_head().is_some().then(|| view! {
                <label>{t!(i18n, roster_override_note)}<input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></label>
                <button class="button" on:click=move |_| cell.approve(i18n, &note.get_untracked())>{t!(i18n, roster_override)}</button>
            })}
        </div>
    }
}
