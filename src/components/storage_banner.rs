//! A banner that says in plain words when this device's storage fails (full, closed,
//! unavailable); it disappears once a write succeeds again.

use leptos::prelude::*;

use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// The banner (nothing when storage is fine).
#[component]
pub fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let error = sync::signals().storage_error;
    move || {
        error.get().map(|error| {
            leptos::logging::warn!("storage: {error}");
            view! {
                <div class="banner banner-error" role="alert">
                    <strong>{t!(i18n, storage_problem)}</strong>" "{fmt::store_error(i18n, &error)}
                </div>
            }
        })
    }
}
