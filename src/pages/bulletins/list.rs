//! `/bulletins`: the region's and county's bulletins with filters and search; urgent and
//! not yet acknowledged by me first; expired and cancelled ones behind a switch.

use std::sync::Arc;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::RecordId;
use liandong_core::bulletins::{Filter, Listed, list};
use liandong_core::model::{Acknowledgement, Bulletin, Urgency};

use super::{CATEGORIES, URGENCIES, category_name, code, data, parse, urgency_name};
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// Rows rendered at first; more on request (a region can hold thousands of bulletins).
pub const PAGE_ROWS: usize = 100;

/// What a list is made from, read from the documents once per change of them (reactive):
/// filtering and searching then work on these records and never decode the documents again.
#[derive(Default)]
pub struct Source {
    /// The signed-in officer.
    pub me: Option<RecordId>,
    /// Every live bulletin of the officer's documents.
    pub bulletins: Vec<Bulletin>,
    /// Every acknowledgement.
    pub acknowledgements: Vec<Acknowledgement>,
    /// Records that could not be read (written by a newer app version).
    pub unreadable: usize,
}

impl Source {
    /// Reads the officer's bulletins documents (tracks their versions).
    pub fn read() -> Self {
        let (bulletins, unreadable) = data::bulletins();
        Source {
            me: data::me(),
            bulletins: bulletins.into_iter().map(|(_, b)| b).collect(),
            acknowledgements: data::acknowledgements(),
            unreadable,
        }
    }

    /// The bulletins `filter` selects, in list order.
    pub fn rows(&self, filter: &Filter) -> Vec<Listed> {
        let Some(me) = self.me else { return Vec::new() };
        list(&self.bulletins, &self.acknowledgements, me, Timestamp::now(), filter)
    }
}

/// A memo of [`Source`]: re-read when a document changes, shared by the list's parts.
/// (Compared by nothing: each re-read counts as a change.)
pub fn source_memo() -> Memo<Arc<Source>> {
    Memo::new_with_compare(move |_| Arc::new(Source::read()), |_, _| true)
}

/// Every bulletin for the signed-in officer under `filter`, in list order (reactive).
pub fn listed(filter: &Filter) -> Vec<Listed> {
    Source::read().rows(filter)
}

/// The latest active bulletins, pressing ones first (for Home).
pub fn latest(n: usize) -> Vec<Listed> {
    listed(&Filter::default()).into_iter().take(n).collect()
}

/// One bulletin in a list, linking to its page.
#[component]
pub fn BulletinRow(row: Listed) -> impl IntoView {
    let i18n = use_i18n();
    let b = row.bulletin;
    let station = sync::with_directory_org(|org| super::station_label(i18n, org, b.station));
    let class = match b.urgency {
        Urgency::Urgent => "urgency urgent",
        Urgency::Important => "urgency important",
        Urgency::Routine => "urgency routine",
    };
    let urgency = b.urgency;
    let category = b.category;
    let unacked = !row.acknowledged && row.active;
    let inactive = (!row.active).then(|| if b.cancelled.is_some() { "cancelled" } else { "expired" });
    view! {
        <li class="bulletin" class:unacked=unacked data-testid="bulletin">
            <span class=class>{move || urgency_name(i18n, urgency)}</span>
            <A href=format!("/bulletins/{}", b.id) attr:class="bulletin-title">{b.title.clone()}</A>
            <span class="hint">
                {station}" · "{fmt::date_time(b.posted_at)}" · "{move || category_name(i18n, category)}
                {(b.version > 1).then(|| format!(" · v{}", b.version))}
                {unacked.then(|| view! { " · " <strong class="unacked-label">{t!(i18n, b_not_acked)}</strong> })}
                {inactive.map(|k| view! { " · " <span class="inactive-label">{move || if k == "cancelled" { t_string!(i18n, b_cancelled) } else { t_string!(i18n, b_expired) }}</span> })}
            </span>
        </li>
    }
}

/// The Bulletins page.
#[component]
pub fn Bulletins() -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(Filter::default());
    let shown = RwSignal::new(PAGE_ROWS);
    let source = source_memo();
    let rows = Memo::new(move |_| source.with(|src| filter.with(|f| src.rows(f))));
    let unreadable = Memo::new(move |_| source.with(|src| src.unreadable));
    // The filter offers the stations of the officer's region, center first (every station
    // of the county for the bureau, which has no region).
    let stations = move || {
        let region = data::claims().and_then(|c| c.region);
        sync::with_directory_org(|org| {
            let ids: Vec<RecordId> = match region.and_then(|code| org.regions.iter().find(|r| r.code == code)) {
                Some(r) => r.stations().collect(),
                None => org.stations.iter().map(|s| s.id).collect(),
            };
            ids.into_iter().map(|id| (id, super::station_label(i18n, org, id))).collect::<Vec<_>>()
        })
    };
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|flt| f(flt, value));
            shown.set(PAGE_ROWS);
        }
    };
    view! {
        <div class="page-head">
            <h1>{t!(i18n, bulletins_title)}</h1>
            <div class="row">
                <Show when=move || data::claims().is_some_and(|c| sync::with_directory_org(|org| c.at_center(org)))>
                    <A href="/bulletins/forwarded" attr:class="button plain">{t!(i18n, b_forwarded_list)}</A>
                </Show>
                <A href="/series" attr:class="button plain">{t!(i18n, b_series)}</A>
                <A href="/bulletins/new" attr:class="button">{t!(i18n, b_new)}</A>
            </div>
        </div>
        {move || (unreadable.get() > 0).then(|| view! {
            <p class="banner banner-warn" role="status">{fmt::fill(t_string!(i18n, b_newer_version), &[("count", unreadable.get().to_string())])}</p>
        })}
        <div class="filters card">
            <input type="search" class="search" placeholder=move || t_string!(i18n, b_search) aria-label=move || t_string!(i18n, b_search)
                on:input=set(|f, v| f.text = v)/>
            <div class="row">
                <select aria-label=move || t_string!(i18n, b_all_categories) on:change=set(|f, v| f.category = parse(&v))>
                    <option value="">{t!(i18n, b_all_categories)}</option>
                    {CATEGORIES.into_iter().map(|c| view! { <option value=code(&c)>{move || category_name(i18n, c)}</option> }).collect_view()}
                </select>
                <select aria-label=move || t_string!(i18n, b_all_urgencies) on:change=set(|f, v| f.urgency = parse(&v))>
                    <option value="">{t!(i18n, b_all_urgencies)}</option>
                    {URGENCIES.into_iter().map(|u| view! { <option value=code(&u)>{move || urgency_name(i18n, u)}</option> }).collect_view()}
                </select>
                <select aria-label=move || t_string!(i18n, b_all_stations) on:change=set(|f, v| f.station = v.parse().ok())>
                    <option value="">{t!(i18n, b_all_stations)}</option>
                    {move || stations().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="row">
                <label class="check"><input type="checkbox" on:change=move |ev| filter.update(|f| f.unacknowledged = event_target_checked(&ev))/>{t!(i18n, b_unacked_only)}</label>
                <label class="check"><input type="checkbox" on:change=move |ev| filter.update(|f| f.inactive = event_target_checked(&ev))/>{t!(i18n, b_show_inactive)}</label>
                <span class="hint" data-testid="count">{move || fmt::fill(t_string!(i18n, b_count), &[("count", rows.with(Vec::len).to_string())])}</span>
            </div>
        </div>
        <ul class="bulletin-list">
            {move || {
                let all = rows.get();
                if all.is_empty() {
                    view! { <li class="empty">{t!(i18n, bulletins_empty)}</li> }.into_any()
                } else {
                    all.into_iter().take(shown.get()).map(|row| view! { <BulletinRow row=row/> }).collect_view().into_any()
                }
            }}
        </ul>
        <Show when=move || rows.with(|r| r.len() > shown.get())>
            <button class="button secondary more" on:click=move |_| shown.update(|n| *n += PAGE_ROWS)>{t!(i18n, show_more)}</button>
        </Show>
    }
}
