//! Choosing stations and officers of the region in the forms: a checkbox each, officers
//! grouped under their station, an optional note beside an officer (a skill's expiry).

use leptos::prelude::*;
use liandong_core::RecordId;

use super::data::Roll;

fn toggle(list: RwSignal<Vec<RecordId>>, id: RecordId, on: bool) {
    list.update(|l| {
        l.retain(|x| *x != id);
        if on {
            l.push(id);
        }
    });
}

/// A checkbox per station of the region.
#[component]
pub fn StationPicks(roll: Memo<Roll>, chosen: RwSignal<Vec<RecordId>>, #[prop(into)] label: String) -> impl IntoView {
    view! {
        <fieldset class="wb-crew" data-testid="station-picks">
            <legend>{label}</legend>
            {move || roll.get().into_iter().map(|(id, name, _)| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id))
                        on:change=move |ev| toggle(chosen, id, event_target_checked(&ev))/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// A checkbox per officer of `stations` (every station of the roll when empty), under
/// their station; `note` may add a word beside an officer.
#[component]
pub fn OfficerPicks(
    roll: Memo<Roll>,
    chosen: RwSignal<Vec<RecordId>>,
    #[prop(into)] label: String,
    #[prop(optional)] only: Option<Signal<Vec<RecordId>>>,
    #[prop(optional)] note: Option<Callback<RecordId, Option<String>>>,
) -> impl IntoView {
    view! {
        <fieldset class="wb-crew" data-testid="officer-picks">
            <legend>{label}</legend>
            {move || {
                let only = only.map(|o| o.get()).unwrap_or_default();
                roll.get().into_iter().filter(|(s, ..)| only.is_empty() || only.contains(s)).map(|(_, station, officers)| view! {
                    <div class="co-group">
                        <span class="hint">{station}</span>
                        {officers.into_iter().map(|(id, name)| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| toggle(chosen, id, event_target_checked(&ev))/>
                                {name}
                                {note.and_then(|n| n.run(id)).map(|n| view! { <span class="hint">" "{n}</span> })}
                            </label>
                        }).collect_view()}
                    </div>
                }).collect_view()
            }}
        </fieldset>
    }
}
