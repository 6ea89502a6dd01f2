//! `/series`: the case series (串并案) of the officer's region, newest first; `/series/{id}`:
//! one series, its bulletins on a timeline, one lane per station.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use liandong_core::RecordId;

use super::data;
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// The series page.
#[component]
pub fn SeriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    move || {
        let id: Option<RecordId> = params.with(|p| p.get("id").and_then(|v| v.parse().ok()));
        let Some(series) = id.and_then(|id| data::series().into_iter().find(|s| s.id == id)) else {
            return view! { <p class="empty">{t!(i18n, b_not_found)}</p> }.into_any();
        };
        let org = crate::data::directory_org();
        let mut items: Vec<_> = series.bulletins.iter().filter_map(|id| data::find(*id)).map(|(_, b)| b).collect();
        liandong_core::sort::by_key(&mut items, |b| b.posted_at);
        let mut lanes: Vec<(String, Vec<liandong_core::model::Bulletin>)> = Vec::new();
        for b in items {
            let name = super::station_label(i18n, &org, b.station);
            match lanes.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(b),
                None => lanes.push((name, vec![b])),
            }
        }
        view! {
            <p><A href="/bulletins">{t!(i18n, b_back)}</A></p>
            <h1>{series.name.clone()}</h1>
            <p class="hint">{t!(i18n, b_series_timeline)}</p>
            <div class="timeline" data-testid="timeline">
                {lanes.into_iter().map(|(station, list)| view! {
                    <section class="lane card">
                        <h2>{station}</h2>
                        <ol>{list.into_iter().map(|b| view! {
                            <li><time>{fmt::date_time(b.posted_at)}</time>" "<A href=format!("/bulletins/{}", b.id)>{b.title}</A></li>
                        }).collect_view()}</ol>
                    </section>
                }).collect_view()}
            </div>
        }
        .into_any()
    }
}

/// The list of series.
#[component]
pub fn SeriesList() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        let mut all = data::series();
        liandong_core::sort::by_key(&mut all, |s| std::cmp::Reverse(s.at));
        all
    });
    view! {
        <p><A href="/bulletins">{t!(i18n, b_back)}</A></p>
        <h1>{t!(i18n, b_series)}</h1>
        <p class="hint">{t!(i18n, b_series_list_hint)}</p>
        <ul class="bulletin-list">
            {move || {
                let all = rows.get();
                if all.is_empty() {
                    return view! { <li class="empty">{t!(i18n, b_series_none)}</li> }.into_any();
                }
                all.into_iter().map(|s| {
                    let count = s.bulletins.len();
                    let stations = sync::with_directory_org(|org| {
                        let mut names: Vec<String> = Vec::new();
                        for b in s.bulletins.iter().filter_map(|id| data::find(*id)).map(|(_, b)| b) {
                            let name = super::station_label(i18n, org, b.station);
                            if !name.is_empty() && !names.contains(&name) {
                                names.push(name);
                            }
                        }
                        names.join(t_string!(i18n, b_list_separator))
                    });
                    view! {
                        <li class="bulletin" data-testid="series-row">
                            <A href=format!("/series/{}", s.id) attr:class="bulletin-title">{s.name.clone()}</A>
                            <span class="hint">
                                {move || fmt::fill(t_string!(i18n, b_series_count), &[("count", count.to_string())])}
                                " · "{stations}" · "{fmt::date_time(s.at)}
                            </span>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}
