//! Region screen (区域). Empty until its issue fills it.

use leptos::prelude::*;

use crate::i18n::*;

/// The Region page.
#[component]
pub fn Region() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, region_title)}</h1>
        <p class="empty">{t!(i18n, region_empty)}</p>
    }
}
