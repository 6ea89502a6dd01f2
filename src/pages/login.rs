//! Sign-in (`/login#token=...`): the link the relay prints for an officer's device. The
//! token is checked (expired or invalid links are refused, with how to get a new one), kept
//! in IndexedDB, and the page shows who the device is now signed in as.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::fmt;
use crate::i18n::*;
use crate::session::token_from_fragment;
use crate::sync::{self, SignInError};

/// Why the sign-in did not happen, for the page.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// The link has no token.
    Missing,
    /// The sign-in was refused.
    Refused(SignInError),
}

/// The sign-in page.
#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let result = RwSignal::new(None::<Result<liandong_core::access::Claims, Problem>>);
    let hash = window().location().hash().unwrap_or_default();
    match token_from_fragment(&hash) {
        Some(token) => spawn_local(async move {
            let outcome = sync::sign_in(&token).await;
            if outcome.is_ok() {
                // Keep the token out of the address bar and history.
                let _ = window()
                    .history()
                    .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/login")));
            }
            result.set(Some(outcome.map_err(Problem::Refused)));
        }),
        None => result.set(Some(Err(Problem::Missing))),
    }
    view! {
        <h1>{t!(i18n, login_title)}</h1>
        {move || match result.get() {
            None => view! { <p>{t!(i18n, login_working)}</p> }.into_any(),
            Some(Ok(claims)) => view! {
                <section class="card" data-testid="signed-in">
                    <p>{t!(i18n, login_done)}</p>
                    <p class="who">
                        <strong>{fmt::officer(i18n, &claims.name, &claims.badge)}</strong>" "
                        {fmt::role(i18n, claims.role)}
                    </p>
                    <p>{fmt::unit(i18n, &claims)}</p>
                    <A href="/">{t!(i18n, login_go_home)}</A>
                </section>
            }.into_any(),
            Some(Err(problem)) => {
                let (message, new_link) = match problem {
                    Problem::Missing => (t_string!(i18n, login_missing).to_string(), false),
                    Problem::Refused(SignInError::Expired) => (t_string!(i18n, login_expired).to_string(), true),
                    Problem::Refused(SignInError::Invalid) => (t_string!(i18n, login_invalid).to_string(), true),
                    Problem::Refused(SignInError::OtherOfficer) => (t_string!(i18n, login_other_officer).to_string(), false),
                    Problem::Refused(SignInError::Storage(reason)) => {
                        (fmt::fill(t_string!(i18n, login_storage), &[("reason", fmt::store_error(i18n, &reason).to_string())]), false)
                    }
                };
                view! {
                    <section class="card" data-testid="sign-in-refused">
                        <p class="error" role="alert">{message}</p>
                        {new_link.then(|| view! { <p>{t!(i18n, login_ask_admin)}</p> })}
                    </section>
                }
                .into_any()
            }
        }}
    }
}
