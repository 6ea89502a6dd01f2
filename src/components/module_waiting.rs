//! "This page's code has not reached this device yet": shown while a lazy route's Wasm
//! module cannot be fetched (offline on a first visit, before the service worker stored the
//! whole build). The module loader (`__wasm_split.js`, patched by
//! `scripts/patch-split-loader.mjs`) retries it every 3 s and when the link returns, and
//! tells the page with the window events `liandong-module-waiting` and
//! `liandong-module-loaded`; the page opens by itself once the module arrives.

use leptos::ev::Custom;
use leptos::prelude::*;

use crate::i18n::*;

/// The notice (nothing while every page opened so far has its code).
#[component]
pub fn ModuleWaiting() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(false);
    let _ = window_event_listener(Custom::<web_sys::Event>::new("liandong-module-waiting"), move |_| waiting.set(true));
    let _ = window_event_listener(Custom::<web_sys::Event>::new("liandong-module-loaded"), move |_| waiting.set(false));
    move || {
        waiting.get().then(|| {
            view! {
                <div class="banner banner-info" role="status" data-testid="module-waiting">
                    {t!(i18n, module_waiting)}
                </div>
            }
        })
    }
}
