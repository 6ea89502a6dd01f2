//! Settings screen (设置): who is signed in (and sign-out), the sync state of every open
//! document with its last sync, the app's version and whether it starts offline, and the
//! interface language.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::fmt;
use crate::i18n::*;
use crate::prefs;
use crate::pwa::{self, OfflineStart};
use crate::sync::{self, status::Link, status::Refusal};

/// The Settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, settings_title)}</h1>
        <Session/>
        <Documents/>
        <AppInfo/>
        <Language/>
    }
}

#[component]
fn Session() -> impl IntoView {
    let i18n = use_i18n();
    let claims = sync::signals().claims;
    let error = RwSignal::new(None::<crate::store::StoreError>);
    let sign_out = move |_| {
        let waiting = sync::waiting_changes();
        if waiting > 0 {
            let question = crate::components::fmt::fill(
                t_string!(i18n, settings_sign_out_confirm),
                &[("count", (waiting).to_string())],
            )
            .to_string();
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        spawn_local(async move {
            match sync::sign_out().await {
                Ok(()) => {
                    let _ = window().location().set_href("/");
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    move || {
        claims.get().map(|c| {
            view! {
                <section class="card">
                    <h2>{t!(i18n, settings_session)}</h2>
                    <p class="who" data-testid="who">
                        <strong>{fmt::officer(i18n, &c.name, &c.badge)}</strong>" "{fmt::post(i18n, &c)}
                    </p>
                    <p>{fmt::unit(i18n, &c)}</p>
                    {move || (crate::components::sync_badge::summary() == sync::status::Summary::SignInExpired).then(|| view! {
                        <p class="error" role="alert" data-testid="sign-in-expired">{t!(i18n, session_expired_hint)}</p>
                    })}
                    // Until storage is read the changes waiting for the relay are not known
                    // yet, and signing out could not ask before removing them.
                    <button class="button secondary" disabled=move || !sync::loaded() on:click=sign_out>
                        {t!(i18n, settings_sign_out)}
                    </button>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{fmt::store_error(i18n, &e)}</p> })}
                </section>
            }
        })
    }
}

/// The app's version and build, and whether it can start on this device without network.
#[component]
fn AppInfo() -> impl IntoView {
    let i18n = use_i18n();
    let version = fmt::fill(
        t_string!(i18n, settings_app_version),
        &[("version", env!("CARGO_PKG_VERSION").to_string()), ("build", pwa::build())],
    )
    .to_string();
    let offline = pwa::offline_start();
    view! {
        <section class="card">
            <h2>{t!(i18n, settings_app)}</h2>
            <p data-testid="app-version">{version}</p>
            <p data-testid="offline-start" class=move || match offline.get() {
                OfflineStart::Ready => "hint ok",
                OfflineStart::Preparing => "hint",
                _ => "error",
            }>
                {move || match offline.get() {
                    OfflineStart::Ready => t_string!(i18n, settings_offline_ready),
                    OfflineStart::Preparing => t_string!(i18n, settings_offline_preparing),
                    OfflineStart::NeedsHttps => t_string!(i18n, settings_offline_needs_https),
                    OfflineStart::Unavailable => t_string!(i18n, settings_offline_unavailable),
                }}
            </p>
        </section>
    }
}

#[component]
fn Documents() -> impl IntoView {
    let i18n = use_i18n();
    let docs = sync::signals().docs;
    view! {
        <section class="card">
            <h2>{t!(i18n, settings_documents)}</h2>
            <p class="hint">{t!(i18n, settings_documents_hint)}</p>
            <ul class="doc-list" data-testid="doc-list">
                <For each=move || docs.get() key=|(id, _)| id.to_string() let:item>
                    {
                        let (id, entry) = item;
                        let name = {
                            let id = id.clone();
                            let directory = sync::signals().claims.get_untracked().map(|c| liandong_core::DocumentId::directory(&c.county));
                            move || {
                                // Re-read when the directory changes: it names stations and regions.
                                if let Some(dir) = directory.as_ref().and_then(sync::open_doc) {
                                    dir.1.track();
                                }
                                fmt::document(i18n, &id)
                            }
                        };
                        let state = move || {
                            let s = entry.status.get();
                            let mut parts = Vec::new();
                            match (s.refused, s.link) {
                                (Some(Refusal::SignInExpired), _) => parts.push(t_string!(i18n, sync_expired).to_string()),
                                (Some(Refusal::ReadOnly), _) => parts.push(t_string!(i18n, sync_read_only).to_string()),
                                _ => {}
                            }
                            if let Some((got, total)) = s.progress {
                                parts.push(crate::components::fmt::fill(t_string!(i18n, sync_syncing), &[("got", (got / 1024).to_string()), ("total", (total.div_ceil(1024)).to_string())]).to_string());
                            } else if s.waiting > 0 {
                                parts.push(crate::components::fmt::fill(t_string!(i18n, sync_waiting), &[("count", (s.waiting).to_string())]).to_string());
                            } else if s.link == Link::Online {
                                parts.push(t_string!(i18n, sync_saved).to_string());
                            }
                            // Refused: the link is not down, the sign-in is; "offline since" would mislead.
                            let refused = s.refused == Some(Refusal::SignInExpired);
                            match (s.link, s.offline_since) {
                                _ if refused => {}
                                (Link::Offline, Some(t)) => parts.push(crate::components::fmt::fill(t_string!(i18n, sync_offline_since), &[("time", (fmt::hhmm(t)).to_string())]).to_string()),
                                (Link::Connecting, _) => parts.push(t_string!(i18n, sync_connecting).to_string()),
                                _ => {}
                            }
                            parts.join(" · ")
                        };
                        let last = move || match entry.status.get().last_sync {
                            Some(t) => crate::components::fmt::fill(t_string!(i18n, sync_last), &[("time", (fmt::hhmm(t)).to_string())]).to_string(),
                            None => t_string!(i18n, sync_never).to_string(),
                        };
                        view! {
                            <li data-doc=id.to_string()>
                                <span class="doc-name">{name}</span>
                                <span class="doc-state">{state}</span>
                                <span class="doc-last hint">{last}</span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

#[component]
fn Language() -> impl IntoView {
    let i18n = use_i18n();
    // Only that the choice is not remembered: the browser's storage is full or disabled.
    let not_kept = RwSignal::new(false);
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        not_kept.set(prefs::set_locale(locale).is_err());
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, settings_language)}</h2>
            <div class="segmented" role="radiogroup">
                <button role="radio" aria-checked=move || (i18n.get_locale() == Locale::zh).to_string()
                    on:click=move |_| choose(Locale::zh)>{t!(i18n, lang_zh)}</button>
                <button role="radio" aria-checked=move || (i18n.get_locale() == Locale::en).to_string()
                    on:click=move |_| choose(Locale::en)>{t!(i18n, lang_en)}</button>
            </div>
            <p class="hint">{t!(i18n, settings_language_hint)}</p>
            {move || not_kept.get().then(|| view! { <p class="error" role="alert">{t!(i18n, settings_language_not_kept)}</p> })}
        </section>
    }
}
