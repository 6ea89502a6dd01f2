//! The workbook's figures (visits overdue and due within 7 days, mediation cases past a
//! deadline), on Home and at the top of the workbook. Home is in the first visit's Wasm,
//! so the figures come from core's glance at the raw document
//! ([`liandong_core::community::glance`]), not from its decoded records.

use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::community::glance::{Glance, glance};
use liandong_core::docs::StationCommunity;

use crate::components::fmt::fill;
use crate::i18n::*;

/// The figures of the signed-in officer's station's workbook now; reactive. `None` until
/// the workbook is read here ([`crate::sync::read_settled`]; and for officers without a
/// station).
pub fn figures() -> Option<Glance> {
    let doc = crate::sync::read_settled(&super::data::doc_id()?)?;
    Some(glance(&StationCommunity::new(doc), super::data::today(), liandong_core::time::now()))
}

/// The summary line: `走访逾期 3 次 · 7 天内到期 2 次`, and `调解超期 1 件` when any is.
#[component]
pub fn Summary(figures: Memo<Option<Glance>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Glance { overdue, soon, cases } = figures.get()?;
        let visits = fill(t_string!(i18n, wb_summary), &[("overdue", overdue.to_string()), ("soon", soon.to_string())]);
        let cases = (cases > 0).then(|| fill(t_string!(i18n, wb_cases_summary), &[("overdue", cases.to_string())]));
        Some(view! {
            <p class="wb-summary" data-testid="wb-summary">
                <span class:overdue={overdue > 0}>{visits}</span>
                {cases.map(|c| view! { " · "<span class="overdue">{c}</span> })}
            </p>
        })
    }
}

/// The Home section, linking to the workbook.
#[component]
pub fn MyWorkbook() -> impl IntoView {
    let i18n = use_i18n();
    let figures = Memo::new(move |_| figures());
    let open = Memo::new(move |_| figures.with(Option::is_some));
    move || {
        open.get().then(|| {
            view! {
                <section class="card" data-testid="home-workbook">
                    <h2><A href="/community">{t!(i18n, wb_title)}</A></h2>
                    <Summary figures=figures/>
                </section>
            }
        })
    }
}
