//! The page shown for an unknown path.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// "This page does not exist", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, not_found_title)}</h1>
        <p class="empty">{t!(i18n, not_found)}</p>
        <A href="/">{t!(i18n, back_home)}</A>
    }
}
