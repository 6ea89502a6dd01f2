//! The command screens' own tabs: board, incidents, pool, plans, the coverage board
//! (`/region`) and the daily cooperation (`/cooperation`); the bureau also picks the region.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// The tabs, with `?region=` kept for the bureau.
#[component]
pub fn Tabs() -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let suffix = move || query.with(|q| q.get("region")).map(|r| format!("?region={r}")).unwrap_or_default();
    view! {
        <nav class="segmented tabs" aria-label=move || t_string!(i18n, cmd_tabs)>
            <A href=move || format!("/command{}", suffix()) exact=true>{t!(i18n, cmd_tab_board)}</A>
            <A href=move || format!("/command/incidents{}", suffix())>{t!(i18n, cmd_tab_incidents)}</A>
            <A href=move || format!("/command/pool{}", suffix())>{t!(i18n, cmd_tab_pool)}</A>
            <A href=move || format!("/command/plans{}", suffix())>{t!(i18n, cmd_tab_plans)}</A>
            <A href="/region">{t!(i18n, cmd_tab_coverage)}</A>
            <A href="/cooperation">{t!(i18n, cmd_tab_cooperation)}</A>
        </nav>
        <RegionPicker/>
    }
}

/// For the bureau (no region of its own): which region's command to show.
#[component]
fn RegionPicker() -> impl IntoView {
    let i18n = use_i18n();
    let own = Memo::new(|_| crate::data::claims().and_then(|c| c.region));
    let regions = Memo::new(|_| {
        crate::data::with_directory_org(|o| {
            o.regions.iter().map(|r| (r.code.clone(), r.name.clone())).collect::<Vec<_>>()
        })
    });
    let query = leptos_router::hooks::use_query_map();
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    move || {
        own.get().is_none().then(|| {
            let navigate = navigate.clone();
            let current = query.with(|q| q.get("region"));
            view! {
                <select aria-label=move || t_string!(i18n, cmd_region) data-testid="region-picker" on:change=move |ev| {
                    let path = location.pathname.get_untracked();
                    navigate(&format!("{path}?region={}", event_target_value(&ev)), Default::default());
                }>
                    {regions.get().into_iter().map(|(code, name)| {
                        let selected = current.as_deref() == Some(code.as_str());
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            }
        })
    }
}
