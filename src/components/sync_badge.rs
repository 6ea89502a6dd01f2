//! The header's sync-state badge.
//!
//! At this stage it reports the browser's network state (`navigator.onLine` and its
//! `online`/`offline` events); the sync provider replaces it with state derived from the
//! documents' state vectors.

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::*;

/// A badge reading "在线" / "离线" that follows the browser's network state.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(window().navigator().on_line());
    let _ = window_event_listener(ev::online, move |_| online.set(true));
    let _ = window_event_listener(ev::offline, move |_| online.set(false));
    view! {
        <span class="sync-badge" class:offline=move || !online.get() role="status">
            {move || if online.get() { t_string!(i18n, sync_online) } else { t_string!(i18n, sync_offline) }}
        </span>
    }
}
