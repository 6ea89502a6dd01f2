//! The shifts already in the cell, each with "remove", and the question when a removal
//! would break a rule.

use leptos::prelude::*;
use liandong_core::roster::shift_types::day_of;

use super::cell::Cell;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The list and the removal question.
#[component]
pub fn CellShifts(cell: Cell) -> impl IntoView {
    let i18n = use_i18n();
    let Cell { officer, day, shifts, confirm_removal, .. } = cell;
    let here = Memo::new(move |_| {
        shifts.with(|(all, _)| {
            all.iter().filter(|s| s.officer == officer && day_of(s) == day).cloned().collect::<Vec<_>>()
        })
    });
    let items = move || {
        let locale = i18n.get_locale();
        here.get().into_iter().map(|s| {
            let id = s.id;
            let overrides = s.overrides.iter().map(|o| o.note.clone()).collect::<Vec<_>>().join(t_string!(i18n, reasons_separator));
            view! {
                <li data-testid="cell-shift">
                    {words::shift::label(locale, &s)}" "<span class="hint">{fmt::date_time(s.start)}" – "{fmt::date_time(s.end)}</span>
                    {(!overrides.is_empty()).then(|| view! { " " <span class="overridden-label">{t!(i18n, roster_overridden)}{t!(i18n, label_colon)}{overrides.clone()}</span> })}
                    " "<button class="button plain small" on:click=move |_| cell.remove(i18n, id, false)>{t!(i18n, roster_remove)}</button>
                </li>
            }
        }).collect_view()
    };
    view! {
        <ul class="plain-list">{items}</ul>
        {move || confirm_removal.get().map(|(id, reasons)| view! {
            <div class="banner banner-warn" role="alert">
                <p>{t!(i18n, roster_removal_causes)}" "{reasons.join(t_string!(i18n, reasons_separator))}</p>
                <button class="button" on:click=move |_| cell.remove(i18n, id, true)>{t!(i18n, roster_remove_anyway)}</button>
            </div>
        })}
    }
}
