//! The form's fields: their state ([`Fields`]), the draft they make, and the views of each
//! group of fields with the reasons a field does not pass next to it.

use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;
use liandong_core::bulletins::{Draft, FieldError, PhotoDraft, draft};
use liandong_core::model::{Bulletin, BulletinCategory, Scope, Urgency};
use wasm_bindgen::JsCast;

use super::super::{CATEGORIES, URGENCIES, category_name, code, parse, scope_name, urgency_name};
use crate::components::fmt;
use crate::i18n::*;

/// `datetime-local` text (China time) of a timestamp.
fn local_input(t: Timestamp) -> String {
    liandong_core::time::text::ymd_t_hm(liandong_core::time::in_china(t).datetime())
}

/// A `datetime-local` value read as China time.
fn parse_local(text: &str) -> Option<Timestamp> {
    let dt: DateTime = text.parse().ok()?;
    dt.to_zoned_datetime(liandong_core::time::china()).ok().map(|z| z.timestamp())
}

/// What the officer has typed and chosen, and what does not pass; cheap to copy.
#[derive(Clone, Copy)]
pub struct Fields {
    /// 类别.
    pub category: RwSignal<BulletinCategory>,
    /// 紧急程度.
    pub urgency: RwSignal<Urgency>,
    /// Who it is for: the station, the region, or the county.
    pub scope: RwSignal<Scope>,
    /// Title as typed (trimmed when saved).
    pub title: RwSignal<String>,
    /// Text as typed.
    pub body: RwSignal<String>,
    /// Place as typed.
    pub place: RwSignal<String>,
    /// The expiry as the field shows it (`datetime-local`, China time, minutes).
    pub expires: RwSignal<String>,
    /// The expiry the form opened with, as the field showed it.
    initial_expires: StoredValue<String>,
    /// The stored expiry of the bulletin being edited (to its second).
    stored_expires: Option<Option<Timestamp>>,
    /// New photos, compressed.
    pub photos: RwSignal<Vec<PhotoDraft>>,
    /// The fields that did not pass, from the last attempt.
    pub errors: RwSignal<Vec<FieldError>>,
}

impl Fields {
    /// The fields of `b` (editing), or of a new routine region bulletin valid for 7 days.
    pub fn new(b: Option<&Bulletin>) -> Self {
        let default_expiry = Timestamp::now() + SignedDuration::from_hours(24 * 7);
        let initial = local_input(b.and_then(|b| b.expires_at).unwrap_or(default_expiry));
        Self {
            category: RwSignal::new(b.map_or(BulletinCategory::SafetyNotice, |b| b.category)),
            urgency: RwSignal::new(b.map_or(Urgency::Routine, |b| b.urgency)),
            scope: RwSignal::new(b.map_or(Scope::Region, |b| b.scope)),
            title: RwSignal::new(b.map(|b| b.title.clone()).unwrap_or_default()),
            body: RwSignal::new(b.map(|b| b.body.clone()).unwrap_or_default()),
            place: RwSignal::new(b.and_then(|b| b.place.clone()).unwrap_or_default()),
            expires: RwSignal::new(initial.clone()),
            initial_expires: StoredValue::new(initial),
            stored_expires: b.map(|b| b.expires_at),
            photos: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// The draft the fields make now.
    pub fn draft(&self) -> Draft {
        let text = self.expires.get_untracked();
        // The field shows minutes only: left as it was, the stored expiry is kept exactly.
        let expires_at = match self.stored_expires {
            Some(stored) if text == self.initial_expires.get_value() => stored,
            _ if text.trim().is_empty() => None,
            _ => parse_local(&text),
        };
        Draft {
            category: self.category.get_untracked(),
            urgency: self.urgency.get_untracked(),
            scope: self.scope.get_untracked(),
            title: self.title.get_untracked(),
            body: self.body.get_untracked(),
            place: Some(self.place.get_untracked()),
            expires_at,
            photos: self.photos.get_untracked(),
        }
    }

    /// The reasons `field` does not pass, worded, in one line.
    fn error_for(self, i18n: leptos_i18n::I18nContext<Locale>, field: &'static str) -> impl Fn() -> String + Copy {
        move || {
            self.errors.with(|list| {
                list.iter()
                    .filter(|e| e.field() == field)
                    .map(|e| field_error(i18n, e))
                    .collect::<Vec<_>>()
                    .join(t_string!(i18n, list_separator))
            })
        }
    }

    /// Whether `field` does not pass.
    fn has_error(self, field: &'static str) -> impl Fn() -> bool + Copy {
        move || self.errors.with(|l| l.iter().any(|e| e.field() == field))
    }
}

/// Category, urgency and scope (county-wide only for those who may post it; fixed when
/// editing).
#[component]
pub fn KindFields(fields: Fields, county_allowed: Signal<bool>, is_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let Fields { category, urgency, scope, .. } = fields;
    view! {
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
            <label class:invalid=fields.has_error("scope")>{t!(i18n, b_scope_label)}
                <select name="scope" disabled=is_edit on:change=move |e| if let Some(s) = parse(&event_target_value(&e)) { scope.set(s) }>
                    <option value="station" selected=move || scope.get() == Scope::Station>{move || scope_name(i18n, Scope::Station)}</option>
                    <option value="region" selected=move || scope.get() == Scope::Region>{move || scope_name(i18n, Scope::Region)}</option>
                    {move || county_allowed.get().then(|| view! { <option value="county" selected=move || scope.get() == Scope::County>{move || scope_name(i18n, Scope::County)}</option> })}
                </select>
                <span class="field-error" role="alert">{fields.error_for(i18n, "scope")}</span>
            </label>
        </div>
    }
}

/// Title, text (with its count), place and expiry.
#[component]
pub fn TextFields(fields: Fields) -> impl IntoView {
    let i18n = use_i18n();
    let Fields { title, body, place, expires, .. } = fields;
    view! {
        <label class:invalid=fields.has_error("title")>{t!(i18n, bulletins_title_label)}
            <input name="title" prop:value=title on:input=move |e| title.set(event_target_value(&e)) aria-invalid=move || fields.has_error("title")().to_string()/>
            <span class="field-error" role="alert">{fields.error_for(i18n, "title")}</span>
        </label>
        <label class:invalid=fields.has_error("body")>{t!(i18n, bulletins_body_label)}
            <textarea name="body" rows="5" prop:value=body on:input=move |e| body.set(event_target_value(&e))></textarea>
            <span class="hint">{move || body.with(|b| b.chars().count())}" / "{draft::MAX_BODY}</span>
            <span class="field-error" role="alert">{fields.error_for(i18n, "body")}</span>
        </label>
        <div class="row">
            <label class:invalid=fields.has_error("place")>{t!(i18n, b_place_label)}
                <input name="place" prop:value=place on:input=move |e| place.set(event_target_value(&e))/>
                <span class="field-error" role="alert">{fields.error_for(i18n, "place")}</span>
            </label>
            <label class:invalid=fields.has_error("expires_at")>{t!(i18n, b_expires_label)}
                <input name="expires_at" type="datetime-local" prop:value=expires on:input=move |e| expires.set(event_target_value(&e))/>
                <span class="field-error" role="alert">{fields.error_for(i18n, "expires_at")}</span>
            </label>
        </div>
    }
}

/// The photo picker: photos are compressed on the device as they are chosen
/// (`compressing` is set meanwhile); one that cannot be read is named with the reason.
#[component]
pub fn PhotoField(fields: Fields, compressing: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let photos = fields.photos;
    let problem = RwSignal::new(None::<String>);
    let on_photos = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        compressing.set(true);
        problem.set(None);
        spawn_local(async move {
            let mut out = Vec::new();
            for (i, file) in files.iter().enumerate() {
                match crate::components::photo::compress(file).await {
                    Ok(p) => out.push(p),
                    Err(reason) => problem.set(Some(fmt::fill(
                        t_string!(i18n, b_photo_unreadable),
                        &[("number", (i + 1).to_string()), ("reason", reason)],
                    ))),
                }
            }
            photos.set(out);
            compressing.set(false);
        });
    };
    let sizes = move || {
        photos.with(|p| {
            p.iter()
                .map(|p| format!("{} KB", p.bytes.len().div_ceil(1024)))
                .collect::<Vec<_>>()
                .join(t_string!(i18n, list_separator))
        })
    };
    view! {
        <label class:invalid=fields.has_error("photos")>{t!(i18n, b_photos_label)}
            <input name="photos" type="file" accept="image/*" multiple on:change=on_photos/>
            {move || compressing.get().then(|| view! { <span class="hint">{t!(i18n, b_photos_working)}</span> })}
            {move || (!photos.with(Vec::is_empty)).then(|| view! { <span class="hint">{sizes}</span> })}
            <span class="field-error" role="alert">{move || problem.get()}{fields.error_for(i18n, "photos")}</span>
        </label>
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
