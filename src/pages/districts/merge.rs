//! "Merge into this district" (并入本区) on a district's card: choosing a district asks
//! first, naming both; once merged, the card offers to undo it (core's
//! `unmerge_districts` brings the district back as it was just before).

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::{merge_districts, unmerge_districts};
use liandong_core::org::Organisation;

use super::data::{self, Merge, Place};
use crate::components::fmt::fill;
use crate::i18n::*;

/// The merge control of district `kept`: the choice of a district, the confirmation and
/// the undo. For the station head only (the card shows it inside its writable part).
#[component]
pub fn MergeControl(ctx: data::Context, kept: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx.at(Place::Card(kept));
    let name_of = move |id: RecordId| {
        ctx.org.with(|o| o.districts.iter().find(|d| d.id == id).map(|d| d.name.clone()).unwrap_or_default())
    };
    let others = move || {
        ctx.org.with(|o| {
            let station = o.districts.iter().find(|d| d.id == kept).map(|d| d.station);
            o.districts
                .iter()
                .filter(|x| Some(x.station) == station && x.id != kept)
                .map(|x| (x.id, x.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let asking = move || match ctx.merge.get() {
        Some(Merge::Asking { kept: k, absorbed }) if k == kept => Some(absorbed),
        _ => None,
    };
    let choose = move |value: String| {
        ctx.merge.set(value.parse::<RecordId>().ok().map(|absorbed| Merge::Asking { kept, absorbed }));
    };
    let confirm = move |absorbed: RecordId| {
        let before = ctx.org.with_untracked(Arc::clone);
        if ctx.apply(i18n, |o| merge_districts(o, kept, absorbed)) {
            ctx.merge.set(Some(Merge::Done { kept, absorbed, before }));
        } else {
            ctx.merge.set(None);
        }
    };
    let undo = move |absorbed: RecordId, before: Arc<Organisation>| {
        if ctx.apply(i18n, |o| unmerge_districts(o, &before, absorbed)) {
            ctx.merge.set(None);
        }
    };
    let names = move |absorbed: RecordId, before: Option<&Organisation>| {
        let gone = before
            .and_then(|o| o.districts.iter().find(|d| d.id == absorbed).map(|d| d.name.clone()))
            .unwrap_or_else(|| name_of(absorbed));
        vec![("kept", name_of(kept)), ("absorbed", gone)]
    };

    view! {
        <label>{t!(i18n, district_merge)}
            <select data-testid="merge" prop:value=move || asking().map(|a| a.to_string()).unwrap_or_default()
                on:change=move |ev| choose(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || others().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
            </select>
        </label>
        {move || asking().map(|absorbed| view! {
            <div class="confirm" role="alertdialog" data-testid="merge-confirm">
                <p>{fill(t_string!(i18n, district_merge_confirm), &names(absorbed, None))}</p>
                <div class="row">
                    <button class="button" on:click=move |_| confirm(absorbed)>{t!(i18n, district_merge_yes)}</button>
                    <button class="button plain" on:click=move |_| ctx.merge.set(None)>{t!(i18n, district_merge_cancel)}</button>
                </div>
            </div>
        })}
        {move || match ctx.merge.get() {
            Some(Merge::Done { kept: k, absorbed, before }) if k == kept => {
                let text = fill(t_string!(i18n, district_merged), &names(absorbed, Some(&before)));
                Some(view! {
                    <div class="confirm" data-testid="merge-done">
                        <p>{text}</p>
                        <button class="button plain" on:click=move |_| undo(absorbed, before.clone())>{t!(i18n, district_merge_undo)}</button>
                    </div>
                })
            }
            _ => None,
        }}
    }
}
