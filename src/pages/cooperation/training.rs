//! Joint training (联训): the coming trainings and the last three, each with topic, skill,
//! time, place, trainer and attendees (those who passed marked); the planners' form, which
//! proposes the region's officers whose skill has expired or expires within 60 days; the
//! results form (who passed, until when the skill counts).

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::cooperation::CooperationState;
use liandong_core::cooperation::edit::{cancel, plan_training, record_training};
use liandong_core::cooperation::skills::proposed;
use liandong_core::model::JointTraining;
use liandong_core::time::{in_china, text};

use super::data::{self, Roll};
use super::picks::OfficerPicks;
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::pages::command::time_input;

/// The catalogue's skills, worded, by code (reactive).
fn skills(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(String, String)> {
    crate::sync::with_directory_org(|org| {
        org.skills.iter().map(|s| (s.code.clone(), crate::components::fmt::skill_name(i18n, s))).collect()
    })
}

/// The list and, for planners, the form.
#[component]
pub fn Trainings(state: Memo<Option<CooperationState>>, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        state
            .with(|s| s.as_ref().map(|s| data::coming_then_past(&s.trainings, |t| (t.start, t.end), usize::MAX, 3)))
            .unwrap_or_default()
    });
    view! {
        <section class="card" data-testid="co-trainings">
            <h2>{t!(i18n, co_trainings)}</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, co_trainings_empty)}</p> })}
            <ul class="wb-list">
                <For each=move || list.get() key=|t| format!("{t:?}") let:t>
                    <TrainingRow t=t roll=roll/>
                </For>
            </ul>
            {data::may_plan().then(|| view! { <PlanTraining roll=roll/> })}
        </section>
    }
}

#[component]
fn TrainingRow(t: JointTraining, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let now = liandong_core::time::now();
    let skill = skills(i18n).into_iter().find(|(c, _)| *c == t.skill).map_or_else(|| t.skill.clone(), |(_, n)| n);
    let who = roll.with(|r| {
        t.attendees
            .iter()
            .map(|o| {
                let n = data::name(r, *o);
                if t.passed.contains(o) { fill(t_string!(i18n, co_passed_mark), &[("name", n)]) } else { n }
            })
            .collect::<Vec<_>>()
            .join(t_string!(i18n, list_sep))
    });
    let when = data::when(i18n, t.start, t.end);
    let said = said();
    let id = t.id;
    let planner = data::may_plan();
    let held = t.start <= now && t.cancelled.is_none();
    view! {
        <li class="wb-row" data-testid="co-training-row">
            <div class="wb-head"><strong>{t.topic.clone()}</strong><span class="wb-due">{when}</span></div>
            <p class="muted">{fill(t_string!(i18n, co_training_line), &[("skill", skill), ("place", t.place.clone()), ("trainer", t.trainer.clone())])}</p>
            <p>{who}</p>
            {t.cancelled.is_some().then(|| view! { <p class="muted">{t!(i18n, co_cancelled)}</p> })}
            {t.recorded.is_some().then(|| view! {
                <p class="muted">{match t.valid_until {
                    Some(d) => fill(t_string!(i18n, co_valid_until), &[("day", text::ymd(d))]),
                    None => t_string!(i18n, co_valid_always).to_owned(),
                }}</p>
            })}
            {(planner && !held && t.cancelled.is_none()).then(|| view! {
                <button class="button secondary" on:click=move |_| {
                    let r = data::write(|v, m| cancel::<JointTraining>(v, id, m));
                    roll.with_untracked(|roll| data::settle(i18n, said, r, t_string!(i18n, wb_saved), roll));
                }>{t!(i18n, co_cancel)}</button>
            })}
            {(planner && held).then(|| view! { <RecordTraining t=t.clone() roll=roll/> })}
            <SaidLine said=said/>
        </li>
    }
}

/// Who passed, and until when the skill counts (two years from the training by default).
#[component]
fn RecordTraining(t: JointTraining, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    // Nobody passed until the trainer says so.
    let passed = RwSignal::new(t.passed.clone());
    let day = in_china(t.start).date();
    let default_until = t.valid_until.or_else(|| day.checked_add(jiff::Span::new().years(2)).ok());
    let until = RwSignal::new(default_until.map(|d| d.to_string()).unwrap_or_default());
    let said = said();
    let id = t.id;
    let attendees = t.attendees.clone();
    let only_attendees = Signal::derive(move || roll.with(|r| r.iter().map(|(s, ..)| *s).collect::<Vec<_>>()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = until.get_untracked();
        let valid_until = if typed.trim().is_empty() {
            None
        } else {
            match typed.trim().parse::<Date>() {
                Ok(d) => Some(d),
                Err(_) => {
                    said.set(Some(Err(t_string!(i18n, co_due_invalid).to_owned())));
                    return;
                }
            }
        };
        let chosen: Vec<RecordId> = passed.get_untracked().into_iter().filter(|o| attendees.contains(o)).collect();
        let result = data::write(|v, m| record_training(v, id, chosen, valid_until, m));
        roll.with_untracked(|roll| data::settle(i18n, said, result, t_string!(i18n, wb_saved), roll));
    };
    let attendee_roll = Memo::new(move |_| {
        let keep = t.attendees.clone();
        roll.get()
            .into_iter()
            .map(|(s, n, officers)| (s, n, officers.into_iter().filter(|(o, _)| keep.contains(o)).collect::<Vec<_>>()))
            .filter(|(.., o)| !o.is_empty())
            .collect::<Roll>()
    });
    view! {
        <details class="wb-add">
            <summary data-testid="co-record-training">{t!(i18n, co_record_results)}</summary>
            <form class="form" novalidate on:submit=save>
                <OfficerPicks roll=attendee_roll chosen=passed label=t_string!(i18n, co_field_passed) only=only_attendees/>
                <label>{t!(i18n, co_field_valid_until)}<input type="date" bind:value=until data-testid="co-valid-until"/></label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="co-save-results">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}

/// The planners' form.
#[component]
fn PlanTraining(roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    // By default a week from today, in the morning.
    let start = RwSignal::new(data::default_start(7, 8, 30));
    let hours = RwSignal::new("8".to_owned());
    let topic = RwSignal::new(String::new());
    let skill = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let attendees = RwSignal::new(Vec::<RecordId>::new());
    let said = said();
    // Officers due for renewal of the chosen skill, by the training's day: (officer, last day).
    let due = Memo::new(move |_| {
        let code = skill.get();
        let on = time_input::parse(&start.get()).map(|t| in_china(t).date());
        let (Some(on), false) = (on, code.is_empty()) else { return Vec::new() };
        let stations: Vec<RecordId> = roll.with(|r| r.iter().map(|(s, ..)| *s).collect());
        let org = crate::data::org_with_rosters();
        proposed(&org, &stations, &code, on).into_iter().map(|p| (p.officer, p.expires)).collect::<Vec<_>>()
    });
    // Choosing a skill proposes those due for it, in place of the last skill's proposals
    // (officers ticked by hand stay).
    Effect::new(move |last: Option<Vec<RecordId>>| {
        let ids: Vec<RecordId> = due.with(|d| d.iter().map(|(o, _)| *o).collect());
        attendees.update(|a| {
            a.retain(|o| !last.as_ref().is_some_and(|l| l.contains(o)));
            for id in &ids {
                if !a.contains(id) {
                    a.push(*id);
                }
            }
        });
        ids
    });
    let note = Callback::new(move |officer: RecordId| {
        due.with(|d| {
            d.iter()
                .find(|(o, _)| *o == officer)
                .map(|(_, last)| fill(t_string!(i18n, co_expires), &[("day", text::ymd(*last))]))
        })
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = time_input::parse(&start.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let Some(length) = data::hours(&hours.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, co_hours_invalid).to_owned())));
            return;
        };
        let end = at.checked_add(length).unwrap_or(at);
        let own = roll.with_untracked(data::region_shifts);
        let config = crate::pages::roster::data::config();
        let result = data::write(|v, mark| {
            let training = JointTraining {
                id: RecordId::new(),
                topic: topic.get_untracked(),
                skill: skill.get_untracked(),
                start: at,
                end,
                place: place.get_untracked(),
                trainer: trainer.get_untracked(),
                attendees: attendees.get_untracked(),
                passed: vec![],
                valid_until: None,
                planned: mark,
                recorded: None,
                cancelled: None,
            };
            crate::sync::with_directory_org(|org| plan_training(v, &training, org, &own, &config, mark.at))
        });
        roll.with_untracked(|roll| match result {
            Ok(overlaps) => {
                let words = super::patrols::warnings(i18n, &overlaps, roll)
                    .unwrap_or_else(|| t_string!(i18n, wb_saved).to_owned());
                said.set(Some(Ok(words)));
                topic.set(String::new());
                attendees.set(Vec::new());
            }
            Err(e) => said.set(Some(Err(data::failure(i18n, &e, roll)))),
        });
    };
    view! {
        <details class="wb-add">
            <summary data-testid="co-new-training">{t!(i18n, co_new_training)}</summary>
            <form class="form" novalidate on:submit=save data-testid="co-training-form">
                <label>{t!(i18n, co_field_topic)}<input bind:value=topic data-testid="co-training-topic"/></label>
                <label>{t!(i18n, co_field_skill)}
                    <select on:change=move |ev| skill.set(event_target_value(&ev)) data-testid="co-training-skill">
                        <option value="">{t!(i18n, wb_none)}</option>
                        {move || skills(i18n).into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t!(i18n, co_field_start)}<input type="datetime-local" bind:value=start data-testid="co-training-start"/></label>
                <label>{t!(i18n, co_field_hours)}<input inputmode="numeric" bind:value=hours data-testid="co-training-hours"/></label>
                <label>{t!(i18n, co_field_place)}<input bind:value=place data-testid="co-training-place"/></label>
                <label>{t!(i18n, co_field_trainer)}<input bind:value=trainer data-testid="co-training-trainer"/></label>
                {move || (!due.with(Vec::is_empty)).then(|| view! { <p class="hint">{t!(i18n, co_proposed)}</p> })}
                <OfficerPicks roll=roll chosen=attendees label=t_string!(i18n, co_field_attendees) note=note/>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="co-save-training">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
