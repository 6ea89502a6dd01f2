//! `/bulletins/new` and `/bulletins/{id}/edit`: the bulletin form. Every field that does
//! not pass says why next to it; nothing is written until all pass, and "saved on this
//! device" shows only once IndexedDB has it. Works offline.

use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use liandong_core::bulletins::{Draft, FieldError, PhotoDraft, draft};
use liandong_core::model::{Bulletin, BulletinCategory, Role, Scope, Urgency};
use liandong_core::{DocumentId, RecordId};
use wasm_bindgen::JsCast;

use super::{CATEGORIES, URGENCIES, category_name, code, data, parse, scope_name, urgency_name};
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// `datetime-local` text (China time) of a timestamp.
fn local_input(t: Timestamp) -> String {
    liandong_core::time::text::ymd_t_hm(liandong_core::time::in_china(t).datetime())
}

/// A `datetime-local` value read as China time.
fn parse_local(text: &str) -> Option<Timestamp> {
    let dt: DateTime = text.parse().ok()?;
    dt.to_zoned_datetime(liandong_core::time::china()).ok().map(|z| z.timestamp())
}

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
    let role = move || sync::signals().claims.get().map_or(Role::Officer, |c| c.role);
    let b = existing.as_ref().map(|(_, b)| b.clone());
    let category = RwSignal::new(b.as_ref().map_or(BulletinCategory::SafetyNotice, |b| b.category));
    let urgency = RwSignal::new(b.as_ref().map_or(Urgency::Routine, |b| b.urgency));
    let scope = RwSignal::new(b.as_ref().map_or(Scope::Region, |b| b.scope));
    let title = RwSignal::new(b.as_ref().map(|b| b.title.clone()).unwrap_or_default());
    let body = RwSignal::new(b.as_ref().map(|b| b.body.clone()).unwrap_or_default());
    let place = RwSignal::new(b.as_ref().and_then(|b| b.place.clone()).unwrap_or_default());
    let default_expiry = Timestamp::now() + SignedDuration::from_hours(24 * 7);
    let initial_expires = local_input(b.as_ref().and_then(|b| b.expires_at).unwrap_or(default_expiry));
    let expires = RwSignal::new(initial_expires.clone());
    let photos: RwSignal<Vec<PhotoDraft>> = RwSignal::new(Vec::new());
    let photo_problem = RwSignal::new(None::<String>);
    let compressing = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let unchanged = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let existing = StoredValue::new(existing);
    let existing_photos = b.as_ref().map_or(0, |b| b.photos as usize);
    let county_allowed = move || liandong_core::bulletins::may_post_county_wide(role());
    if b.is_none() {
        // The bureau has no region: its bulletins go to the whole county.
        Effect::new(move |_| {
            if role() == Role::BureauAdmin {
                scope.set(Scope::County);
            }
        });
    }

    let on_photos = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        compressing.set(true);
        photo_problem.set(None);
        spawn_local(async move {
            let mut out = Vec::new();
            for (i, file) in files.iter().enumerate() {
                match crate::components::photo::compress(file).await {
                    Ok(p) => out.push(p),
                    Err(reason) => photo_problem.set(Some(fmt::fill(
                        t_string!(i18n, b_photo_unreadable),
                        &[("number", (i + 1).to_string()), ("reason", reason)],
                    ))),
                }
            }
            photos.set(out);
            compressing.set(false);
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        unchanged.set(false);
        let expires_at = {
            let text = expires.get_untracked();
            // The field shows minutes only: left as it was, the stored expiry is kept exactly.
            match existing.with_value(|e| e.as_ref().map(|(_, b)| b.expires_at)) {
                Some(stored) if text == initial_expires => stored,
                _ if text.trim().is_empty() => None,
                _ => parse_local(&text),
            }
        };
        let d = Draft {
            category: category.get_untracked(),
            urgency: urgency.get_untracked(),
            scope: scope.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
            place: Some(place.get_untracked()),
            expires_at,
            photos: photos.get_untracked(),
        };
        let now = Timestamp::now();
        if let Err(list) = d.validate(now, role(), existing_photos) {
            errors.set(list);
            return;
        }
        errors.set(Vec::new());
        if existing.with_value(|e| e.as_ref().is_some_and(|(_, b)| d.unchanged(b))) {
            // Nothing to save: no new version, nobody asked to acknowledge again.
            unchanged.set(true);
            return;
        }
        let Some(author) = sync::officer_id() else { return };
        let org = crate::data::directory_org();
        let result = match existing.get_value() {
            Some((doc, b)) => {
                crate::data::write(&doc, |w| draft::update(w, &b, &d, author, now).map(|_| (doc.clone(), b.id)))
            }
            None => {
                let Some(claims) = sync::signals().claims.get_untracked() else { return };
                let station = liandong_core::bulletins::posting_unit(&org, &claims);
                let Some(station) = station else {
                    failure.set(Some(t_string!(i18n, write_no_directory).to_string()));
                    return;
                };
                let doc = if d.scope == Scope::County {
                    DocumentId::county_bulletins(&claims.county)
                } else {
                    match data::region_doc() {
                        Some(doc) => doc,
                        None => {
                            failure.set(Some(t_string!(i18n, bulletins_no_region).to_string()));
                            return;
                        }
                    }
                };
                crate::data::write(&doc, |w| draft::post(w, &d, station, author, now)).map(|id| (doc.clone(), id))
            }
        };
        match result {
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
            Err(e) => failure.set(Some(fmt::write_failure(i18n, &e))),
        }
    };

    let error_for = move |field: &'static str| {
        move || {
            errors.with(|list| {
                list.iter()
                    .filter(|e| e.field() == field)
                    .map(|e| field_error(i18n, e))
                    .collect::<Vec<_>>()
                    .join(t_string!(i18n, list_separator))
            })
        }
    };
    let has_error = move |field: &'static str| move || errors.with(|l| l.iter().any(|e| e.field() == field));
    let is_edit = existing.with_value(Option::is_some);

    view! {
        <h1>{move || if is_edit { t_string!(i18n, b_edit) } else { t_string!(i18n, b_new) }}</h1>
        <form class="card form" on:submit=submit novalidate data-testid="bulletin-form">
            <div class="row">
                <label>{t!(i18n, bulletins_category_label)}
                    <select name="category" on:change=move |e| if let Some(c) = parse(&event_target_value(&e)) { category.set(c) }>
                        {CATEGORIES.into_iter().map(|c| view! { <option value=code(&c) selected=move || category.get() == c>{move || category_name(i18n, c)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, bulletins_urgency_label)}
                    <select name="urgency" on:change=move |e| if let Some(u) = parse(&event_target_value(&e)) { urgency.set(u) }>
                        {URGENCIES.into_iter().map(|u| view! { <option value=code(&u) selected=move || urgency.get() == u>{move || urgency_name(i18n, u)}</option> }).collect_view()}
                    </select>
                </label>
                <label class:invalid=has_error("scope")>{t!(i18n, b_scope_label)}
                    <select name="scope" disabled=is_edit on:change=move |e| if let Some(s) = parse(&event_target_value(&e)) { scope.set(s) }>
                        <option value="station" selected=move || scope.get() == Scope::Station>{move || scope_name(i18n, Scope::Station)}</option>
                        <option value="region" selected=move || scope.get() == Scope::Region>{move || scope_name(i18n, Scope::Region)}</option>
                        {move || county_allowed().then(|| view! { <option value="county" selected=move || scope.get() == Scope::County>{move || scope_name(i18n, Scope::County)}</option> })}
                    </select>
                    <span class="field-error" role="alert">{error_for("scope")}</span>
                </label>
            </div>
            <label class:invalid=has_error("title")>{t!(i18n, bulletins_title_label)}
                <input name="title" prop:value=title on:input=move |e| title.set(event_target_value(&e)) aria-invalid=move || has_error("title")().to_string()/>
                <span class="field-error" role="alert">{error_for("title")}</span>
            </label>
            <label class:invalid=has_error("body")>{t!(i18n, bulletins_body_label)}
                <textarea name="body" rows="5" prop:value=body on:input=move |e| body.set(event_target_value(&e))></textarea>
                <span class="hint">{move || body.with(|b| b.chars().count())}" / "{draft::MAX_BODY}</span>
                <span class="field-error" role="alert">{error_for("body")}</span>
            </label>
            <div class="row">
                <label class:invalid=has_error("place")>{t!(i18n, b_place_label)}
                    <input name="place" prop:value=place on:input=move |e| place.set(event_target_value(&e))/>
                    <span class="field-error" role="alert">{error_for("place")}</span>
                </label>
                <label class:invalid=has_error("expires_at")>{t!(i18n, b_expires_label)}
                    <input name="expires_at" type="datetime-local" prop:value=expires on:input=move |e| expires.set(event_target_value(&e))/>
                    <span class="field-error" role="alert">{error_for("expires_at")}</span>
                </label>
            </div>
            <label class:invalid=has_error("photos")>{t!(i18n, b_photos_label)}
                <input name="photos" type="file" accept="image/*" multiple on:change=on_photos/>
                {move || compressing.get().then(|| view! { <span class="hint">{t!(i18n, b_photos_working)}</span> })}
                {move || (!photos.with(Vec::is_empty)).then(|| view! {
                    <span class="hint">{move || photos.with(|p| p.iter().map(|p| format!("{} KB", p.bytes.len().div_ceil(1024))).collect::<Vec<_>>().join(t_string!(i18n, list_separator)))}</span>
                })}
                <span class="field-error" role="alert">{move || photo_problem.get()}{error_for("photos")}</span>
            </label>
            {move || failure.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || unchanged.get().then(|| view! { <p class="hint warn" role="status" data-testid="unchanged">{t!(i18n, b_unchanged)}</p> })}
            <button class="button" type="submit" disabled=move || compressing.get() || saving.get()>
                {move || if saving.get() { t_string!(i18n, b_saving) } else if is_edit { t_string!(i18n, b_save_update) } else { t_string!(i18n, b_save_post) }}
            </button>
        </form>
    }
}

/// What the officer reads for a field that does not pass (locale keys `bf_*`).
fn field_error(i18n: leptos_i18n::I18nContext<Locale>, error: &FieldError) -> String {
    let n = |v: &usize| v.to_string();
    match error {
        FieldError::TitleEmpty => t_string!(i18n, bf_title_empty).to_owned(),
        FieldError::TitleTooLong { max } => fmt::fill(t_string!(i18n, bf_title_too_long), &[("max", n(max))]),
        FieldError::BodyTooLong { max } => fmt::fill(t_string!(i18n, bf_body_too_long), &[("max", n(max))]),
        FieldError::PlaceTooLong { max } => fmt::fill(t_string!(i18n, bf_place_too_long), &[("max", n(max))]),
        FieldError::ExpiryInPast => t_string!(i18n, bf_expiry_in_past).to_owned(),
        FieldError::TooManyPhotos { max } => fmt::fill(t_string!(i18n, bf_too_many_photos), &[("max", n(max))]),
        FieldError::PhotoTooLarge { number, kib, max_kib } => fmt::fill(
            t_string!(i18n, bf_photo_too_large),
            &[("number", n(number)), ("kib", n(kib)), ("max_kib", n(max_kib))],
        ),
        FieldError::ScopeNotAllowed => t_string!(i18n, bf_scope_not_allowed).to_owned(),
    }
}
