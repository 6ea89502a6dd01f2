//! The workbook page: the summary line of [`super::home`], the rapid responses (urgent, so
//! first), then the key persons and sites,
//! the mediation cases, the intelligence reports, patrols and legal outreach, and the
//! month's workload.

use leptos::prelude::*;

use super::case_file::{CaseFile, case_of};
use super::cases::Cases;
use super::data;
use super::figures::Workload;
use super::home::{Summary, figures};
use super::outreach::OutreachLog;
use super::patrols::Patrols;
use super::reports::Reports;
use super::responses::Responses;
use super::subjects::Subjects;
use crate::i18n::*;

/// The page.
#[component]
pub fn Workbook() -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| data::state());
    let figures = Memo::new(move |_| figures());
    // The station's villages and officers by name, read once for every row.
    let names = Memo::new(move |_| data::names());
    let has_station = move || data::doc_id().is_some();
    // The sections are built once the workbook is read, not again at each change (the
    // forms keep what is typed while a sync arrives).
    let loaded = Memo::new(move |_| state.with(Option::is_some));
    // `/community/cases/:id/print` shows that case's file instead.
    let location = leptos_router::hooks::use_location();
    let file = Memo::new(move |_| location.pathname.with(|p| case_of(p)));
    view! {
        {move || file.get().is_none().then(|| view! { <h1>{t!(i18n, wb_title)}</h1> })}
        {move || {
            if !has_station() {
                return view! { <p class="empty">{t!(i18n, wb_no_station)}</p> }.into_any();
            }
            if !loaded.get() {
                return view! { <p class="empty">{t!(i18n, home_loading)}</p> }.into_any();
            }
            if let Some(id) = file.get() {
                return view! { <CaseFile id=id state=state names=names/> }.into_any();
            }
            view! {
                <Summary figures=figures/>
                <Responses state=state names=names/>
                <Subjects state=state names=names/>
                <Cases state=state names=names/>
                <Reports state=state names=names/>
                <Patrols state=state names=names/>
                <OutreachLog state=state names=names/>
                <Workload state=state names=names/>
            }.into_any()
        }}
    }
}
