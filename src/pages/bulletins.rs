//! Bulletins screen (通报). Empty until its issue fills it.

use leptos::prelude::*;

use crate::i18n::*;

/// The Bulletins page.
#[component]
pub fn Bulletins() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, bulletins_title)}</h1>
        <p class="empty">{t!(i18n, bulletins_empty)}</p>
    }
}
