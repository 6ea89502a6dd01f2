//! Form fields the workbook's sections share: a choice among the station's villages or
//! officers, and the officers of a patrol or a rapid response.

use leptos::prelude::*;
use liandong_core::RecordId;

use super::data::Named;
use crate::i18n::*;

/// A `<select>` of `list` (valued by id) with 无 first; `value` holds the chosen id's text.
#[component]
pub fn Choice(list: Signal<Named>, value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select bind:value=value>
            <option value="">{t!(i18n, wb_none)}</option>
            {move || list.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
        </select>
    }
}

/// The officers of a patrol or a rapid response: a checkbox per officer of the station.
#[component]
pub fn Crew(names: Memo<(Named, Named)>, crew: RwSignal<Vec<RecordId>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="wb-crew">
            <legend>{t!(i18n, wb_field_officers)}</legend>
            {move || names.get().1.into_iter().map(|(id, name)| view! {
                <label class="check">
                    <input type="checkbox" checked=move || crew.with(|c| c.contains(&id))
                        on:change=move |ev| crew.update(|c| if event_target_checked(&ev) { c.push(id) } else { c.retain(|x| *x != id) })/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
