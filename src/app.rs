//! The root component: i18n context, header (product name and sync badge), nav and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, path};

use crate::components::module_waiting::ModuleWaiting;
use crate::components::nav::Nav;
use crate::components::storage_banner::StorageBanner;
use crate::components::sync_badge::SyncBadge;
use crate::components::update_banner::UpdateBanner;
use crate::i18n::*;
use crate::{pages, routes};

/// The whole app. Mounted on `<body>` by `main`: starts sync (stored sign-in, documents)
/// and asks the officer to wait when the tab is closed while a change is being stored.
#[component]
pub fn App() -> impl IntoView {
    crate::sync::start();
    crate::pwa::start();
    let _ = window_event_listener(leptos::ev::beforeunload, |event| {
        if crate::sync::writes_pending() {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    view! {
        <I18nContextProvider>
            <Shell/>
        </I18nContextProvider>
    }
}

/// Header, nav and the routed page.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    // leptos_i18n (without its cookie feature) starts in the browser's language, set by an
    // effect of its provider; this effect, created after it, runs after it and applies the
    // remembered choice (Chinese by default) before the first paint.
    Effect::new(move |_| {
        let remembered = crate::prefs::locale();
        if i18n.get_locale_untracked() != remembered {
            i18n.set_locale(remembered);
        }
    });
    Effect::new(move |_| document().set_title(t_string!(i18n, document_title)));
    view! {
        <Router>
            <header class="app-header">
                <a class="brand" href="/">
                    <span class="brand-name">{t!(i18n, app_name)}</span>
                    <span class="brand-tagline">{t!(i18n, app_tagline)}</span>
                </a>
                <SyncBadge/>
            </header>
            <Nav/>
            <StorageBanner/>
            <UpdateBanner/>
            <ModuleWaiting/>
            <main class="page">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/bulletins") view={Lazy::<routes::BulletinsRoute>::new()}/>
                    <Route path=path!("/bulletins/new") view={Lazy::<routes::NewBulletinRoute>::new()}/>
                    <Route path=path!("/bulletins/forwarded") view={Lazy::<routes::ForwardedRoute>::new()}/>
                    <Route path=path!("/bulletins/:id") view={Lazy::<routes::BulletinDetailRoute>::new()}/>
                    <Route path=path!("/bulletins/:id/edit") view={Lazy::<routes::EditBulletinRoute>::new()}/>
                    <Route path=path!("/series") view={Lazy::<routes::SeriesListRoute>::new()}/>
                    <Route path=path!("/series/:id") view={Lazy::<routes::SeriesPageRoute>::new()}/>
                    <Route path=path!("/roster") view={Lazy::<routes::RosterRoute>::new()}/>
                    <Route path=path!("/districts") view={Lazy::<routes::DistrictsRoute>::new()}/>
                    <Route path=path!("/community") view={Lazy::<routes::WorkbookRoute>::new()}/>
                    <Route path=path!("/cooperation") view={Lazy::<routes::CooperationRoute>::new()}/>
                    <Route path=path!("/community/cases/:id/print") view={Lazy::<routes::WorkbookRoute>::new()}/>
                    <Route path=path!("/region") view={Lazy::<routes::RegionRoute>::new()}/>
                    <Route path=path!("/command") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/incidents") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/incidents/new") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/incidents/:id") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/incidents/:id/print") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/incidents/:id/edit") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/requests/new") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/requests/:id") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/pool") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/command/plans") view={Lazy::<routes::CommandRoute>::new()}/>
                    <Route path=path!("/settings") view={Lazy::<routes::SettingsRoute>::new()}/>
                    <Route path=path!("/login") view=pages::login::Login/>
                </Routes>
            </main>
        </Router>
    }
}
