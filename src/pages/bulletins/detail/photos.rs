//! A bulletin's photos: thumbnails, one shown full-screen when tapped.

use leptos::prelude::*;
use liandong_core::model::BulletinPhoto;

use crate::i18n::*;

/// The thumbnails and the full-screen view.
#[component]
pub fn Photos(photos: Vec<BulletinPhoto>) -> impl IntoView {
    let i18n = use_i18n();
    // The photo shown full-screen, if one is.
    let enlarged = RwSignal::new(None::<String>);
    view! {
        <div class="photos">
            {photos.into_iter().map(|p| {
                let src = format!("data:{};base64,{}", p.mime, p.data);
                let open = src.clone();
                view! {
                    <button type="button" class="photo-button" aria-label=move || t_string!(i18n, b_photo_enlarge) on:click=move |_| enlarged.set(Some(open.clone()))>
                        <img src=src alt="" loading="lazy"/>
                    </button>
                }
            }).collect_view()}
        </div>
        {move || enlarged.get().map(|src| view! {
            <div class="lightbox" role="dialog" aria-modal="true" aria-label=move || t_string!(i18n, b_photo_large) data-testid="photo-large" on:click=move |_| enlarged.set(None)>
                <img src=src alt=""/>
                <button type="button" class="button" on:click=move |_| enlarged.set(None)>{t!(i18n, b_photo_close)}</button>
            </div>
        })}
    }
}
