//! The pages other than Home and Login as lazy routes: each page's code is a Wasm module of its own
//! (`scripts/split-wasm.sh` splits the build with wasm-split), fetched the first time the
//! page is opened, so a first visit downloads only what Home and the nav need (319 KB of
//! 536 KB with Brotli on 2026-12-06; docs/architecture.md "What the browser downloads").
//!
//! Login is not lazy: a login link opens it on a first visit, and its module would cost
//! that visit another chain of round trips (4 s at 600 ms).
//!
//! Each page is built `untrack`ed: a lazy route's view is built inside the router's
//! `Suspend`, which re-runs (building the page again, losing what was typed into a form)
//! whenever a signal the page read while being built changes, as sync's do every few
//! seconds.
//!
//! Written out one by one: `#[lazy_route]` names each module by the line it is expanded on,
//! so a macro generating them would give them all one name.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// Loads every page's module, one after the other, in the background. Called once the
/// service worker has stored the build ([`crate::pwa`]), so the modules come from its cache,
/// not the link: later page opens wait for nothing, and a page never loads its code
/// asynchronously while the officer is already typing into it. A module that cannot be
/// fetched is retried by the loader until it can (`scripts/patch-split-loader.mjs`).
pub async fn preload_all() {
    BulletinsRoute::preload().await;
    BulletinDetailRoute::preload().await;
    NewBulletinRoute::preload().await;
    EditBulletinRoute::preload().await;
    ForwardedRoute::preload().await;
    SeriesListRoute::preload().await;
    SeriesPageRoute::preload().await;
    RosterRoute::preload().await;
    DistrictsRoute::preload().await;
    WorkbookRoute::preload().await;
    CooperationRoute::preload().await;
    RegionRoute::preload().await;
    CommandRoute::preload().await;
    SettingsRoute::preload().await;
}

use crate::pages;

/// The page [`crate::pages::bulletins::Bulletins`], fetched when first opened.
pub struct BulletinsRoute;

#[lazy_route]
impl LazyRoute for BulletinsRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::Bulletins/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::form::NewBulletin`], fetched when first opened.
pub struct NewBulletinRoute;

#[lazy_route]
impl LazyRoute for NewBulletinRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::form::NewBulletin/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::forwarded::Forwarded`], fetched when first opened.
pub struct ForwardedRoute;

#[lazy_route]
impl LazyRoute for ForwardedRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::forwarded::Forwarded/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::detail::BulletinDetail`], fetched when first opened.
pub struct BulletinDetailRoute;

#[lazy_route]
impl LazyRoute for BulletinDetailRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::detail::BulletinDetail/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::form::EditBulletin`], fetched when first opened.
pub struct EditBulletinRoute;

#[lazy_route]
impl LazyRoute for EditBulletinRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::form::EditBulletin/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::series::SeriesList`], fetched when first opened.
pub struct SeriesListRoute;

#[lazy_route]
impl LazyRoute for SeriesListRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::series::SeriesList/> }.into_any())
    }
}

/// The page [`crate::pages::bulletins::series::SeriesPage`], fetched when first opened.
pub struct SeriesPageRoute;

#[lazy_route]
impl LazyRoute for SeriesPageRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::bulletins::series::SeriesPage/> }.into_any())
    }
}

/// The page [`crate::pages::roster::Roster`], fetched when first opened.
pub struct RosterRoute;

#[lazy_route]
impl LazyRoute for RosterRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::roster::Roster/> }.into_any())
    }
}

/// The page [`crate::pages::districts::Districts`], fetched when first opened.
pub struct DistrictsRoute;

#[lazy_route]
impl LazyRoute for DistrictsRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::districts::Districts/> }.into_any())
    }
}

/// The page [`crate::pages::region::Region`], fetched when first opened.
pub struct RegionRoute;

#[lazy_route]
impl LazyRoute for RegionRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::region::Region/> }.into_any())
    }
}

/// The page [`crate::pages::settings::Settings`], fetched when first opened.
pub struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::settings::Settings/> }.into_any())
    }
}

/// Every page of regional command ([`crate::pages::command::CommandPages`], `/command/…`)
/// as one module, fetched when the first of them is opened: they share most of their
/// code, and each lazy route costs the first-visit Wasm its own loader (about 1.5 KB with
/// Brotli) and splits the shared code into more modules.
pub struct CommandRoute;

#[lazy_route]
impl LazyRoute for CommandRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::command::CommandPages/> }.into_any())
    }
}

/// The page [`crate::pages::community::Workbook`], fetched when first opened.
pub struct WorkbookRoute;

#[lazy_route]
impl LazyRoute for WorkbookRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::community::Workbook/> }.into_any())
    }
}

/// The page [`crate::pages::cooperation::Cooperation`], fetched when first opened.
pub struct CooperationRoute;

#[lazy_route]
impl LazyRoute for CooperationRoute {
    fn data() -> Self {
        Self
    }
    fn view(_this: Self) -> AnyView {
        untrack(|| view! { <pages::cooperation::Cooperation/> }.into_any())
    }
}
