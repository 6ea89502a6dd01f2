//! Key persons and sites (重点人员、重点部位) in the order their visits fall due, each with
//! its category, village, risk, responsible officer, last visit and where its next visit
//! stands, and a form to log a visit; below, the form that adds one.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::community::edit::{log_visit, put_subject};
use liandong_core::community::{CommunityState, DueState, cadence_days, due_list};
use liandong_core::model::{KeyKind, KeySubject, PersonCategory, RiskLevel, Visit};
use liandong_core::time::text;

use super::data::{self, Named, chosen, name_of};
use super::fields::{Choice, PhotoPick, RemoveButton, Thumb};
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::words::community as words;

/// The list and the add form.
#[component]
pub fn Subjects(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let order = Memo::new(move |_| {
        state
            .with(|s| {
                s.as_ref().map(|s| {
                    due_list(&s.subjects, &s.visits, data::today()).into_iter().map(|d| d.subject).collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card" data-testid="wb-subjects">
            <h2>{t!(i18n, wb_subjects)}</h2>
            {move || order.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_subjects_empty)}</p> })}
            <ul class="wb-list">
                <For each=move || order.get() key=|id| *id let:id>
                    <SubjectRow id=id state=state names=names/>
                </For>
            </ul>
            <AddSubject names=names/>
        </section>
    }
}

/// One key person or site, with its visit form.
#[component]
fn SubjectRow(id: RecordId, state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let row = Memo::new(move |_| {
        state.with(|s| {
            let s = s.as_ref()?;
            let subject = s.subjects.iter().find(|x| x.id == id)?.clone();
            let due = liandong_core::community::cadence::due(&subject, &s.visits, data::today());
            // The last visit (the latest logged of that day): what it found, and its id (its
            // photo is kept under it).
            let found = s.visits.iter().rfind(|v| v.subject == id && Some(v.on) == due.last).cloned();
            Some((subject, due, found))
        })
    });
    let open = RwSignal::new(false);
    let on = RwSignal::new(text::ymd(data::today()));
    let found = RwSignal::new(String::new());
    let photo = RwSignal::new(None);
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = on.get_untracked().parse::<jiff::civil::Date>() else {
            said.set(Some(Err(t_string!(i18n, wb_date_invalid).to_owned())));
            return;
        };
        let result = data::write(|view, mark| {
            let visit = Visit {
                id: RecordId::new(),
                subject: id,
                on: day,
                found: found.get_untracked().trim().to_owned(),
                logged: mark,
            };
            log_visit(view, &visit, photo.get_untracked().as_ref(), data::today())
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_visit_saved)) {
            found.set(String::new());
            open.set(false);
        }
    };
    move || {
        let (subject, due, found_last) = row.get()?;
        let locale = i18n.get_locale();
        let (villages, officers) = names.get();
        let overdue = matches!(due.state, DueState::Overdue { .. });
        let soon = matches!(due.state, DueState::Soon { .. });
        let mut facts =
            vec![words::kind(locale, subject.kind).to_owned(), words::risk(locale, subject.risk).to_owned()];
        facts.extend(name_of(&villages, subject.village));
        facts.extend(name_of(&officers, subject.officer));
        facts.push(fill(t_string!(i18n, wb_every), &[("days", cadence_days(&subject).to_string())]));
        let last_visit = found_last.as_ref().map(|v| v.id);
        // The last visit, if logged by mistake, is removed here (it is the one shown).
        let removable = found_last.as_ref().filter(|v| data::may_remove(*v)).map(|v| {
            let visit = v.id;
            view! { <RemoveButton on_remove=Callback::new(move |()| data::said_failure(i18n, said, data::remove::<Visit>(visit)))/> }
        });
        let last = match (due.last, found_last.map(|v| v.found)) {
            (Some(d), Some(text)) => fill(t_string!(i18n, wb_last_found), &[("date", text::md(d)), ("text", text)]),
            (Some(d), None) => fill(t_string!(i18n, wb_last_visit), &[("date", text::md(d))]),
            (None, _) => t_string!(i18n, wb_never_visited).to_owned(),
        };
        Some(view! {
            <li class="wb-row" class:overdue=overdue class:soon=soon data-testid="subject-row">
                <div class="wb-head">
                    <strong>{subject.name.clone()}</strong>
                    <span class="wb-due" data-testid="subject-due">{words::due(locale, due.state, &text::md(due.due))}</span>
                </div>
                <p class="muted">{facts.join(" · ")}</p>
                <p class="muted">{last}</p>
                {last_visit.map(|id| view! { <Thumb of=id/> })}
                {removable}
                {move || if open.get() {
                    view! {
                        <form class="form" novalidate on:submit=save data-testid="visit-form">
                            <label>{t!(i18n, wb_visit_on)}<input type="date" bind:value=on max=text::ymd(data::today())/></label>
                            <label>{t!(i18n, wb_visit_found)}<textarea rows="2" bind:value=found data-testid="visit-found"></textarea></label>
                            <PhotoPick photo=photo/>
                            <div class="actions">
                                <button class="button" type="submit" data-testid="save-visit">{t!(i18n, wb_save)}</button>
                                <button class="button secondary" type="button" on:click=move |_| open.set(false)>{t!(i18n, wb_cancel)}</button>
                            </div>
                        </form>
                    }.into_any()
                } else {
                    view! { <button class="button secondary" data-testid="log-visit" on:click=move |_| { said.set(None); open.set(true) }>{t!(i18n, wb_log_visit)}</button> }.into_any()
                }}
                <SaidLine said=said/>
            </li>
        })
    }
}

/// The form that adds a key person or site (collapsed under its title).
#[component]
fn AddSubject(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = words::kinds();
    let kind = RwSignal::new(0usize);
    let name = RwSignal::new(String::new());
    let village = RwSignal::new(String::new());
    let officer = RwSignal::new(String::new());
    let risk = RwSignal::new(0usize);
    let cadence = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let said = said();
    let kinds_for_save = kinds.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = data::ascii_digits(&cadence.get_untracked());
        let cadence_days = match typed.as_str() {
            "" => None,
            t => match t.parse::<u32>() {
                Ok(n @ 1..=365) => Some(n),
                _ => {
                    said.set(Some(Err(t_string!(i18n, wb_cadence_invalid).to_owned())));
                    return;
                }
            },
        };
        let (villages, officers) = names.get_untracked();
        let today = data::today();
        let result = data::write(|view, mark| {
            let subject = KeySubject {
                id: RecordId::new(),
                kind: kinds_for_save
                    .get(kind.get_untracked())
                    .copied()
                    .unwrap_or(KeyKind::Person(PersonCategory::Other)),
                name: name.get_untracked().trim().to_owned(),
                village: village.with_untracked(|v| chosen(&villages, v)),
                risk: RiskLevel::ALL.get(risk.get_untracked()).copied().unwrap_or(RiskLevel::High),
                officer: officer.with_untracked(|v| chosen(&officers, v)),
                cadence_days,
                note: note.get_untracked().trim().to_owned(),
                since: today,
                added: mark,
                until: None,
            };
            put_subject(view, &subject, today)
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_saved)) {
            name.set(String::new());
            cadence.set(String::new());
            note.set(String::new());
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="add-subject">{t!(i18n, wb_add_subject)}</summary>
            <form class="form" novalidate on:submit=save data-testid="subject-form">
                <label>{t!(i18n, wb_field_kind)}
                    <select on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0)) data-testid="subject-kind">
                        {kinds.iter().enumerate().map(|(i, k)| {
                            let k = *k;
                            view! { <option value=i.to_string()>{move || words::kind(i18n.get_locale(), k)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, wb_field_name)}<input bind:value=name data-testid="subject-name"/></label>
                <label>{t!(i18n, wb_field_village)}
                    <Choice list=Signal::derive(move || names.get().0) value=village/>
                </label>
                <label>{t!(i18n, wb_field_risk)}
                    <select on:change=move |ev| risk.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {RiskLevel::ALL.iter().enumerate().map(|(i, r)| {
                            let r = *r;
                            view! { <option value=i.to_string()>{move || words::risk(i18n.get_locale(), r)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, wb_field_officer)}
                    <Choice list=Signal::derive(move || names.get().1) value=officer/>
                </label>
                <label>{t!(i18n, wb_field_cadence)}<input inputmode="numeric" bind:value=cadence data-testid="subject-cadence"/></label>
                <label>{t!(i18n, wb_field_note)}<input bind:value=note/></label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-subject">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
