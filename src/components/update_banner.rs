//! "新版本已就绪": shown once a new build of the app has taken over on this device
//! ([`crate::pwa::update_ready`]); the button reloads the page into it. Until then this
//! page keeps running the build it started with, so nothing open is lost.

use leptos::prelude::*;

use crate::i18n::*;
use crate::pwa;

/// The banner (nothing while this page runs the newest build).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = pwa::update_ready();
    let reload = move |_| {
        let _ = window().location().reload();
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="banner banner-info" role="status" data-testid="update-ready">
                    <span>{t!(i18n, update_ready)}</span>" "
                    <button class="button plain" on:click=reload>{t!(i18n, update_reload)}</button>
                </div>
            }
        })
    }
}
