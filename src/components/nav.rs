//! The main navigation: one link per screen, a bottom bar on phones and a top bar on laptops.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// The nav bar. The current page's link gets `aria-current="page"` from the router.
#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="app-nav" aria-label="main">
            <A href="/" exact=true>{t!(i18n, nav_home)}</A>
            <A href="/bulletins">{t!(i18n, nav_bulletins)}</A>
            <A href="/roster">{t!(i18n, nav_roster)}</A>
            <A href="/districts">{t!(i18n, nav_districts)}</A>
            <A href="/community">{t!(i18n, nav_workbook)}</A>
            <A href="/command">{t!(i18n, nav_region)}</A>
            <A href="/settings">{t!(i18n, nav_settings)}</A>
        </nav>
    }
}
