//! `/command/requests/new?incident=…`: a station head (or the commander) asks the region for
//! help: lines of officers (with a skill), vehicles or equipment by kind, each with a count;
//! where to report, by when and until when. Saved offline; the request's page opens.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::docs::{Refusal, WriteError};
use liandong_core::model::{EquipmentKind, Need, RequestItem, SupportRequest};

use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use super::super::said::{SaidLine, said};
use super::super::time_input;
use crate::components::fmt;
use crate::data::WriteFailure;
use crate::i18n::*;

/// A need as the form's `<select>` value: `officers`, `skill:{code}`, `vehicle`, `eq:{n}`.
fn need_of(value: &str) -> Option<Need> {
    match value.split_once(':') {
        None if value == "officers" => Some(Need::Officers { skill: None }),
        None if value == "vehicle" => Some(Need::Vehicle),
        Some(("skill", code)) => Some(Need::Officers { skill: Some(code.to_owned()) }),
        Some(("eq", n)) => {
            n.parse::<usize>().ok().and_then(|n| EquipmentKind::ALL.get(n)).map(|k| Need::Equipment { kind: *k })
        }
        _ => None,
    }
}

/// The choices of the need `<select>`: (value, need).
fn choices(org: &liandong_core::org::Organisation) -> Vec<(String, Need)> {
    let mut out = vec![("officers".to_owned(), Need::Officers { skill: None })];
    out.extend(
        org.skills.iter().map(|s| (format!("skill:{}", s.code), Need::Officers { skill: Some(s.code.clone()) })),
    );
    out.push(("vehicle".to_owned(), Need::Vehicle));
    out.extend(
        EquipmentKind::ALL
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.is_vehicle())
            .map(|(n, k)| (format!("eq:{n}"), Need::Equipment { kind: *k })),
    );
    out
}

/// The form page.
#[component]
pub fn NewRequest() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let incident: Option<RecordId> = use_query_map().with_untracked(|q| q.get("incident")).and_then(|s| s.parse().ok());
    let own_station = crate::data::claims().and_then(|c| c.station);
    let station = RwSignal::new(own_station.clone().unwrap_or_default());
    let place = RwSignal::new(
        incident.and_then(|i| ctx.state.with_untracked(|s| s.incident(i).map(|x| x.place.clone()))).unwrap_or_default(),
    );
    let now = liandong_core::time::now();
    let by = RwSignal::new(time_input::value(now.checked_add(jiff::SignedDuration::from_hours(1)).unwrap_or(now)));
    let until = RwSignal::new(time_input::value(now.checked_add(jiff::SignedDuration::from_hours(25)).unwrap_or(now)));
    let lines = RwSignal::new(vec![(RwSignal::new("officers".to_owned()), RwSignal::new("2".to_owned()))]);
    let detail = RwSignal::new(String::new());
    let said = said();
    let navigate = leptos_router::hooks::use_navigate();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let org = ctx.org.get_untracked();
        let (Some(needed_by), Some(until)) =
            (time_input::parse(&by.get_untracked()), time_input::parse(&until.get_untracked()))
        else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let mut items = Vec::new();
        for (n, (need, count)) in lines.get_untracked().into_iter().enumerate() {
            let count: i64 = count.get_untracked().trim().parse().unwrap_or(0);
            let (Some(need), Ok(count)) = (need_of(&need.get_untracked()), u32::try_from(count)) else {
                let e = WriteFailure::Refused(WriteError::Invalid(Refusal::CountBelowOne { line: n }));
                said.set(Some(Err(fmt::write_failure(i18n, &e))));
                return;
            };
            items.push(RequestItem { need, count });
        }
        let Some(station_id) = station.with_untracked(|c| org.stations.iter().find(|s| &s.code == c).map(|s| s.id))
        else {
            return;
        };
        let id = RecordId::new();
        let result = data::write(&region, |view, mark| {
            let request = SupportRequest {
                id,
                station: station_id,
                incident,
                raised: mark,
                place: place.get_untracked().trim().to_owned(),
                needed_by,
                until,
                items,
                detail: detail.get_untracked().trim().to_owned(),
                plan: None,
                cancelled: None,
            };
            edit::save_request(view, &org, region.id, &request)
        });
        match result {
            Ok(()) => navigate(&format!("/command/requests/{id}"), Default::default()),
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    let stations = Memo::new(move |_| {
        let Some(region) = ctx.region.get() else { return Vec::new() };
        crate::data::with_directory_org(|o| {
            region
                .stations()
                .filter_map(|id| o.stations.iter().find(|s| s.id == id))
                .map(|s| (s.code.clone(), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let need_choices = Memo::new(move |_| {
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let names = Namer { org: &org, state: &state, locale: i18n.get_locale() };
        choices(&org).into_iter().map(|(v, n)| (v, names.need(&n))).collect::<Vec<_>>()
    });
    view! {
        <h1>{t!(i18n, cmd_new_request)}</h1>
        {move || (!ctx.writable.get()).then(|| view! { <p class="banner-warn">{t!(i18n, write_no_right)}</p> })}
        <form class="card form" novalidate on:submit=save data-testid="request-form">
            <label>{t!(i18n, cmd_field_requesting)}
                <select data-testid="request-station" disabled=own_station.is_some() on:change=move |ev| station.set(event_target_value(&ev))>
                    {move || stations.get().into_iter().map(|(code, name)| {
                        let selected = station.get_untracked() == code;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, cmd_field_report_place)}<input bind:value=place data-testid="request-place"/></label>
            <div class="row">
                <label>{t!(i18n, cmd_field_needed_by)}<input type="datetime-local" bind:value=by/></label>
                <label>{t!(i18n, cmd_field_until)}<input type="datetime-local" bind:value=until/></label>
            </div>
            <fieldset class="pick">
                <legend>{t!(i18n, cmd_field_lines)}</legend>
                {move || lines.get().into_iter().map(|(need, count)| view! {
                    <div class="row" data-testid="line-input">
                        <label>{t!(i18n, cmd_field_need)}
                            <select data-testid="line-need" on:change=move |ev| need.set(event_target_value(&ev))>
                                {move || need_choices.get().into_iter().map(|(v, label)| {
                                    let selected = need.get_untracked() == v;
                                    view! { <option value=v selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{t!(i18n, cmd_field_count)}<input type="number" min="1" bind:value=count data-testid="line-count"/></label>
                    </div>
                }).collect_view()}
                <button type="button" class="button plain" data-testid="add-line" on:click=move |_| lines.update(|l| l.push((RwSignal::new("vehicle".to_owned()), RwSignal::new("1".to_owned()))))>{t!(i18n, cmd_add_line)}</button>
            </fieldset>
            <label>{t!(i18n, cmd_field_detail)}<textarea rows="3" bind:value=detail></textarea></label>
            <SaidLine said=said/>
            <div class="actions"><button class="button" type="submit" data-testid="save-request" disabled=move || !ctx.writable.get()>{t!(i18n, cmd_send_request)}</button></div>
        </form>
    }
}
