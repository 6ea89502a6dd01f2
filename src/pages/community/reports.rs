//! Community intelligence (社情民意): the station's reports, newest first, each with its
//! category, source, village and whether it went to the center station; the liaison's
//! button that forwards one ([`liandong_core::community::forward`]); below, the form that
//! records one.

use leptos::prelude::*;
use liandong_core::community::CommunityState;
use liandong_core::community::forward::{forward, may_forward};
use liandong_core::community::log::put_report;
use liandong_core::docs::BulletinsDoc;
use liandong_core::model::{CommunityReport, ReportCategory, ReportSource};
use liandong_core::time::{in_china, text};
use liandong_core::{DocumentId, RecordId};

use super::data::{self, Named, name_of};
use super::fields::Choice;
use super::fields::RemoveButton;
use crate::components::fmt::fill;
use crate::data::WriteFailure;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::words::community as words;

/// How many reports the list shows (the newest); older ones stay in the workbook.
const SHOWN: usize = 20;

/// The list and the form.
#[component]
pub fn Reports(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let reports = Memo::new(move |_| {
        let mut list = state.with(|s| s.as_ref().map(|s| s.reports.clone())).unwrap_or_default();
        liandong_core::sort::by_key(&mut list, |r| std::cmp::Reverse(r.logged.at));
        list.truncate(SHOWN);
        list
    });
    let liaison = Memo::new(move |_| crate::data::claims().is_some_and(|c| may_forward(c.role)));
    let said = said();
    let send = move |report: CommunityReport| {
        let village = name_of(&names.get_untracked().0, report.village);
        let result = (|| {
            let region = crate::data::claims().and_then(|c| c.region).ok_or(WriteFailure::NotOpen)?;
            let bulletins = crate::data::writer::<BulletinsDoc>(&DocumentId::bulletins(&region))?;
            let station = data::station().ok_or(WriteFailure::NotOpen)?;
            data::write(|view, mark| forward(&bulletins, view, report.id, station, village.as_deref(), mark))
        })();
        data::said_failure(i18n, said, result);
    };
    view! {
        <section class="card" data-testid="wb-reports">
            <h2>{t!(i18n, wb_reports)}</h2>
            {move || reports.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_reports_empty)}</p> })}
            <ul class="wb-list">
                {move || reports.get().into_iter().map(|r| {
                    let locale = i18n.get_locale();
                    let mut facts = vec![
                        words::report_category(locale, r.category).to_owned(),
                        words::report_source(locale, r.source).to_owned(),
                    ];
                    facts.extend(names.with(|n| name_of(&n.0, r.village)));
                    facts.push(text::md_hm(in_china(r.logged.at).datetime()));
                    let status = match r.forwarded {
                        Some(m) => view! {
                            <p class="ok" data-testid="report-forwarded">{fill(t_string!(i18n, wb_forwarded), &[("time", text::md_hm(in_china(m.at).datetime()))])}</p>
                        }.into_any(),
                        None if liaison.get() => {
                            let r = r.clone();
                            view! { <button class="button secondary" data-testid="forward-report" on:click=move |_| send(r.clone())>{t!(i18n, wb_forward)}</button> }.into_any()
                        }
                        None => ().into_any(),
                    };
                    let removable = data::may_remove(&r).then(|| {
                        let id = r.id;
                        view! { <RemoveButton on_remove=Callback::new(move |()| data::said_failure(i18n, said, data::remove::<CommunityReport>(id)))/> }
                    });
                    view! {
                        <li class="wb-row" data-testid="report-row">
                            <p class="muted">{facts.join(" · ")}</p>
                            <p class="wb-text">{r.content.clone()}</p>
                            {status}
                            {removable}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <SaidLine said=said/>
            <NewReport names=names/>
        </section>
    }
}

/// The form that records a report (collapsed under its title).
#[component]
fn NewReport(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let category = RwSignal::new(0usize);
    let source = RwSignal::new(0usize);
    let village = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let villages = names.get_untracked().0;
        let result = data::write(|view, mark| {
            let report = CommunityReport {
                id: RecordId::new(),
                category: ReportCategory::ALL.get(category.get_untracked()).copied().unwrap_or(ReportCategory::Other),
                source: ReportSource::ALL.get(source.get_untracked()).copied().unwrap_or(ReportSource::Resident),
                patrol: None,
                village: village.with_untracked(|v| data::chosen(&villages, v)),
                content: content.get_untracked().trim().to_owned(),
                logged: mark,
                forwarded: None,
            };
            put_report(view, &report)
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_saved)) {
            content.set(String::new());
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="new-report">{t!(i18n, wb_new_report)}</summary>
            <form class="form" novalidate on:submit=save data-testid="report-form">
                <label>{t!(i18n, wb_field_kind)}
                    <select on:change=move |ev| category.set(event_target_value(&ev).parse().unwrap_or(0)) data-testid="report-category">
                        {ReportCategory::ALL.iter().enumerate().map(|(i, c)| {
                            let c = *c;
                            view! { <option value=i.to_string()>{move || words::report_category(i18n.get_locale(), c)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, wb_field_source)}
                    <select on:change=move |ev| source.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {ReportSource::ALL.iter().enumerate().map(|(i, s)| {
                            let s = *s;
                            view! { <option value=i.to_string()>{move || words::report_source(i18n.get_locale(), s)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, wb_field_village)}
                    <Choice list=Signal::derive(move || names.get().0) value=village/>
                </label>
                <label>{t!(i18n, wb_field_content)}<textarea rows="3" bind:value=content data-testid="report-content"></textarea></label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-report">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
