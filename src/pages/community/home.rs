//! The workbook on Home: one line with the visits overdue and due within 7 days and the
//! mediation cases past a deadline, linking to the workbook; shown to a station's officers.

use leptos::prelude::*;
use leptos_router::components::A;

use super::page::Summary;
use crate::i18n::*;

/// The Home section.
#[component]
pub fn MyWorkbook() -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| super::data::state());
    let open = Memo::new(move |_| state.with(Option::is_some));
    move || {
        open.get().then(|| {
            view! {
                <section class="card" data-testid="home-workbook">
                    <h2><A href="/community">{t!(i18n, wb_title)}</A></h2>
                    <Summary state=state/>
                </section>
            }
        })
    }
}
