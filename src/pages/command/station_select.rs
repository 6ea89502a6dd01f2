//! Choosing one of the region's stations in a form (by code), center first.

use leptos::prelude::*;

use super::context::Ctx;
use crate::i18n::*;

/// The region's stations as `(code, name)`, center first; reactive.
pub fn choices(ctx: Ctx) -> Vec<(String, String)> {
    let Some(region) = ctx.region.get() else { return Vec::new() };
    crate::data::with_directory_org(|o| {
        region
            .stations()
            .filter_map(|id| o.stations.iter().find(|s| s.id == id))
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect()
    })
}

/// A `<select>` of the region's stations writing the chosen code into `value` (which starts
/// as the officer's own station, or empty for the first).
#[component]
pub fn StationSelect(
    ctx: Ctx,
    value: RwSignal<String>,
    #[prop(optional)] disabled: bool,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let stations = Memo::new(move |_| choices(ctx));
    // Until the officer picks, the first station is the one a save uses.
    Effect::new(move |_| {
        let list = stations.get();
        if value.with_untracked(String::is_empty)
            && let Some((code, _)) = list.first()
        {
            value.set(code.clone());
        }
    });
    view! {
        <select data-testid=testid disabled=disabled aria-label=move || t_string!(i18n, cmd_field_station) on:change=move |ev| value.set(event_target_value(&ev))>
            {move || stations.get().into_iter().map(|(code, name)| {
                let selected = value.get_untracked() == code;
                view! { <option value=code selected=selected>{name}</option> }
            }).collect_view()}
        </select>
    }
}
