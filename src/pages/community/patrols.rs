//! Patrols (治安巡逻防范): the station's patrols, newest first, with area or route, when and
//! how long, the officers and what was found; below, the form that logs one, whose findings
//! may be recorded as a community intelligence report at once (a lead from the patrol).

use jiff::{SignedDuration, Timestamp};
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::community::CommunityState;
use liandong_core::community::log::log_patrol;
use liandong_core::model::{Patrol, ReportCategory};
use liandong_core::time::{in_china, text};

use super::data::{self, Named};
use super::fields::{Crew, RemoveButton};
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::pages::command::time_input;
use crate::words::community as words;

/// How many patrols the list shows (the newest).
const SHOWN: usize = 10;

/// The list and the form.
#[component]
pub fn Patrols(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let patrols = Memo::new(move |_| {
        state
            .with(|s| {
                s.as_ref().map(|s| {
                    let mut list: Vec<(Patrol, bool)> = s
                        .patrols
                        .iter()
                        .map(|p| (p.clone(), s.reports.iter().any(|r| r.patrol == Some(p.id))))
                        .collect();
                    liandong_core::sort::by_key(&mut list, |(p, _)| std::cmp::Reverse(p.start));
                    list.truncate(SHOWN);
                    list
                })
            })
            .unwrap_or_default()
    });
    let said = said();
    view! {
        <section class="card" data-testid="wb-patrols">
            <h2>{t!(i18n, wb_patrols)}</h2>
            {move || patrols.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_patrols_empty)}</p> })}
            <ul class="wb-list">
                {move || patrols.get().into_iter().map(|(p, lead)| {
                    let officers = names.with(|(_, o)| {
                        p.officers.iter().filter_map(|id| data::name_of(o, Some(*id))).collect::<Vec<_>>()
                    });
                    let when = fill(t_string!(i18n, wb_patrol_line), &[
                        ("time", text::md_hm(in_china(p.start).datetime())),
                        ("minutes", p.minutes.to_string()),
                    ]);
                    let found = if p.found.is_empty() { t_string!(i18n, wb_patrol_quiet).to_owned() } else { p.found.clone() };
                    view! {
                        <li class="wb-row" data-testid="patrol-row">
                            <div class="wb-head"><strong>{p.area.clone()}</strong><span class="wb-due">{when}</span></div>
                            <p class="muted">{officers.join(t_string!(i18n, list_sep))}</p>
                            <p class="wb-text">{found}</p>
                            {lead.then(|| view! { <p class="muted">{format!("→ {}", t_string!(i18n, wb_reports))}</p> })}
                            {data::may_remove(&p).then(|| {
                                let id = p.id;
                                view! { <RemoveButton on_remove=Callback::new(move |()| data::said_failure(i18n, said, data::remove::<Patrol>(id)))/> }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <SaidLine said=said/>
            <NewPatrol names=names/>
        </section>
    }
}

/// The form that logs a patrol (collapsed under its title).
#[component]
fn NewPatrol(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let area = RwSignal::new(String::new());
    // Logged on return: by default it set out two hours ago.
    let two_hours_ago = Timestamp::now().checked_sub(SignedDuration::from_hours(2)).unwrap_or(Timestamp::now());
    let start = RwSignal::new(time_input::value(two_hours_ago));
    let minutes = RwSignal::new("120".to_owned());
    let me = crate::data::me();
    let crew = RwSignal::new(me.into_iter().collect::<Vec<RecordId>>());
    let found = RwSignal::new(String::new());
    // The report category its findings are recorded under, if any (index + 1; 0: none).
    let lead = RwSignal::new(0usize);
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = time_input::parse(&start.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let result = data::write(|view, mark| {
            let patrol = Patrol {
                id: RecordId::new(),
                area: area.get_untracked().trim().to_owned(),
                start: at,
                // Not a number: 0, which core refuses with the allowed range.
                minutes: data::ascii_digits(&minutes.get_untracked()).parse().unwrap_or(0),
                officers: crew.get_untracked(),
                found: found.get_untracked().trim().to_owned(),
                logged: mark,
            };
            let category = lead.get_untracked().checked_sub(1).and_then(|i| ReportCategory::ALL.get(i).copied());
            log_patrol(view, &patrol, category, mark.at)
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_saved)) {
            area.set(String::new());
            found.set(String::new());
            lead.set(0);
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="new-patrol">{t!(i18n, wb_new_patrol)}</summary>
            <form class="form" novalidate on:submit=save data-testid="patrol-form">
                <label>{t!(i18n, wb_field_area)}<input bind:value=area data-testid="patrol-area"/></label>
                <label>{t!(i18n, wb_field_start)}<input type="datetime-local" bind:value=start/></label>
                <label>{t!(i18n, wb_field_minutes)}<input inputmode="numeric" bind:value=minutes data-testid="patrol-minutes"/></label>
                <Crew names=names crew=crew/>
                <label>{t!(i18n, wb_field_found)}<textarea rows="2" bind:value=found data-testid="patrol-found"></textarea></label>
                <label>{t!(i18n, wb_field_lead)}
                    <select on:change=move |ev| lead.set(event_target_value(&ev).parse().unwrap_or(0)) data-testid="patrol-lead">
                        <option value="0">{t!(i18n, wb_none)}</option>
                        {ReportCategory::ALL.iter().enumerate().map(|(i, c)| {
                            let c = *c;
                            view! { <option value=(i + 1).to_string()>{move || words::report_category(i18n.get_locale(), c)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-patrol">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
