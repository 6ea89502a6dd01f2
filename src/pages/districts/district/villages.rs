//! A district's villages as the station head edits them: adding a village, and splitting
//! chosen villages off into a new district.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::VillageInput;
use liandong_core::districts::edit::{add_villages, split_district};

use super::super::data::{self, Place};
use super::super::merge::MergeControl;
use super::super::said::Said;
use crate::i18n::*;

/// What the officer has typed and chosen in a card's village edits. Created by the card
/// outside its re-rendering view, so a sync that redraws the card keeps it.
#[derive(Clone, Copy)]
pub struct VillageDraft {
    /// The new village's name as typed.
    pub name: RwSignal<String>,
    /// Its people as typed.
    pub people: RwSignal<String>,
    /// A split being prepared: the new district's name and the villages it takes.
    pub splitting: RwSignal<Option<(String, Vec<RecordId>)>>,
}

impl VillageDraft {
    /// Nothing typed, no split open.
    pub fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            people: RwSignal::new(String::new()),
            splitting: RwSignal::new(None),
        }
    }
}

/// Adding a village (name, people), merging with another district and splitting: what a
/// station head sees under the villages.
#[component]
pub fn VillageEdits(
    ctx: data::Context,
    district: RecordId,
    villages: Vec<(RecordId, String)>,
    draft: VillageDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let VillageDraft { name, people, splitting } = draft;
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = VillageInput { name: name.get_untracked(), population: people.get_untracked() };
        if ctx.at(Place::Villages(district)).apply(i18n, |o| add_villages(o, district, &[input])) {
            name.set(String::new());
            people.set(String::new());
        }
    };
    view! {
        <form class="form row" on:submit=add>
            <label>{t!(i18n, village_name)}<input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label>{t!(i18n, village_population)}<input type="text" inputmode="numeric" prop:value=move || people.get() on:input=move |ev| people.set(event_target_value(&ev))/></label>
            <button type="submit" class="button plain">{t!(i18n, village_add)}</button>
        </form>
        <Said ctx=ctx place=Place::Villages(district)/>
        <div class="row">
            <MergeControl ctx=ctx kept=district/>
            <button class="button plain small" on:click=move |_| splitting.set(Some((String::new(), Vec::new())))>{t!(i18n, district_split)}</button>
        </div>
        {move || splitting.get().is_some().then(|| view! { <SplitForm ctx district villages=villages.clone() splitting/> })}
        <Said ctx=ctx place=Place::Card(district)/>
    }
}

/// The villages to split off and the new district's name; closes once written.
#[component]
fn SplitForm(
    ctx: data::Context,
    district: RecordId,
    villages: Vec<(RecordId, String)>,
    splitting: RwSignal<Option<(String, Vec<RecordId>)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let split = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, villages)) = splitting.get_untracked() else { return };
        if ctx.at(Place::Card(district)).apply(i18n, |o| split_district(o, district, &villages, &name)) {
            splitting.set(None);
        }
    };
    let pick = move |id: RecordId, on: bool| {
        splitting.update(|s| {
            if let Some((_, v)) = s {
                v.retain(|x| *x != id);
                if on {
                    v.push(id);
                }
            }
        })
    };
    view! {
        <form class="form" on:submit=split data-testid="split-form">
            <fieldset class="officer-picks">
                <legend>{t!(i18n, district_split_villages)}</legend>
                {villages.into_iter().map(|(id, name)| view! {
                    <label class="check"><input type="checkbox" on:change=move |ev| pick(id, event_target_checked(&ev))/>{name}</label>
                }).collect_view()}
            </fieldset>
            <label>{t!(i18n, district_name)}<input type="text" on:input=move |ev| splitting.update(|s| if let Some((n, _)) = s { *n = event_target_value(&ev); })/></label>
            <div class="row">
                <button type="submit" class="button">{t!(i18n, district_split)}</button>
                <button type="button" class="button plain" on:click=move |_| splitting.set(None)>{t!(i18n, roster_close)}</button>
            </div>
        </form>
    }
}
