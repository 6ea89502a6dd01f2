//! Settings screen (设置): interface language, remembered on this device.

use leptos::prelude::*;

use crate::i18n::*;
use crate::prefs;

/// The Settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let choose = move |locale: Locale| {
        i18n.set_locale(locale);
        error.set(prefs::set_locale(locale).err().map(|e| e.to_string()));
    };
    view! {
        <h1>{t!(i18n, settings_title)}</h1>
        <section class="card">
            <h2>{t!(i18n, settings_language)}</h2>
            <div class="segmented" role="radiogroup">
                <button role="radio" aria-checked=move || (i18n.get_locale() == Locale::zh).to_string()
                    on:click=move |_| choose(Locale::zh)>{t!(i18n, lang_zh)}</button>
                <button role="radio" aria-checked=move || (i18n.get_locale() == Locale::en).to_string()
                    on:click=move |_| choose(Locale::en)>{t!(i18n, lang_en)}</button>
            </div>
            <p class="hint">{t!(i18n, settings_language_hint)}</p>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        </section>
    }
}
