//! Form fields the workbook's sections share: a choice among the station's villages or
//! officers, the officers of a patrol or a rapid response, the photo of a visit or an
//! outreach event (and its thumbnail), the remove button of a record logged by mistake.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::bulletins::PhotoDraft;
use wasm_bindgen::JsCast;

use super::data::Named;
use crate::i18n::*;

/// A `<select>` of `list` (valued by id) with 无 first; `value` holds the chosen id's text.
#[component]
pub fn Choice(list: Signal<Named>, value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select bind:value=value>
            <option value="">{t!(i18n, wb_none)}</option>
            {move || list.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
        </select>
    }
}

/// The officers of a patrol or a rapid response: a checkbox per officer of the station.
#[component]
pub fn Crew(names: Memo<(Named, Named)>, crew: RwSignal<Vec<RecordId>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="wb-crew">
            <legend>{t!(i18n, wb_field_officers)}</legend>
            {move || names.get().1.into_iter().map(|(id, name)| view! {
                <label class="check">
                    <input type="checkbox" checked=move || crew.with(|c| c.contains(&id))
                        on:change=move |ev| crew.update(|c| if event_target_checked(&ev) { c.push(id) } else { c.retain(|x| *x != id) })/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// The photo picker of a visit or an event: one photo, compressed on the device as it is
/// chosen ([`crate::components::photo::compress`]); `photo` holds it, its size shows.
#[component]
pub fn PhotoPick(photo: RwSignal<Option<PhotoDraft>>) -> impl IntoView {
    let i18n = use_i18n();
    let working = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let pick = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return photo.set(None) };
        working.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match crate::components::photo::compress(&file).await {
                Ok(p) => photo.set(Some(p)),
                Err(reason) => problem.set(Some(crate::components::fmt::fill(
                    t_string!(i18n, b_photo_unreadable),
                    &[("number", "1".to_owned()), ("reason", reason)],
                ))),
            }
            working.set(false);
        });
    };
    view! {
        <label>{t!(i18n, wb_field_photo)}
            <input type="file" accept="image/*" on:change=pick data-testid="photo-input"/>
            {move || working.get().then(|| view! { <span class="hint">{t!(i18n, b_photos_working)}</span> })}
            {move || photo.with(|p| p.as_ref().map(|p| format!("{} KB", p.bytes.len().div_ceil(1024)))).map(|kb| view! { <span class="hint" data-testid="photo-size">{kb}</span> })}
            <span class="field-error" role="alert">{move || problem.get()}</span>
        </label>
    }
}

/// The thumbnail of the photo kept under record `of`, if there is one (read by id, so a
/// row never reads the other photos).
#[component]
pub fn Thumb(of: RecordId) -> impl IntoView {
    let src = Memo::new(move |_| {
        let doc = crate::sync::read_doc(&super::data::doc_id()?)?;
        let view = liandong_core::docs::StationCommunity::new(doc);
        let photo = view.get::<liandong_core::model::WorkbookPhoto>(of).ok()??.record;
        Some(format!("data:{};base64,{}", photo.mime, photo.data))
    });
    move || src.get().map(|src| view! { <img class="wb-photo" src=src alt="" loading="lazy" data-testid="wb-photo"/> })
}

/// The remove button of a record logged by mistake: a first tap asks again ("确认删除",
/// "取消"), the second runs `on_remove`.
#[component]
pub fn RemoveButton(on_remove: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    move || {
        if asking.get() {
            view! {
                <span class="actions">
                    <button class="button secondary" data-testid="remove-confirm" on:click=move |_| { asking.set(false); on_remove.run(()) }>{t!(i18n, wb_remove_confirm)}</button>
                    <button class="button plain" on:click=move |_| asking.set(false)>{t!(i18n, wb_cancel)}</button>
                </span>
            }.into_any()
        } else {
            view! { <button class="button plain" data-testid="remove" on:click=move |_| asking.set(true)>{t!(i18n, wb_remove)}</button> }.into_any()
        }
    }
}
