//! Device preferences that survive reloads: the interface language.
//!
//! Kept in `localStorage` (synchronous, so the first frame is already in the right
//! language); everything with domain meaning lives in IndexedDB via [`crate::store`].
//!
//! leptos_i18n (built without its cookie feature) starts in the browser's language; the
//! shell (`crate::app`) sets the remembered choice, Chinese by default, in an effect that
//! runs before the first paint, so an English browser still starts in Chinese unless the officer chose English.

use gloo::storage::{LocalStorage, Storage};

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
