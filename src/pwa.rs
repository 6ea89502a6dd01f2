//! The installed app (PWA): registers the service worker (`public/sw.js`), notices when a
//! new build has taken over, and tells which build this page runs.
//!
//! The service worker of a new build installs in the background. The browser checks
//! `/sw.js` on every page load; this module also asks every [`CHECK_EVERY_MS`], when the
//! network comes back, when the officer returns to the tab, and when a relay link opens
//! again, since a relay that restarts is usually a deploy ([`relay_reachable`]). Once it
//! has every file of the new build it takes over; this page keeps running the build it
//! started with and [`update_ready`] turns true, so the app can say "新版本已就绪". A
//! reload runs the new build. An install that did not finish (cut off, or stopped by the
//! worker's own time budget on a slow link) keeps what arrived; this module asks again
//! after [`RETRY_FIRST_MS`], doubling up to [`CHECK_EVERY_MS`], and the next attempt fetches
//! only what is missing. A first install waits for the signed-in officer's first sync
//! (at most [`FIRST_SYNC_WAIT_MS`]), so the data comes before the offline copy of the
//! app. Service workers need a secure context (HTTPS, or localhost): elsewhere
//! [`offline_start`] says why the app cannot start without network.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerUpdateViaCache};

/// How often a running app asks the relay for a new build, in ms (15 min).
pub const CHECK_EVERY_MS: u32 = 15 * 60 * 1000;
/// Least time between two checks caused by relay links opening, in ms (one document's
/// link opening is enough; the others of the same moment add nothing).
pub const RELAY_CHECK_GAP_MS: f64 = 5_000.0;

/// First wait before asking again after an install that did not finish, in ms (10 s);
/// each further failure doubles it, up to [`CHECK_EVERY_MS`].
pub const RETRY_FIRST_MS: u32 = 10_000;

/// Whether this page can start without network next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfflineStart {
    /// The service worker controls this page: the app's files are on this device.
    Ready,
    /// The service worker is still storing the app's files (first visit).
    Preparing,
    /// Not a secure context (plain HTTP to a LAN address): browsers refuse service
    /// workers; the relay must serve HTTPS (README, "HTTPS for community laptops").
    NeedsHttps,
    /// This browser has no service workers, or registering failed.
    Unavailable,
}

struct State {
    update_ready: RwSignal<bool>,
    offline_start: RwSignal<OfflineStart>,
    registration: RefCell<Option<ServiceWorkerRegistration>>,
    /// Whether a service worker controlled this page before: the first one taking over is
    /// the first install, not an update.
    controlled: Cell<bool>,
    /// When a relay link last caused a check (ms since the epoch).
    relay_checked: Cell<f64>,
    /// The wait before the next retry of an install that did not finish, in ms (0: none failed).
    retry_ms: Cell<u32>,
    /// Set while the pages' modules load in the background ([`preloading`]).
    preloading: Cell<bool>,
}

thread_local! {
    static STATE: State = State {
        update_ready: RwSignal::new(false),
        offline_start: RwSignal::new(OfflineStart::Unavailable),
        registration: RefCell::new(None),
        controlled: Cell::new(false),
        relay_checked: Cell::new(0.0),
        retry_ms: Cell::new(0),
        preloading: Cell::new(false),
    };
}

/// True once a new build has taken over; reloading the page runs it.
pub fn update_ready() -> RwSignal<bool> {
    STATE.with(|s| s.update_ready)
}

/// Whether the app can start on this device without network (reactive).
pub fn offline_start() -> RwSignal<OfflineStart> {
    STATE.with(|s| s.offline_start)
}

/// The build this page runs: the 12 hex digits `scripts/stamp-shell.sh` writes into
/// index.html's `<meta name="liandong-build">` (`dev` when unstamped).
pub fn build() -> String {
    document()
        .query_selector("meta[name=liandong-build]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| "dev".into())
}

/// How long after start-up (or the first install) the pages' modules are loaded, in ms:
/// sync and the first page go first.
const PRELOAD_AFTER_MS: u32 = 3_000;

/// Loads the pages' modules in the background ([`crate::routes::preload_all`]).
fn preload_pages() {
    leptos::task::spawn_local(async {
        gloo::timers::future::TimeoutFuture::new(PRELOAD_AFTER_MS).await;
        STATE.with(|s| s.preloading.set(true));
        crate::routes::preload_all().await;
        STATE.with(|s| s.preloading.set(false));
    });
}

/// Whether the pages' modules are loading in the background now: the module loader's
/// events are then not the officer's page (`components::module_waiting` must not dim the
/// page being typed into, nor reload it when a module that waited arrives).
pub fn preloading() -> bool {
    STATE.with(|s| s.preloading.get())
}

/// Registers the service worker and starts watching for new builds. Call once at start-up.
pub fn start() {
    let window = window();
    if !window.is_secure_context() {
        offline_start().set(OfflineStart::NeedsHttps);
        return;
    }
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let controlled = container.controller().is_some();
    STATE.with(|s| s.controlled.set(controlled));
    offline_start().set(if controlled { OfflineStart::Ready } else { OfflineStart::Preparing });

    if controlled {
        preload_pages();
    }
    let took_over = Closure::<dyn FnMut()>::new(move || {
        offline_start().set(OfflineStart::Ready);
        if STATE.with(|s| s.controlled.replace(true)) {
            update_ready().set(true);
        } else {
            // The first install finished: the pages' modules are in the cache now.
            preload_pages();
        }
    });
    let _ = container.add_event_listener_with_callback("controllerchange", took_over.as_ref().unchecked_ref());
    took_over.forget();

    if controlled {
        register(container, RETRY_FIRST_MS);
    } else {
        register_after_first_sync(container);
    }
    let check = Closure::<dyn FnMut()>::new(check_for_update);
    let _ = window.add_event_listener_with_callback("online", check.as_ref().unchecked_ref());
    let _ = window
        .set_interval_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), CHECK_EVERY_MS as i32);
    check.forget();
    let returned = Closure::<dyn FnMut()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            check_for_update();
        }
    });
    let _ = document().add_event_listener_with_callback("visibilitychange", returned.as_ref().unchecked_ref());
    returned.forget();
}

/// Longest wait of a first install for the officer's first sync, in ms (1 min).
pub const FIRST_SYNC_WAIT_MS: i32 = 60_000;
/// How long the first sync must have been done before a first install starts, in ms.
const SETTLED_MS: i32 = 2_000;

/// A first install (about 1 MB) waits until the officer's documents have had their first
/// sync, or [`FIRST_SYNC_WAIT_MS`]: the connections share a slow link about fairly, and the
/// install's 4 downloads at a time would leave that sync a fifth of it. Registers at once
/// when nobody is signed in and no login link is being used.
fn register_after_first_sync(container: ServiceWorkerContainer) {
    let waiting = std::rc::Rc::new(RefCell::new(Some(container)));
    let go = {
        let waiting = waiting.clone();
        move || {
            if let Some(container) = waiting.borrow_mut().take() {
                register(container, RETRY_FIRST_MS);
            }
        }
    };
    let later = Closure::once(go.clone());
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(later.as_ref().unchecked_ref(), FIRST_SYNC_WAIT_MS);
    later.forget();
    let signing_in = window().location().pathname().is_ok_and(|p| p == "/login")
        && crate::session::token_from_fragment(&window().location().hash().unwrap_or_default()).is_some();
    let settled = move || {
        let signals = crate::sync::signals();
        signals.ready.get()
            && match signals.claims.get() {
                None => !signing_in,
                Some(_) => crate::sync::loaded() && !crate::sync::first_sync_pending(),
            }
    };
    // Settled for SETTLED_MS, not just for a moment: the first documents' sync names the
    // officer's stations, whose documents open next and have their own first sync.
    Effect::new(move |_| {
        if settled() && waiting.borrow().is_some() {
            let go = go.clone();
            let still = Closure::once(move || {
                if untrack(settled) {
                    go();
                }
            });
            let _ = window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(still.as_ref().unchecked_ref(), SETTLED_MS);
            still.forget();
        }
    });
}

/// Registers the worker; when sw.js cannot be fetched, tries again after `retry_ms`.
fn register(container: ServiceWorkerContainer, retry_ms: u32) {
    let options = RegistrationOptions::new();
    // The browser must fetch sw.js itself, never from its HTTP cache, to see a new build.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("/sw.js", &options);
    leptos::task::spawn_local(async move {
        match JsFuture::from(promise).await {
            // A browser with service workers blocked resolves with `undefined`.
            Ok(registration) if registration.is_object() => {
                let registration: ServiceWorkerRegistration = registration.unchecked_into();
                watch_installs(&registration);
                STATE.with(|s| *s.registration.borrow_mut() = Some(registration));
            }
            Ok(blocked) => {
                leptos::logging::warn!("service worker not registered: {blocked:?}");
                offline_start().set(OfflineStart::Unavailable);
            }
            // sw.js could not be fetched (the link dropped): asked again later, doubling.
            Err(e) => {
                leptos::logging::warn!("service worker not registered yet: {e:?}");
                let again = Closure::once(move || register(container, (retry_ms * 2).min(CHECK_EVERY_MS)));
                let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                    again.as_ref().unchecked_ref(),
                    retry_ms.min(CHECK_EVERY_MS) as i32,
                );
                again.forget();
            }
        }
    });
}

/// Watches each new build's install: one that ends without being installed (the worker
/// turns `redundant` straight from `installing`) is retried later ([`RETRY_FIRST_MS`]).
fn watch_installs(registration: &ServiceWorkerRegistration) {
    let watched = registration.clone();
    let found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = watched.installing() else { return };
        let seen = worker.clone();
        let installed = Cell::new(false);
        let changed = Closure::<dyn FnMut()>::new(move || {
            let state = js_sys::Reflect::get(&seen, &"state".into()).ok().and_then(|s| s.as_string());
            match state.as_deref() {
                Some("installed" | "activating" | "activated") => {
                    installed.set(true);
                    STATE.with(|s| s.retry_ms.set(0));
                }
                Some("redundant") if !installed.get() => retry_later(),
                _ => {}
            }
        });
        worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
        changed.forget();
    });
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

/// Asks again for the new build after the current retry wait, and doubles the wait.
fn retry_later() {
    let wait = STATE.with(|s| {
        let wait = s.retry_ms.get().max(RETRY_FIRST_MS);
        s.retry_ms.set(wait.saturating_mul(2).min(CHECK_EVERY_MS));
        wait
    });
    let check = Closure::once_into_js(check_for_update);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), wait as i32);
}

/// Asks the relay whether `/sw.js` changed; a new build then installs in the background.
/// Fails quietly with no network (the next check comes).
pub fn check_for_update() {
    let Some(registration) = STATE.with(|s| s.registration.borrow().clone()) else { return };
    if let Ok(promise) = registration.update() {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Called by the sync layer when a relay link opens after being down: checks for a new
/// build, at most once per [`RELAY_CHECK_GAP_MS`].
pub fn relay_reachable() {
    let now = js_sys::Date::now();
    let due = STATE.with(|s| {
        let due = s.registration.borrow().is_some() && now - s.relay_checked.get() >= RELAY_CHECK_GAP_MS;
        if due {
            s.relay_checked.set(now);
        }
        due
    });
    if due {
        check_for_update();
    }
}
