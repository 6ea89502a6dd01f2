//! The workbook page: a summary line (visits overdue and due within 7 days, cases past a
//! deadline), then the key persons and sites, then the mediation cases.

use leptos::prelude::*;
use liandong_core::community::{CommunityState, DueState, case_list, due_list};

use super::cases::Cases;
use super::data;
use super::subjects::Subjects;
use crate::components::fmt::fill;
use crate::i18n::*;

/// The workbook's counts on a day: (visits overdue, visits due within 7 days, cases past a
/// deadline).
pub fn counts(state: &CommunityState) -> (usize, usize, usize) {
    let due = due_list(&state.subjects, &state.visits, data::today());
    let overdue = due.iter().filter(|d| matches!(d.state, DueState::Overdue { .. })).count();
    let soon = due.iter().filter(|d| matches!(d.state, DueState::Soon { .. })).count();
    let cases = case_list(&state.cases, liandong_core::time::now()).iter().filter(|(_, d)| d.overdue()).count();
    (overdue, soon, cases)
}

/// The summary line: `走访逾期 3 次 · 7 天内到期 2 次`, and `调解超期 1 件` when any is.
#[component]
pub fn Summary(state: Memo<Option<CommunityState>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (overdue, soon, cases) = state.with(|s| s.as_ref().map(counts))?;
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

/// The page.
#[component]
pub fn Workbook() -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| data::state());
    let has_station = move || data::doc_id().is_some();
    // The sections are built once the workbook is read, not again at each change (the
    // forms keep what is typed while a sync arrives).
    let loaded = Memo::new(move |_| state.with(Option::is_some));
    view! {
        <h1>{t!(i18n, wb_title)}</h1>
        {move || {
            if !has_station() {
                return view! { <p class="empty">{t!(i18n, wb_no_station)}</p> }.into_any();
            }
            if !loaded.get() {
                return view! { <p class="empty">{t!(i18n, home_loading)}</p> }.into_any();
            }
            view! {
                <Summary state=state/>
                <Subjects state=state/>
                <Cases state=state/>
            }.into_any()
        }}
    }
}
