//! `/bulletins/new` and `/bulletins/{id}/edit`: the bulletin form. Every field that does
//! not pass says why next to it ([`fields`]); nothing is written until all pass
//! ([`save`]), and "saved on this device" shows only once IndexedDB has it. Works offline.

mod fields;
mod save;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use liandong_core::model::{Bulletin, Role, Scope};
use liandong_core::{DocumentId, RecordId};

use super::data;
use crate::i18n::*;
use crate::sync;
use fields::{Fields, KindFields, PhotoField, TextFields};

/// New bulletin page.
#[component]
pub fn NewBulletin() -> impl IntoView {
    view! { <BulletinForm existing=None/> }
}

/// Update page.
#[component]
pub fn EditBulletin() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    move || {
        let id: Option<RecordId> = params.with(|p| p.get("id").and_then(|v| v.parse().ok()));
        match id.and_then(data::find) {
            Some(found) => view! { <BulletinForm existing=Some(found)/> }.into_any(),
            None => view! { <p class="empty">{t!(i18n, b_not_found)}</p> }.into_any(),
        }
    }
}

#[component]
fn BulletinForm(existing: Option<(DocumentId, Bulletin)>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // Read when used, not when the form is built: opened directly (a link, a reload), the
    // form appears before the stored sign-in is read.
    let role = move || data::claims().map_or(Role::Officer, |c| c.role);
    let fields = Fields::new(existing.as_ref().map(|(_, b)| b));
    let compressing = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let unchanged = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let existing_photos = existing.as_ref().map_or(0, |(_, b)| b.photos as usize);
    let is_edit = existing.is_some();
    let existing = StoredValue::new(existing);
    let county_allowed = Signal::derive(move || liandong_core::bulletins::may_post_county_wide(role()));
    if !is_edit {
        // The bureau has no region: its bulletins go to the whole county.
        Effect::new(move |_| {
            if role() == Role::BureauAdmin {
                fields.scope.set(Scope::County);
            }
        });
    }

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        unchanged.set(false);
        let d = fields.draft();
        let now = Timestamp::now();
        if let Err(list) = d.validate(now, role(), existing_photos) {
            fields.errors.set(list);
            return;
        }
        fields.errors.set(Vec::new());
        if existing.with_value(|e| e.as_ref().is_some_and(|(_, b)| d.unchanged(b))) {
            // Nothing to save: no new version, nobody asked to acknowledge again.
            unchanged.set(true);
            return;
        }
        match save::save(existing.get_value(), &d, now) {
            Ok((doc, id)) => {
                saving.set(true);
                let navigate = navigate.clone();
                spawn_local(async move {
                    // With storage failing the change stays in memory and is retried; the
                    // bulletin's page then does not claim it is saved (the banner says why).
                    let stored = sync::saved(&doc).await;
                    saving.set(false);
                    let note = if stored { "?saved=1" } else { "" };
                    navigate(&format!("/bulletins/{id}{note}"), Default::default());
                });
            }
            Err(e) => failure.set(Some(e.words(i18n))),
        }
    };

    view! {
        <h1>{move || if is_edit { t_string!(i18n, b_edit) } else { t_string!(i18n, b_new) }}</h1>
        <form class="card form" on:submit=submit novalidate data-testid="bulletin-form">
            <KindFields fields county_allowed is_edit/>
            <TextFields fields/>
            <PhotoField fields compressing/>
            {move || failure.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || unchanged.get().then(|| view! { <p class="hint warn" role="status" data-testid="unchanged">{t!(i18n, b_unchanged)}</p> })}
            <button class="button" type="submit" disabled=move || compressing.get() || saving.get()>
                {move || if saving.get() { t_string!(i18n, b_saving) } else if is_edit { t_string!(i18n, b_save_update) } else { t_string!(i18n, b_save_post) }}
            </button>
        </form>
    }
}
