//! `/districts`: one station's districts and offices. Everyone of the region sees the
//! coverage board and the cards; the station head also adds districts and villages, opens
//! and edits offices, picks residents and runs the suggestions.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::districts::VillageInput;
use liandong_core::districts::edit::create_district;

use super::board::Board;
use super::data;
use super::district::DistrictCard;
use super::skills::SkillMatrix;
use super::suggest::Suggestions;
use crate::i18n::*;
use crate::pages::roster::data::stations;

/// Villages typed one per line as `name population` (e.g. `王家湾村 1200`).
pub fn parse_villages(text: &str) -> Vec<VillageInput> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.rsplit_once(char::is_whitespace) {
            Some((name, population)) => VillageInput { name: name.trim().into(), population: population.into() },
            None => VillageInput { name: line.into(), population: String::new() },
        })
        .collect()
}

/// The Districts page.
#[component]
pub fn Districts() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Memo::new(|_| stations());
    // `?station=code` (links from the region board) picks the station.
    let query = leptos_router::hooks::use_query_map();
    let chosen = RwSignal::new(query.with_untracked(|q| q.get("station")));
    let station = Memo::new(move |_| {
        choices.with(|all| match chosen.get() {
            Some(code) => all.iter().find(|s| s.code == code).cloned(),
            None => all.first().cloned(),
        })
    });
    let station_id = Memo::new(move |_| station.get().map(|s| s.id));
    let org = Memo::new_with_compare(|_| Arc::new(crate::data::org_with_rosters()), |_, _| true);
    let writable = Memo::new(move |_| station.get().is_some_and(|s| data::can_write(&s.code)));
    let district_ids = Memo::new(move |_| {
        let id = station.with(|s| s.as_ref().map(|s| s.id));
        org.with(|o| o.districts.iter().filter(|d| Some(d.station) == id).map(|d| d.id).collect::<Vec<_>>())
    });
    let outcome: data::Outcome = RwSignal::new(None);
    let merge = RwSignal::new(None::<data::Merge>);
    let new_name = RwSignal::new(String::new());
    let new_villages = RwSignal::new(String::new());

    view! {
        <div class="page-head">
            <h1>{t!(i18n, districts_title)}</h1>
            <select aria-label=move || t_string!(i18n, roster_station) on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                {move || choices.get().into_iter().map(|s| {
                    let code = s.code.clone();
                    view! { <option value=s.code selected=move || station.with(|c| c.as_ref().is_some_and(|c| c.code == code))>{s.name}</option> }
                }).collect_view()}
            </select>
        </div>
        {move || outcome.get().filter(|s| s.place == data::Place::Top).map(|s| view! {
            <p class=if s.ok { "banner" } else { "banner banner-error" } role=if s.ok { "status" } else { "alert" } data-testid="district-outcome">{s.text}</p>
        })}
        <Board org=org station=station_id/>
        {move || station.get().map(|s| {
            let ctx = data::Context { org, code: StoredValue::new(s.code.clone()), writable, outcome, place: data::Place::Top, merge };
            let station = s.id;
            let create = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let villages = parse_villages(&new_villages.get_untracked());
                if ctx.at(data::Place::NewDistrict).apply(i18n, |o| create_district(o, station, &new_name.get_untracked(), &villages)) {
                    new_name.set(String::new());
                    new_villages.set(String::new());
                }
            };
            // Only a new or removed district redraws the cards: a sync that changes a
            // record keeps open forms, the disclosure card and what the head is typing.
            let ids = district_ids.get();
            view! {
                {ids.is_empty().then(|| view! { <p class="empty">{t!(i18n, districts_empty)}</p> })}
                <div class="districts">
                    {ids.into_iter().map(|id| view! { <DistrictCard ctx=ctx district=id/> }).collect_view()}
                </div>
                <Show when=move || writable.get()>
                    <Suggestions ctx=ctx station=station/>
                    <section class="card">
                        <h2>{t!(i18n, district_new)}</h2>
                        <form class="form" on:submit=create data-testid="new-district">
                            <label>{t!(i18n, district_name)}<input type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/></label>
                            <label>{t!(i18n, district_villages)}<textarea rows="3" placeholder=move || t_string!(i18n, district_villages_placeholder) prop:value=move || new_villages.get() on:input=move |ev| new_villages.set(event_target_value(&ev))></textarea></label>
                            <button type="submit" class="button">{t!(i18n, district_create)}</button>
                        </form>
                        <super::said::Said ctx=ctx place=data::Place::NewDistrict/>
                    </section>
                </Show>
                <SkillMatrix ctx=ctx station=station/>
            }
        })}
    }
}
