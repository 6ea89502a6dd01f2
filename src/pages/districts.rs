//! Districts screen (警务区). Empty until its issue fills it.

use leptos::prelude::*;

use crate::i18n::*;

/// The Districts page.
#[component]
pub fn Districts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, districts_title)}</h1>
        <p class="empty">{t!(i18n, districts_empty)}</p>
    }
}
