//! The case series (串并案) part of a bulletin's page: the series it is in, and, at the
//! center station, linking it with other bulletins into a new series or adding it (with
//! others) to an existing one. After the write the router moves to the series, so the page
//! is never unloaded while the change is still being stored.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use liandong_core::RecordId;
use liandong_core::bulletins::draft;
use liandong_core::model::{Bulletin, Series};

use super::data;
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// Most candidates offered for linking (the newest active bulletins of the officer's scope).
const MAX_CANDIDATES: usize = 50;

/// The series this bulletin is in, and (at the center station) linking it.
#[component]
pub fn SeriesOf(bulletin: RecordId, center: bool) -> impl IntoView {
    let i18n = use_i18n();
    let containing =
        Memo::new(move |_| data::series().into_iter().filter(|s| s.bulletins.contains(&bulletin)).collect::<Vec<_>>());
    view! {
        <section class="card">
            <h2>{t!(i18n, b_series)}</h2>
            <ul>{move || containing.get().into_iter().map(|s| view! { <li><A href=format!("/series/{}", s.id)>{s.name}</A></li> }).collect_view()}</ul>
            {center.then(|| view! { <LinkForm bulletin=bulletin/> })}
        </section>
    }
}

/// The form: a new series (named) or an existing one, and the bulletins to link with this one.
#[component]
fn LinkForm(bulletin: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    // The existing series chosen, `None` for a new one.
    let target = RwSignal::new(None::<RecordId>);
    let picked = RwSignal::new(Vec::<RecordId>::new());
    let error = RwSignal::new(None::<String>);
    let joinable = Memo::new(move |_| {
        let mut all: Vec<Series> = data::series().into_iter().filter(|s| !s.bulletins.contains(&bulletin)).collect();
        liandong_core::sort::by_key(&mut all, |s| std::cmp::Reverse(s.at));
        all
    });
    let candidates = Memo::new(move |_| {
        let already: Vec<RecordId> = target
            .get()
            .and_then(|t| joinable.with(|j| j.iter().find(|s| s.id == t).map(|s| s.bulletins.clone())))
            .unwrap_or_default();
        super::list::listed(&Default::default())
            .into_iter()
            .map(|r| r.bulletin)
            .filter(|b| b.id != bulletin && !already.contains(&b.id))
            .take(MAX_CANDIDATES)
            .collect::<Vec<_>>()
    });
    let link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(doc), Some(me)) = (data::region_doc(), sync::officer_id()) else { return };
        let mut chosen = vec![bulletin];
        chosen.extend(picked.get_untracked());
        let result = match target
            .get_untracked()
            .and_then(|t| joinable.with_untracked(|j| j.iter().find(|s| s.id == t).cloned()))
        {
            Some(series) => crate::data::write(&doc, |w| draft::add_to_series(w, &series, &chosen).map(|_| series.id)),
            None => crate::data::write(&doc, |w| {
                draft::link_series(w, &name.get_untracked(), &chosen, me, Timestamp::now())
            }),
        };
        match result {
            Ok(id) => {
                error.set(None);
                navigate(&format!("/series/{id}"), Default::default());
            }
            Err(e) => error.set(Some(fmt::write_failure(i18n, &e))),
        }
    };
    view! {
        <form class="form" on:submit=link data-testid="series-form">
            <h3>{t!(i18n, b_series_link)}</h3>
            <Show when=move || joinable.with(|j| !j.is_empty())>
                <label>{t!(i18n, b_series_target)}
                    <select on:change=move |e| { target.set(event_target_value(&e).parse().ok()); picked.set(Vec::new()); }>
                        <option value="">{t!(i18n, b_series_target_new)}</option>
                        {move || joinable.get().into_iter().map(|s| view! { <option value=s.id.to_string()>{s.name}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <Show when=move || target.get().is_none()>
                <label>{t!(i18n, b_series_name)}<input name="series" prop:value=name on:input=move |e| name.set(event_target_value(&e))/></label>
            </Show>
            <CandidatePicks candidates picked/>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button class="button" type="submit">{move || if target.get().is_some() { t_string!(i18n, b_series_add) } else { t_string!(i18n, b_series_save) }}</button>
        </form>
    }
}

/// The bulletins offered for linking, each with its station and time, to tick.
#[component]
fn CandidatePicks(candidates: Memo<Vec<Bulletin>>, picked: RwSignal<Vec<RecordId>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="pick"><legend>{t!(i18n, b_series_pick)}</legend>
            <ul class="pick-list">
                {move || {
                    let list = candidates.get();
                    if list.is_empty() {
                        return view! { <li class="hint">{t!(i18n, b_series_no_candidates)}</li> }.into_any();
                    }
                    list.into_iter().map(|b| {
                        let id = b.id;
                        let station = sync::with_directory_org(|org| super::station_label(i18n, org, b.station));
                        view! {
                            <li data-testid="series-candidate">
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&id)) on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        picked.update(|p| { p.retain(|x| *x != id); if on { p.push(id); } });
                                    }/>
                                    <span>
                                        <span class="pick-title">{b.title}</span>
                                        <span class="hint">{station}" · "{fmt::date_time(b.posted_at)}</span>
                                    </span>
                                </label>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </fieldset>
    }
}
