//! Regular meetings (例会): the next three and the last three, each with its time, place,
//! agenda and expected stations; once held, its attendance, minutes and decisions (owner
//! station, due day, done). Planners schedule meetings (once, weekly, or monthly on the
//! same weekday of the month) and record a held meeting with its decisions.

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::cooperation::CooperationState;
use liandong_core::cooperation::edit::{DecisionDraft, cancel, close_decision, record_meeting, schedule_meetings};
use liandong_core::cooperation::schedule::{Recurrence, occurrences};
use liandong_core::model::{Decision, Meeting};
use liandong_core::time::{in_china, text};

use super::data::{self, Roll};
use super::picks::StationPicks;
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::pages::command::time_input;

/// The list and, for planners, the form.
#[component]
pub fn Meetings(state: Memo<Option<CooperationState>>, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        state
            .with(|s| {
                s.as_ref().map(|s| {
                    data::coming_then_past(&s.meetings, |m| (m.start, m.end), 3, 3)
                        .into_iter()
                        .map(|m| {
                            let decisions: Vec<Decision> = s.decisions_of(m.id).cloned().collect();
                            (m, decisions)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card" data-testid="co-meetings">
            <h2>{t!(i18n, co_meetings)}</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, co_meetings_empty)}</p> })}
            <ul class="wb-list">
                <For each=move || list.get() key=|x| format!("{x:?}") let:x>
                    <MeetingRow m=x.0 decisions=x.1 roll=roll/>
                </For>
            </ul>
            {data::may_plan().then(|| view! { <ScheduleMeetings roll=roll/> })}
        </section>
    }
}

#[component]
fn MeetingRow(m: Meeting, decisions: Vec<Decision>, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let now = liandong_core::time::now();
    let today = in_china(now).date();
    let sep = t_string!(i18n, list_sep);
    let expected = roll.with(|r| m.stations.iter().map(|s| data::name(r, *s)).collect::<Vec<_>>().join(sep));
    let attended = roll.with(|r| m.attended.iter().map(|s| data::name(r, *s)).collect::<Vec<_>>().join(sep));
    let when = data::when(i18n, m.start, m.end);
    let said = said();
    let id = m.id;
    let held = m.start <= now && m.cancelled.is_none();
    let planner = data::may_plan();
    view! {
        <li class="wb-row" data-testid="co-meeting-row">
            <div class="wb-head"><strong>{m.place.clone()}</strong><span class="wb-due">{when}</span></div>
            <p class="muted">{fill(t_string!(i18n, co_expected), &[("list", expected)])}</p>
            {(!m.agenda.is_empty()).then(|| view! { <p class="wb-text">{m.agenda.clone()}</p> })}
            {m.cancelled.is_some().then(|| view! { <p class="muted">{t!(i18n, co_cancelled)}</p> })}
            {m.recorded.is_some().then(|| view! {
                <p class="muted">{fill(t_string!(i18n, co_attended), &[("list", attended.clone())])}</p>
                <p class="wb-text" data-testid="co-minutes">{m.minutes.clone()}</p>
            })}
            {(!decisions.is_empty()).then(|| view! {
                <ul class="plain-list">
                    {decisions.into_iter().map(|d| view! { <DecisionLine d=d roll=roll today=today/> }).collect_view()}
                </ul>
            })}
            {(planner && m.cancelled.is_none() && !held).then(|| view! {
                <button class="button secondary" on:click=move |_| {
                    let r = data::write(|v, mk| cancel::<Meeting>(v, id, mk));
                    roll.with_untracked(|roll| data::settle(i18n, said, r, t_string!(i18n, wb_saved), roll));
                }>{t!(i18n, co_cancel)}</button>
            })}
            {(planner && held).then(|| view! { <RecordMeeting m=m.clone() roll=roll/> })}
            <SaidLine said=said/>
        </li>
    }
}

/// A decision: what, which station, due, done (or the button that marks it done).
#[component]
pub fn DecisionLine(d: Decision, roll: Memo<Roll>, today: Date) -> impl IntoView {
    let i18n = use_i18n();
    let owner = roll.with(|r| data::name(r, d.owner));
    let line = fill(
        t_string!(i18n, co_decision_line),
        &[("text", d.text.clone()), ("owner", owner), ("due", text::md(d.due))],
    );
    let overdue = d.done.is_none() && d.due < today;
    let said = said();
    let id = d.id;
    let closable = d.done.is_none() && data::may_close(&d);
    view! {
        <li data-testid="co-decision">
            <span class:overdue=overdue>{line}</span>" "
            {d.done.is_some().then(|| view! { <span class="hint">{t!(i18n, co_done)}</span> })}
            {overdue.then(|| view! { <span class="overdue">" "{t!(i18n, co_overdue)}</span> })}
            {closable.then(|| view! {
                " "<button class="button secondary" data-testid="co-close-decision" on:click=move |_| {
                    let r = data::write(|v, m| close_decision(v, id, m));
                    roll.with_untracked(|roll| data::settle(i18n, said, r, t_string!(i18n, wb_saved), roll));
                }>{t!(i18n, co_mark_done)}</button>
            })}
            <SaidLine said=said/>
        </li>
    }
}

/// Attendance, minutes and one more decision of a held meeting.
#[component]
fn RecordMeeting(m: Meeting, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let attended = RwSignal::new(if m.recorded.is_some() { m.attended.clone() } else { m.stations.clone() });
    let minutes = RwSignal::new(m.minutes.clone());
    let decision = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let said = said();
    let id = m.id;
    let expected = m.stations.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = decision.get_untracked();
        let mut drafts = Vec::new();
        if !text.trim().is_empty() {
            let owner = expected.iter().copied().find(|s| s.to_string() == owner.get_untracked());
            let Some(owner) = owner else {
                said.set(Some(Err(t_string!(i18n, co_owner_missing).to_owned())));
                return;
            };
            let Ok(due) = due.get_untracked().parse::<Date>() else {
                said.set(Some(Err(t_string!(i18n, co_due_invalid).to_owned())));
                return;
            };
            drafts.push(DecisionDraft { text, owner, due });
        }
        let result =
            data::write(|v, mk| record_meeting(v, id, attended.get_untracked(), &minutes.get_untracked(), &drafts, mk));
        if roll.with_untracked(|roll| data::settle(i18n, said, result, t_string!(i18n, wb_saved), roll)) {
            decision.set(String::new());
        }
    };
    let stations = m.stations.clone();
    view! {
        <details class="wb-add">
            <summary data-testid="co-record-meeting">{t!(i18n, co_record_meeting)}</summary>
            <form class="form" novalidate on:submit=save>
                <StationPicks roll=roll chosen=attended label=t_string!(i18n, co_field_attended)/>
                <label>{t!(i18n, co_field_minutes)}<textarea rows="3" bind:value=minutes data-testid="co-minutes-input"></textarea></label>
                <label>{t!(i18n, co_field_decision)}<input bind:value=decision data-testid="co-decision-input"/></label>
                <label>{t!(i18n, co_field_owner)}
                    <select on:change=move |ev| owner.set(event_target_value(&ev)) data-testid="co-decision-owner">
                        <option value="">{t!(i18n, wb_none)}</option>
                        {stations.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.to_string()>{roll.with(|r| data::name(r, s))}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, co_field_due)}<input type="date" bind:value=due data-testid="co-decision-due"/></label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="co-save-meeting">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}

/// The schedule form: the first date and time, length, recurrence and how many.
#[component]
fn ScheduleMeetings(roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    // By default a week from today, in the afternoon.
    let start = RwSignal::new(data::default_start(7, 14, 30));
    let hours = RwSignal::new("2".to_owned());
    let repeat = RwSignal::new("monthly".to_owned());
    let count = RwSignal::new("6".to_owned());
    let place = RwSignal::new(String::new());
    let agenda = RwSignal::new(String::new());
    let stations = RwSignal::new(roll.with_untracked(|r| r.iter().map(|(s, ..)| *s).collect::<Vec<_>>()));
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = time_input::parse(&start.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let digits = |s: String| crate::pages::community::data::ascii_digits(&s).parse::<i64>().unwrap_or(0);
        let Some(length) = data::hours(&hours.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, co_hours_invalid).to_owned())));
            return;
        };
        let end = at.checked_add(length).unwrap_or(at);
        let first = in_china(at).date();
        let rule = match repeat.get_untracked().as_str() {
            "weekly" => Recurrence::Weekly,
            "monthly" => {
                // The same weekday of the month: the 1st to 4th, or the last when it is in the last week.
                let nth = ((first.day() - 1) / 7 + 1) as u8;
                Recurrence::Monthly { nth: nth.min(5), weekday: first.weekday() }
            }
            _ => Recurrence::Once,
        };
        let dates = occurrences(first, rule, digits(count.get_untracked()).max(1) as usize);
        let result = data::write(|v, mark| {
            let template = Meeting {
                id: RecordId::new(),
                series: None,
                start: at,
                end,
                place: place.get_untracked(),
                agenda: agenda.get_untracked(),
                stations: stations.get_untracked(),
                attended: vec![],
                minutes: String::new(),
                planned: mark,
                recorded: None,
                cancelled: None,
            };
            schedule_meetings(v, &template, &dates, mark.at)
        });
        let saved = fill(t_string!(i18n, co_scheduled), &[("count", dates.len().to_string())]);
        if roll.with_untracked(|roll| data::settle(i18n, said, result, &saved, roll)) {
            place.set(String::new());
            agenda.set(String::new());
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="co-new-meeting">{t!(i18n, co_new_meeting)}</summary>
            <form class="form" novalidate on:submit=save>
                <label>{t!(i18n, co_field_first)}<input type="datetime-local" bind:value=start/></label>
                <label>{t!(i18n, co_field_hours)}<input inputmode="numeric" bind:value=hours/></label>
                <label>{t!(i18n, co_field_repeat)}
                    <select on:change=move |ev| repeat.set(event_target_value(&ev))>
                        <option value="monthly" selected>{t!(i18n, co_repeat_monthly)}</option>
                        <option value="weekly">{t!(i18n, co_repeat_weekly)}</option>
                        <option value="once">{t!(i18n, co_repeat_once)}</option>
                    </select>
                </label>
                <label>{t!(i18n, co_field_count)}<input inputmode="numeric" bind:value=count/></label>
                <label>{t!(i18n, co_field_place)}<input bind:value=place/></label>
                <label>{t!(i18n, co_field_agenda)}<textarea rows="3" bind:value=agenda></textarea></label>
                <StationPicks roll=roll chosen=stations label=t_string!(i18n, co_field_stations)/>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
