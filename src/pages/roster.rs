//! Roster screen (排班). Empty until its issue fills it.

use leptos::prelude::*;

use crate::i18n::*;

/// The Roster page.
#[component]
pub fn Roster() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, roster_title)}</h1>
        <p class="empty">{t!(i18n, roster_empty)}</p>
    }
}
