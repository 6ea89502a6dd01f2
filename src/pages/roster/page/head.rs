//! The top of the roster page: the station chosen, the period shown with its arrows and
//! "today", week or month.

use leptos::prelude::*;

use super::super::data;
use super::state::RosterState;
use crate::i18n::*;

/// The heading with the station select.
#[component]
pub fn Head(state: RosterState) -> impl IntoView {
    let i18n = use_i18n();
    let RosterState { stations, station, chosen, selected, .. } = state;
    view! {
        <div class="page-head no-print">
            <h1>{t!(i18n, roster_title)}</h1>
            <select aria-label=move || t_string!(i18n, roster_station) on:change=move |ev| {
                chosen.set(Some(event_target_value(&ev)));
                selected.set(None);
            }>
                {move || stations.get().into_iter().map(|s| {
                    let code = s.code.clone();
                    view! { <option value=s.code selected=move || station.with(|c| c.as_ref().is_some_and(|c| c.code == code))>{s.name}</option> }
                }).collect_view()}
            </select>
        </div>
        <h2 class="print-only">{move || station.get().map(|s| s.name)}" "{t!(i18n, roster_title)}</h2>
    }
}

/// The period's arrows, "today", the dates shown, week or month.
#[component]
pub fn Toolbar(state: RosterState) -> impl IntoView {
    let i18n = use_i18n();
    let RosterState { anchor, selected, days, month, .. } = state;
    let period = move || {
        days.with(|d| match (d.first(), d.last()) {
            (Some(a), Some(b)) => {
                format!("{} – {}", liandong_core::time::text::ymd(*a), liandong_core::time::text::md(*b))
            }
            _ => String::new(),
        })
    };
    view! {
        <div class="toolbar no-print">
            <button class="button plain" on:click=move |_| state.step(false) aria-label=move || t_string!(i18n, roster_previous)>"‹"</button>
            <button class="button plain" on:click=move |_| { anchor.set(data::today()); selected.set(None); }>{t!(i18n, roster_today)}</button>
            <button class="button plain" on:click=move |_| state.step(true) aria-label=move || t_string!(i18n, roster_next)>"›"</button>
            <span class="period" data-testid="period">{period}</span>
            <div class="segmented" role="radiogroup">
                <button role="radio" aria-checked=move || (!month.get()).to_string() on:click=move |_| month.set(false)>{t!(i18n, roster_week)}</button>
                <button role="radio" aria-checked=move || month.get().to_string() on:click=move |_| month.set(true)>{t!(i18n, roster_month)}</button>
            </div>
        </div>
    }
}
