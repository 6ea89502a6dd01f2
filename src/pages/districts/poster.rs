//! An office's public disclosure card (警务公开): who the resident officer is and how to
//! reach them: office, officer's name, badge number and photo, phone, residency hours,
//! duties. Printed on its own for the village noticeboard (print CSS in style/). The
//! station head uploads the photo here (resized on the device, kept in the roster).

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::set_photo;
use liandong_core::model::OfficerPhoto;

use super::data;
use crate::i18n::*;
use crate::pages::roster::data as roster;

/// The stored photo of `officer` in station `code`'s roster: (record id, `data:` URL).
fn photo_of(code: &str, officer: RecordId) -> Option<(RecordId, String)> {
    let view = roster::view(code)?;
    let photo = view.list::<OfficerPhoto>().into_records().into_iter().find(|p| p.officer == officer)?;
    Some((photo.id, format!("data:{};base64,{}", photo.mime, photo.data)))
}

/// The card of `office`.
#[component]
pub fn Poster(ctx: data::Context, office: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let data::Context { org, code, writable, .. } = ctx;
    let working = RwSignal::new(false);
    let upload = move |officer: RecordId, ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        working.set(true);
        leptos::task::spawn_local(async move {
            let photo = crate::components::photo::compress(&file).await;
            working.set(false);
            match photo {
                Ok(photo) => {
                    ctx.at(super::data::Place::Office(office)).apply(i18n, |o| {
                        let station = o.offices.iter().find(|x| x.id == office).map(|x| x.station).unwrap_or(office);
                        let current = photo_of(&code.get_value(), officer).map(|(id, _)| id);
                        set_photo(o, station, current, officer, &photo.mime, &photo.bytes)
                    });
                }
                Err(e) => ctx.at(super::data::Place::Office(office)).refuse(e),
            }
        });
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            // The body class lets the print CSS show only this card.
            if let Some(body) = w.document().and_then(|d| d.body()) {
                let _ = body.class_list().add_1("printing-poster");
                let _ = w.print();
                let _ = body.class_list().remove_1("printing-poster");
            }
        }
    };
    move || {
        let o = org.get();
        let Some(x) = o.offices.iter().find(|x| x.id == office).cloned() else { return ().into_any() };
        let resident = o
            .assignments
            .iter()
            .filter(|a| a.office == office)
            .find_map(|a| o.officers.iter().find(|p| p.id == a.officer))
            .cloned();
        let phone = x.phone.clone().or_else(|| resident.as_ref().and_then(|r| r.phone.clone())).unwrap_or_default();
        view! {
            <div class="poster" data-testid="poster">
                <h2>{t!(i18n, poster_heading)}</h2>
                <h3>{x.name.clone()}</h3>
                <div class="poster-body">
                    {match resident.as_ref().and_then(|r| photo_of(&code.get_value(), r.id)) {
                        Some((_, url)) => view! { <img class="photo" src=url alt=move || t_string!(i18n, poster_photo) data-testid="officer-photo"/> }.into_any(),
                        None => view! { <div class="photo">{t!(i18n, poster_photo)}</div> }.into_any(),
                    }}
                    <dl>
                        <dt>{t!(i18n, poster_officer)}</dt><dd>{resident.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!(i18n, poster_badge)}</dt><dd>{resident.as_ref().map(|r| r.badge_number.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!(i18n, office_phone)}</dt><dd>{phone}</dd>
                        <dt>{t!(i18n, office_hours)}</dt><dd>{x.residency_hours.clone().unwrap_or_default()}</dd>
                        <dt>{t!(i18n, office_address)}</dt><dd>{x.address.clone().unwrap_or_default()}</dd>
                        <dt>{t!(i18n, poster_duties)}</dt><dd>{t!(i18n, poster_duties_text)}</dd>
                    </dl>
                </div>
                {resident.as_ref().filter(|_| writable.get()).map(|r| {
                    let officer = r.id;
                    view! {
                        <label class="no-print">{t!(i18n, poster_upload)}
                            <input type="file" accept="image/*" data-testid="photo-input" on:change=move |ev| upload(officer, ev)/>
                        </label>
                        {move || working.get().then(|| view! { <span class="hint">{t!(i18n, b_photos_working)}</span> })}
                    }
                })}
                <button class="button no-print" on:click=print>{t!(i18n, roster_print)}</button>
            </div>
        }.into_any()
    }
}
