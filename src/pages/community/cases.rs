//! Joint mediation cases (警民联调), one case one file: overdue and near-deadline cases
//! first, each with its parties, kind, village, mediators, the step it waits for and how
//! its deadline stands, a flag when the same parties came before, and the button of its
//! next step; below, the form that takes a case on.

use std::time::Duration;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::community::edit::{CaseStep, open_case, step_case};
use liandong_core::community::mediation::deadline;
use liandong_core::community::{CaseStage, CommunityState, case_list, repeats};
use liandong_core::model::{DisputeKind, MediationCase, Mediator};
use liandong_core::time::{in_china, text};

use super::data::{self, Named};
use super::fields::Choice;
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::words::community as words;

/// The list and the form.
#[component]
pub fn Cases(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    // Deadlines count down while the page stays open (at an office all day): a tick a
    // minute re-words them and re-orders the cases, without rebuilding a row's form.
    let now = RwSignal::new(liandong_core::time::now());
    if let Ok(tick) = set_interval_with_handle(move || now.set(liandong_core::time::now()), Duration::from_secs(60)) {
        on_cleanup(move || tick.clear());
    }
    let order = Memo::new(move |_| {
        let now = now.get();
        state
            .with(|s| s.as_ref().map(|s| case_list(&s.cases, now).into_iter().map(|(id, _)| id).collect::<Vec<_>>()))
            .unwrap_or_default()
    });
    view! {
        <section class="card" data-testid="wb-cases">
            <h2>{t!(i18n, wb_cases)}</h2>
            {move || order.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_cases_empty)}</p> })}
            <ul class="wb-list">
                <For each=move || order.get() key=|id| *id let:id>
                    <CaseRow id=id state=state names=names now=now/>
                </For>
            </ul>
            <NewCase names=names/>
        </section>
    }
}

/// One case with the button of its next step.
#[component]
fn CaseRow(
    id: RecordId,
    state: Memo<Option<CommunityState>>,
    names: Memo<(Named, Named)>,
    now: RwSignal<jiff::Timestamp>,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = Memo::new(move |_| {
        state.with(|s| {
            let s = s.as_ref()?;
            let case = s.cases.iter().find(|c| c.id == id)?.clone();
            let earlier = repeats(&case, &s.cases).first().map(|c| c.opened.at);
            Some((case, earlier))
        })
    });
    let agreement = RwSignal::new(String::new());
    let resolving = RwSignal::new(false);
    let said = said();
    let step = move |step: CaseStep| {
        // The step is dated now: the time of the mark is the "now" it is checked against.
        match data::write(|view, mark| step_case(view, id, &step, mark, mark.at)) {
            Ok(_) => {
                resolving.set(false);
                said.set(Some(Ok(t_string!(i18n, wb_saved).to_owned())));
            }
            Err(e) => said.set(Some(Err(data::failure(i18n, &e)))),
        }
    };
    let resolve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        step(CaseStep::Resolved { agreement: agreement.get_untracked() });
    };
    move || {
        let (case, earlier) = row.get()?;
        let locale = i18n.get_locale();
        // The step awaited follows from the case alone; how its deadline stands, from the tick.
        let stage = deadline(&case, now.get_untracked()).stage;
        let (c1, c2, c3) = (case.clone(), case.clone(), case.clone());
        let overdue = move || deadline(&c1, now.get()).overdue();
        let near = move || deadline(&c2, now.get()).near();
        let left = move || words::deadline(i18n.get_locale(), &deadline(&c3, now.get()));
        let village = case
            .village
            .and_then(|v| names.with(|(villages, _)| villages.iter().find(|(id, _)| *id == v).map(|(_, n)| n.clone())));
        let mut facts = vec![words::dispute(locale, case.kind).to_owned()];
        facts.extend(village);
        facts.push(fill(t_string!(i18n, wb_opened), &[("time", text::md_hm(in_china(case.opened.at).datetime()))]));
        let sep = t_string!(i18n, list_sep);
        let mediators = case.mediators.iter().map(|m| format!("{} {}", m.name, m.role)).collect::<Vec<_>>().join(sep);
        Some(view! {
            <li class="wb-row" class:overdue=overdue class:soon=near data-testid="case-row">
                <div class="wb-head">
                    <strong>{case.parties.join(sep)}</strong>
                    <span class="wb-due" data-testid="case-deadline">
                        {words::stage(locale, stage)}" "{left}
                    </span>
                </div>
                <p class="muted">{facts.join(" · ")}</p>
                <p>{case.summary.clone()}</p>
                {(!mediators.is_empty()).then(|| view! { <p class="muted">{mediators}</p> })}
                {(!case.agreement.is_empty()).then(|| view! { <p class="muted">{fill(t_string!(i18n, wb_agreement_line), &[("text", case.agreement.clone())])}</p> })}
                {earlier.map(|at| view! {
                    <p class="field-error" data-testid="case-repeat">{fill(t_string!(i18n, wb_repeat), &[("date", text::ymd(in_china(at).date()))])}</p>
                })}
                <div class="actions">
                {move || match stage {
                    CaseStage::Feedback => view! {
                        <button class="button secondary" data-testid="case-feedback" on:click=move |_| step(CaseStep::Feedback)>{t!(i18n, wb_mark_feedback)}</button>
                    }.into_any(),
                    CaseStage::Resolution if resolving.get() => view! {
                        <form class="form" novalidate on:submit=resolve>
                            <label>{t!(i18n, wb_agreement)}<textarea rows="2" bind:value=agreement data-testid="case-agreement"></textarea></label>
                            <div class="actions">
                                <button class="button" type="submit" data-testid="save-resolution">{t!(i18n, wb_save)}</button>
                                <button class="button secondary" type="button" on:click=move |_| resolving.set(false)>{t!(i18n, wb_cancel)}</button>
                            </div>
                        </form>
                    }.into_any(),
                    CaseStage::Resolution => view! {
                        <button class="button secondary" data-testid="case-resolve" on:click=move |_| { said.set(None); resolving.set(true) }>{t!(i18n, wb_mark_resolved)}</button>
                    }.into_any(),
                    CaseStage::ReturnVisit => view! {
                        <button class="button secondary" data-testid="case-return" on:click=move |_| step(CaseStep::ReturnVisit)>{t!(i18n, wb_mark_return)}</button>
                    }.into_any(),
                    CaseStage::Closed => ().into_any(),
                }}
                <a class="button plain" href=format!("/community/cases/{id}/print") data-testid="case-file-link">{t!(i18n, wb_file_print)}</a>
                </div>
                <SaidLine said=said/>
            </li>
        })
    }
}

/// Splits the mediators' lines, `name role` each (the first space separates them).
fn mediators(lines: &str) -> Vec<Mediator> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            let (name, role) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            Mediator { name: name.trim().to_owned(), role: role.trim().to_owned() }
        })
        .collect()
}

/// The form that takes a case on (collapsed under its title).
#[component]
fn NewCase(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(0usize);
    let parties = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let mediator_lines = RwSignal::new(String::new());
    let village = RwSignal::new(String::new());
    let villages = Memo::new(move |_| names.with(|(villages, _)| villages.clone()));
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = data::write(|view, mark| {
            let case = MediationCase {
                id: RecordId::new(),
                kind: DisputeKind::ALL.get(kind.get_untracked()).copied().unwrap_or(DisputeKind::Other),
                parties: parties.with_untracked(|p| {
                    p.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
                }),
                village: villages.with_untracked(|list| village.with_untracked(|v| data::chosen(list, v))),
                summary: summary.get_untracked().trim().to_owned(),
                mediators: mediator_lines.with_untracked(|m| mediators(m)),
                opened: mark,
                feedback: None,
                resolved: None,
                agreement: String::new(),
                return_visit: None,
            };
            open_case(view, &case, mark.at)
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_case_saved)) {
            parties.set(String::new());
            summary.set(String::new());
            mediator_lines.set(String::new());
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="new-case">{t!(i18n, wb_new_case)}</summary>
            <form class="form" novalidate on:submit=save data-testid="case-form">
                <label>{t!(i18n, wb_field_dispute)}
                    <select on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0)) data-testid="case-kind">
                        {DisputeKind::ALL.iter().enumerate().map(|(i, k)| {
                            let k = *k;
                            view! { <option value=i.to_string()>{move || words::dispute(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, wb_field_case_village)}
                    <Choice list=Signal::derive(move || villages.get()) value=village/>
                </label>
                <label>{t!(i18n, wb_field_parties)}<textarea rows="2" bind:value=parties data-testid="case-parties"></textarea></label>
                <label>{t!(i18n, wb_field_summary)}<textarea rows="3" bind:value=summary data-testid="case-summary"></textarea></label>
                <label>{t!(i18n, wb_field_mediators)}<textarea rows="3" bind:value=mediator_lines data-testid="case-mediators"></textarea></label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-case">{t!(i18n, wb_open_case)}</button></div>
            </form>
        </details>
    }
}
