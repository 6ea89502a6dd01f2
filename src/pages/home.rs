//! Home screen (首页): who is signed in, where they are dispatched (to acknowledge), their
//! duty today and tomorrow, their week of the region's cooperation (patrols, trainings,
//! meetings, their station's open decisions), their station's workbook (visits overdue, mediation cases past a
//! deadline), and the latest bulletins of the region.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::fmt;
use crate::i18n::*;
use crate::pages::bulletins::{BulletinRow, latest};
use crate::pages::command::dispatch::MyDispatch;
use crate::pages::community::home::MyWorkbook;
use crate::pages::cooperation::home::MyWeek;
use crate::pages::roster::mine::MyDuty;
use crate::sync;

/// The Home page.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let signals = sync::signals();
    view! {
        <h1>{t!(i18n, home_title)}</h1>
        {move || match (signals.ready.get(), signals.claims.get()) {
            (false, _) => view! { <p class="empty">{t!(i18n, home_loading)}</p> }.into_any(),
            (true, None) => view! { <p class="empty">{t!(i18n, home_empty)}</p> }.into_any(),
            (true, Some(c)) => view! {
                <section class="card">
                    <h2>{t!(i18n, who_title)}</h2>
                    <p class="who" data-testid="who">
                        <strong>{fmt::officer(i18n, &c.name, &c.badge)}</strong>" "{fmt::post(i18n, &c)}
                    </p>
                    <p>{fmt::unit(i18n, &c)}</p>
                </section>
                {move || sync::first_sync_pending().then(|| view! {
                    <p class="banner banner-warn" role="status" data-testid="first-sync">{t!(i18n, home_first_sync)}</p>
                })}
                <MyDispatch/>
                <MyDuty/>
                <MyWeek/>
                <MyWorkbook/>
                <section class="card">
                    <h2><A href="/bulletins">{t!(i18n, home_latest)}</A></h2>
                    <ul class="bulletin-list">
                        {move || latest(5).into_iter().map(|row| view! { <BulletinRow row=row/> }).collect_view()}
                    </ul>
                </section>
            }.into_any(),
        }}
    }
}
