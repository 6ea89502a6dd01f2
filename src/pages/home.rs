//! Home screen (首页). Empty until its issue fills it.

use leptos::prelude::*;

use crate::i18n::*;

/// The Home page.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        <p class="empty">{t!(i18n, home_empty)}</p>
    }
}
