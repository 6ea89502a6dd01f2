//! A page whose code is still on its way (a lazy route's Wasm module, fetched the first time
//! the page opens, before the service worker has stored the whole build). The module loader
//! (`__wasm_split.js`, patched by `scripts/patch-split-loader.mjs`) tells the page with
//! window events:
//! - `liandong-module-loading`: "正在下载此页面…", and the page shown so far is dimmed and
//!   takes no input (typing would land in the old page, e.g. the list's search box, while
//!   the form is on its way);
//! - `liandong-module-waiting`: a module could not be fetched (offline): "此页面第一次打开，
//!   需要联网下载…"; the loader retries every few seconds and when the link returns. The
//!   page shown stays usable meanwhile (the officer may go back to Home and work there);
//! - `liandong-module-loaded`: everything arrived;
//! - `liandong-module-arrived`: everything arrived after waiting. Pages tapped while
//!   offline then all finish at once, and the router may show the last to finish rather
//!   than the one asked for last (and the address bar still shows the page before), so the
//!   app loads the page last tapped afresh (its code is in the browser's cache now, the data
//!   in IndexedDB).
//!
//! While the pages' modules load in the background (`pwa::preloading`, after install) the
//! loader's events are not about a page the officer asked for: the page stays usable and is
//! never reloaded for them.

use leptos::ev::Custom;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;

/// Where the code of the page asked for is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    Here,
    Loading,
    Waiting,
}

/// Marks `<main>` busy while a page's code loads: dimmed (`aria-busy`, see the stylesheet)
/// and `inert`, so neither a tap nor the keyboard (focus may still be in the old page's
/// search box) reaches the page being left.
fn set_busy(busy: bool) {
    if let Ok(Some(main)) = document().query_selector("main.page") {
        for name in ["aria-busy", "inert"] {
            let _ = if busy { main.set_attribute(name, "true") } else { main.remove_attribute(name) };
        }
    }
}

/// The notice (nothing while no page's code is loading).
#[component]
pub fn ModuleWaiting() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Code::Here);
    let on = |name: &'static str, next: Code| {
        let _ = window_event_listener(Custom::<web_sys::Event>::new(name), move |_| {
            // The background preload is not a page the officer asked for: the page shown
            // stays usable (typing into a form while it ran was lost).
            if next != Code::Here && crate::pwa::preloading() {
                return;
            }
            set_busy(next == Code::Loading);
            state.set(next);
        });
    };
    on("liandong-module-loading", Code::Loading);
    on("liandong-module-waiting", Code::Waiting);
    on("liandong-module-loaded", Code::Here);
    // The page last asked for: while its code is on its way the address still shows the
    // page before (the router commits a navigation once the page is ready).
    let asked = StoredValue::new(None::<String>);
    let _ = window_event_listener(leptos::ev::click, move |event| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        if let Some(href) = link.filter(|h| h.starts_with('/')) {
            asked.set_value(Some(href));
        }
    });
    let _ = window_event_listener(Custom::<web_sys::Event>::new("liandong-module-arrived"), move |_| {
        if crate::pwa::preloading() {
            set_busy(false);
            state.set(Code::Here);
            return;
        }
        let location = window().location();
        match asked.get_value() {
            Some(path) => location.assign(&path),
            None => location.reload(),
        }
        .ok();
    });
    move || match state.get() {
        Code::Here => None,
        Code::Loading => Some(view! {
            <div class="banner banner-info" role="status" data-testid="module-loading">
                {t!(i18n, module_loading)}
            </div>
        }),
        Code::Waiting => Some(view! {
            <div class="banner banner-info" role="status" data-testid="module-waiting">
                {t!(i18n, module_waiting)}
            </div>
        }),
    }
}
