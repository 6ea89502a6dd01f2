//! The roster grid: officers in rows, the shown days in columns, each cell the shifts of
//! that officer that day as short codes; the station head taps a cell to plan it.

use std::collections::HashMap;

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::model::Shift;
use liandong_core::roster::shift_types::day_of;

use super::super::{data, kind_class, short};
use super::state::RosterState;
use crate::i18n::*;
use crate::words;

/// The grid, with the selected cell outlined.
#[component]
pub fn Grid(state: RosterState) -> impl IntoView {
    let i18n = use_i18n();
    let RosterState { selected, month, days, .. } = state;
    let today = data::today();
    view! {
        // The selected cell's outline: one style rule, not one effect per cell.
        <style>{move || selected.get().map(|(id, d)| format!(
            "table.roster tr[data-id=\"{id}\"] td[data-day=\"{d}\"] {{ outline: 2px solid var(--blue); outline-offset: -2px; }}"
        ))}</style>
        <div class="roster-scroll">
            <table class="roster" class:month=move || month.get() data-testid="roster-grid">
                <thead>
                    <tr>
                        <th class="who">{t!(i18n, roster_officer)}</th>
                        {move || days.get().into_iter().map(|d| {
                            let weekend = d.weekday().to_monday_one_offset() > 5;
                            view! {
                                <th class:today=d == today class:weekend=weekend>
                                    <span class="dow">{weekday(i18n, d)}</span><span class="dom">{d.day()}</span>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{move || rows(i18n, state)}</tbody>
            </table>
        </div>
    }
}

/// The rows: plain values per cell, not a reactive effect each (the month view has up to
/// 31 × officers cells, see bench/app/roster-bench.mjs); each shift's cell found once, not
/// by a scan of the roster per cell.
fn rows(i18n: leptos_i18n::I18nContext<Locale>, state: RosterState) -> impl IntoView {
    let locale = i18n.get_locale();
    let today = data::today();
    let mut by_cell: HashMap<(RecordId, Date), Vec<Shift>> = HashMap::new();
    state.shifts.with(|(all, _)| {
        for s in all {
            by_cell.entry((s.officer, day_of(s))).or_default().push(s.clone());
        }
    });
    // Joint patrols and trainings of the region: shown in the officer's cell, not editable here.
    state.joint.with(|joint| {
        for s in joint {
            by_cell.entry((s.officer, day_of(s))).or_default().push(s.clone());
        }
    });
    let editable = state.writable.get();
    let days = state.days.get();
    state
        .officers
        .get()
        .into_iter()
        .map(|o| {
            let id = o.id;
            let cells = days
                .iter()
                .map(|&d| {
                    let mine = by_cell.remove(&(id, d)).unwrap_or_default();
                    let title = mine
                        .iter()
                        .map(|s| words::shift::label(locale, s))
                        .collect::<Vec<_>>()
                        .join(t_string!(i18n, list_separator));
                    view! {
                        <td class:today=d == today data-day=d.to_string() title=title>
                            <button class="cell" disabled=!editable on:click=move |_| state.selected.set(Some((id, d)))
                                aria-label=format!("{} {}", o.name, d)>
                                {mine.iter().map(|s| view! { <span class=kind_class(s.kind) class:overridden=!s.overrides.is_empty()>{short(s, i18n)}</span> }).collect_view()}
                            </button>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-officer=o.name.clone() data-id=id.to_string()>
                    <th class="who">{o.name.clone()}<span class="hint">{o.badge_number.clone()}</span></th>
                    {cells}
                </tr>
            }
        })
        .collect_view()
}

/// The day of the week, short (locale keys `weekday_short_*`).
fn weekday(i18n: leptos_i18n::I18nContext<Locale>, d: Date) -> &'static str {
    use jiff::civil::Weekday;
    match d.weekday() {
        Weekday::Monday => t_string!(i18n, weekday_short_mon),
        Weekday::Tuesday => t_string!(i18n, weekday_short_tue),
        Weekday::Wednesday => t_string!(i18n, weekday_short_wed),
        Weekday::Thursday => t_string!(i18n, weekday_short_thu),
        Weekday::Friday => t_string!(i18n, weekday_short_fri),
        Weekday::Saturday => t_string!(i18n, weekday_short_sat),
        Weekday::Sunday => t_string!(i18n, weekday_short_sun),
    }
}
