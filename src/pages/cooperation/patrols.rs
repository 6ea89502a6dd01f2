//! Joint patrols (联巡): the coming ones and the last four, each with its time, route,
//! stations, officers (the leader marked) and findings; the planners' form; the findings
//! form once a patrol has set out (its findings may become a region bulletin).

use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::RecordId;
use liandong_core::cooperation::CooperationState;
use liandong_core::cooperation::edit::{Overlap, cancel, plan_patrol, report_patrol};
use liandong_core::docs::RegionBulletins;
use liandong_core::model::JointPatrol;
use liandong_core::time::{in_china, text};

use super::data::{self, Roll};
use super::picks::{OfficerPicks, StationPicks};
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::pages::command::time_input;

/// The list and, for planners, the form.
#[component]
pub fn Patrols(state: Memo<Option<CooperationState>>, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        state
            .with(|s| s.as_ref().map(|s| data::coming_then_past(&s.patrols, |p| (p.start, p.end), usize::MAX, 4)))
            .unwrap_or_default()
    });
    view! {
        <section class="card" data-testid="co-patrols">
            <h2>{t!(i18n, co_patrols)}</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, co_patrols_empty)}</p> })}
            <ul class="wb-list">
                // Keyed by the whole record: a row is built again only when its own record
                // changes, so a form open in another row keeps what is typed through a sync.
                <For each=move || list.get() key=|p| format!("{p:?}") let:p>
                    <PatrolRow p=p roll=roll/>
                </For>
            </ul>
            {data::may_plan().then(|| view! { <PlanPatrol roll=roll/> })}
        </section>
    }
}

#[component]
fn PatrolRow(p: JointPatrol, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let now = liandong_core::time::now();
    let names = roll.with(|r| {
        p.officers
            .iter()
            .map(|o| {
                let n = data::name(r, *o);
                if p.leader == Some(*o) { fill(t_string!(i18n, co_leader_mark), &[("name", n)]) } else { n }
            })
            .collect::<Vec<_>>()
            .join(t_string!(i18n, list_sep))
    });
    let stations =
        roll.with(|r| p.stations.iter().map(|s| data::name(r, *s)).collect::<Vec<_>>().join(t_string!(i18n, list_sep)));
    let when = data::when(i18n, p.start, p.end);
    let said = said();
    let id = p.id;
    let cancellable = p.cancelled.is_none() && p.start > now && data::may_plan();
    let reportable = p.cancelled.is_none() && p.start <= now && data::may_report(&p);
    let leaderless = p.cancelled.is_none() && p.end > now && p.leader.is_none() && data::may_plan();
    view! {
        <li class="wb-row" data-testid="co-patrol-row">
            <div class="wb-head"><strong>{p.area.clone()}</strong><span class="wb-due">{when}</span></div>
            <p class="muted">{stations}</p>
            <p>{names}</p>
            {p.leader.is_none().then(|| view! { <p class="overdue">{t!(i18n, co_no_leader)}</p> })}
            {p.cancelled.is_some().then(|| view! { <p class="muted">{t!(i18n, co_cancelled)}</p> })}
            {(!p.findings.is_empty()).then(|| view! { <p class="wb-text">{p.findings.clone()}</p> })}
            {p.lead.map(|b| view! { <p><A href=format!("/bulletins/{b}")>{t!(i18n, co_lead_bulletin)}</A></p> })}
            {cancellable.then(|| view! {
                <button class="button secondary" data-testid="co-cancel-patrol" on:click=move |_| {
                    let r = data::write(|v, m| cancel::<JointPatrol>(v, id, m));
                    roll.with_untracked(|roll| data::settle(i18n, said, r, t_string!(i18n, wb_saved), roll));
                }>{t!(i18n, co_cancel)}</button>
            })}
            {leaderless.then(|| view! { <PickLeader p=p.clone() roll=roll/> })}
            {reportable.then(|| view! { <ReportPatrol p=p.clone() roll=roll/> })}
            <SaidLine said=said/>
        </li>
    }
}

/// Names the leader of a coming patrol that has none (planned again with the same checks).
#[component]
fn PickLeader(p: JointPatrol, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(String::new());
    let said = said();
    let officers = p.officers.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let leader = p.officers.iter().copied().find(|o| o.to_string() == chosen.get_untracked());
        let own = roll.with_untracked(data::region_shifts);
        let config = crate::pages::roster::data::config();
        let patrol = JointPatrol { leader, ..p.clone() };
        let result = data::write(|view, mark| {
            crate::sync::with_directory_org(|org| plan_patrol(view, &patrol, org, &own, &config, mark.at))
        });
        roll.with_untracked(|roll| data::settle(i18n, said, result, t_string!(i18n, wb_saved), roll));
    };
    view! {
        <form class="form row" novalidate on:submit=save data-testid="co-pick-leader">
            <select on:change=move |ev| chosen.set(event_target_value(&ev)) aria-label=move || t_string!(i18n, co_field_leader)>
                <option value="">{t!(i18n, co_field_leader)}</option>
                {officers.into_iter().map(|o| view! { <option value=o.to_string()>{roll.with(|r| data::name(r, o))}</option> }).collect_view()}
            </select>
            <button class="button secondary" type="submit">{t!(i18n, co_set_leader)}</button>
            <SaidLine said=said/>
        </form>
    }
}

/// The findings form of a patrol that has set out.
#[component]
fn ReportPatrol(p: JointPatrol, roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    let findings = RwSignal::new(p.findings.clone());
    let lead = RwSignal::new(false);
    let said = said();
    let id = p.id;
    let already = p.lead.is_some();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let station = data::station();
        let result = data::write(|view, mark| {
            let bulletins = if lead.get_untracked() {
                let region = crate::data::claims().and_then(|c| c.region);
                let doc = region.and_then(|r| {
                    crate::data::writer::<liandong_core::docs::BulletinsDoc>(&liandong_core::DocumentId::bulletins(&r))
                        .ok()
                });
                match doc {
                    Some(d) => Some(d),
                    None => {
                        return Err(liandong_core::docs::WriteError::Invalid(liandong_core::docs::Refusal::Missing));
                    }
                }
            } else {
                None
            };
            let station = station.unwrap_or(mark.by);
            report_patrol(
                view,
                bulletins.as_ref().map(|b: &RegionBulletins| b),
                id,
                &findings.get_untracked(),
                station,
                mark,
            )
        });
        roll.with_untracked(|roll| data::settle(i18n, said, result, t_string!(i18n, wb_saved), roll));
    };
    view! {
        <details class="wb-add">
            <summary data-testid="co-report-patrol">{t!(i18n, co_record_findings)}</summary>
            <form class="form" novalidate on:submit=save>
                <label>{t!(i18n, co_field_findings)}<textarea rows="3" bind:value=findings data-testid="co-findings-input"></textarea></label>
                {(!already).then(|| view! {
                    <label class="check"><input type="checkbox" bind:checked=lead data-testid="co-lead"/>{t!(i18n, co_field_lead)}</label>
                })}
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="co-save-findings">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}

/// Words the overlaps a saved plan only warns of.
pub fn warnings(i18n: leptos_i18n::I18nContext<Locale>, overlaps: &[Overlap], roll: &Roll) -> Option<String> {
    if overlaps.is_empty() {
        return None;
    }
    let each = overlaps
        .iter()
        .map(|o| {
            fill(
                t_string!(i18n, co_overlap),
                &[
                    ("name", data::name(roll, o.officer)),
                    ("kind", crate::words::shift::kind(i18n.get_locale(), o.kind).to_owned()),
                    ("start", text::md_hm(in_china(o.start).datetime())),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(t_string!(i18n, list_sep));
    Some(fill(t_string!(i18n, co_saved_with_overlaps), &[("list", each)]))
}

/// The planners' form.
#[component]
fn PlanPatrol(roll: Memo<Roll>) -> impl IntoView {
    let i18n = use_i18n();
    // By default tomorrow evening.
    let start = RwSignal::new(data::default_start(1, 19, 0));
    let hours = RwSignal::new("3".to_owned());
    let area = RwSignal::new(String::new());
    let stations = RwSignal::new(Vec::<RecordId>::new());
    let officers = RwSignal::new(Vec::<RecordId>::new());
    let leader = RwSignal::new(String::new());
    let said = said();
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
        let chosen = officers.get_untracked();
        let leader = chosen.iter().copied().find(|o| o.to_string() == leader.get_untracked());
        let result = data::write(|view, mark| {
            let patrol = JointPatrol {
                id: RecordId::new(),
                start: at,
                end,
                area: area.get_untracked(),
                stations: stations.get_untracked(),
                officers: chosen.clone(),
                leader,
                findings: String::new(),
                lead: None,
                planned: mark,
                reported: None,
                cancelled: None,
            };
            crate::sync::with_directory_org(|org| plan_patrol(view, &patrol, org, &own, &config, mark.at))
        });
        roll.with_untracked(|roll| match result {
            Ok(overlaps) => {
                let words = warnings(i18n, &overlaps, roll).unwrap_or_else(|| t_string!(i18n, wb_saved).to_owned());
                said.set(Some(Ok(words)));
                area.set(String::new());
                officers.set(Vec::new());
            }
            Err(e) => said.set(Some(Err(data::failure(i18n, &e, roll)))),
        });
    };
    view! {
        <details class="wb-add">
            <summary data-testid="co-new-patrol">{t!(i18n, co_new_patrol)}</summary>
            <form class="form" novalidate on:submit=save data-testid="co-patrol-form">
                <label>{t!(i18n, co_field_start)}<input type="datetime-local" bind:value=start data-testid="co-patrol-start"/></label>
                <label>{t!(i18n, co_field_hours)}<input inputmode="numeric" bind:value=hours data-testid="co-patrol-hours"/></label>
                <label>{t!(i18n, co_field_area)}<input bind:value=area data-testid="co-patrol-area"/></label>
                <StationPicks roll=roll chosen=stations label=t_string!(i18n, co_field_stations)/>
                <OfficerPicks roll=roll chosen=officers label=t_string!(i18n, co_field_officers)/>
                <label>{t!(i18n, co_field_leader)}
                    <select on:change=move |ev| leader.set(event_target_value(&ev)) data-testid="co-patrol-leader">
                        <option value="">{t!(i18n, wb_none)}</option>
                        {move || officers.get().into_iter().map(|o| view! {
                            <option value=o.to_string()>{roll.with(|r| data::name(r, o))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="co-save-patrol">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
