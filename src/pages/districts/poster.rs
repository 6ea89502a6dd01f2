//! An office's public disclosure card (警务公开): who the resident officer is and how to
//! reach them: office, officer's name and badge number, photo frame, phone, residency
//! hours, duties. Printed on its own for the village noticeboard (print CSS in style/).

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::org::Organisation;

use crate::i18n::*;

/// The card of `office`.
#[component]
pub fn Poster(org: Memo<Arc<Organisation>>, office: RecordId) -> impl IntoView {
    let i18n = use_i18n();
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
                    <div class="photo" aria-label=move || t_string!(i18n, poster_photo)>{t!(i18n, poster_photo)}</div>
                    <dl>
                        <dt>{t!(i18n, poster_officer)}</dt><dd>{resident.as_ref().map(|r| r.name.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!(i18n, poster_badge)}</dt><dd>{resident.as_ref().map(|r| r.badge_number.clone()).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!(i18n, office_phone)}</dt><dd>{phone}</dd>
                        <dt>{t!(i18n, office_hours)}</dt><dd>{x.residency_hours.clone().unwrap_or_default()}</dd>
                        <dt>{t!(i18n, office_address)}</dt><dd>{x.address.clone().unwrap_or_default()}</dd>
                        <dt>{t!(i18n, poster_duties)}</dt><dd>{t!(i18n, poster_duties_text)}</dd>
                    </dl>
                </div>
                <button class="button no-print" on:click=print>{t!(i18n, roster_print)}</button>
            </div>
        }.into_any()
    }
}
