//! Device preferences that survive reloads: the interface language.
//!
//! Kept in `localStorage` (synchronous, so the first frame is already in the right
//! language); everything with domain meaning lives in IndexedDB via [`crate::store`].
//!
//! leptos_i18n takes its first locale from its cookie, else from the browser's languages.
//! Its cookie only lives for the browser session and an English browser would start in
//! English, so [`seed_i18n_cookie`] writes the remembered choice (Chinese by default) into
//! that cookie before the app mounts.

use gloo::storage::{LocalStorage, Storage};

use wasm_bindgen::JsCast;

use crate::i18n::Locale;

/// `localStorage` key of the interface language: `"zh"` or `"en"`.
const LOCALE_KEY: &str = "liandong.locale";

/// The remembered interface language; Chinese when none was chosen or the value is unknown.
pub fn locale() -> Locale {
    match LocalStorage::get::<String>(LOCALE_KEY).ok().as_deref() {
        Some("en") => Locale::en,
        _ => Locale::zh,
    }
}

/// Name of leptos_i18n's locale cookie (its default, `COOKIE_PREFERED_LANG`).
const I18N_COOKIE: &str = "i18n_pref_locale";

/// Writes [`locale`] into leptos_i18n's cookie; call before mounting the app.
pub fn seed_i18n_cookie() {
    let code = code(locale());
    let document = gloo::utils::document();
    if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
        // Failing to set a cookie (cookies disabled) leaves the browser's language; not fatal.
        let _ = html.set_cookie(&format!("{I18N_COOKIE}={code}; path=/; SameSite=Strict"));
    }
}

fn code(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::zh => "zh",
    }
}

/// Remembers `locale` for the next start. A full or disabled `localStorage` only means the
/// choice is not remembered, so the error is returned for the caller to show, not thrown.
pub fn set_locale(locale: Locale) -> Result<(), gloo::storage::errors::StorageError> {
    LocalStorage::set(LOCALE_KEY, code(locale))
}
