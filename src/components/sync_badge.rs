//! The header's sync-state badge: the worst state over every open document, derived from
//! state vectors ([`crate::sync::status`]): saved to relay, N changes waiting, offline
//! since HH:MM, syncing with progress, or sign-in expired.

use leptos::prelude::*;

use crate::components::fmt::hhmm;
use crate::i18n::*;
use crate::sync::{self, status::Summary};

/// The summary of every open document's sync state.
pub fn summary() -> Summary {
    let docs = sync::signals().docs.get();
    let states: Vec<_> = docs.iter().map(|(_, e)| e.status.get()).collect();
    sync::status::summarise(states.iter())
}

/// The badge.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| summary());
    let class = move || match state.get() {
        Summary::Saved => "sync-badge",
        Summary::Waiting(..) | Summary::Syncing(..) | Summary::Connecting => "sync-badge waiting",
        _ => "sync-badge offline",
    };
    let text = move || match state.get() {
        Summary::Idle => t_string!(i18n, sync_idle).to_string(),
        Summary::SignInExpired => t_string!(i18n, sync_expired).to_string(),
        Summary::Syncing(got, total) => crate::components::fmt::fill(
            t_string!(i18n, sync_syncing),
            &[("got", (got / 1024).to_string()), ("total", (total.div_ceil(1024)).to_string())],
        )
        .to_string(),
        Summary::Waiting(n, Some(since)) => crate::components::fmt::fill(
            t_string!(i18n, sync_waiting_offline),
            &[("count", (n).to_string()), ("time", (hhmm(since)).to_string())],
        )
        .to_string(),
        Summary::Waiting(n, None) => {
            crate::components::fmt::fill(t_string!(i18n, sync_waiting), &[("count", (n).to_string())]).to_string()
        }
        Summary::Offline(Some(since)) => {
            crate::components::fmt::fill(t_string!(i18n, sync_offline_since), &[("time", (hhmm(since)).to_string())])
                .to_string()
        }
        Summary::Offline(None) => t_string!(i18n, sync_offline).to_string(),
        Summary::Connecting => t_string!(i18n, sync_connecting).to_string(),
        Summary::Saved => t_string!(i18n, sync_saved).to_string(),
    };
    view! {
        <a href="/settings" class=class role="status" aria-live="polite" data-testid="sync-badge">{text}</a>
    }
}
