//! `/command/incidents/new`: the commander or a station head opens an incident: kind,
//! station (the township), village, place, time, urgency, summary, and the operation it is
//! part of when it spans regions. Saved offline; the page of the new incident opens.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::model::{Incident, IncidentKind, Urgency};

use super::super::context::Ctx;
use super::super::data;
use super::super::said::{SaidLine, said};
use super::super::station_select::StationSelect;
use super::super::time_input;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The form page.
#[component]
pub fn NewIncident() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let kind = RwSignal::new(IncidentKind::CriminalCrackdown);
    let station = RwSignal::new(crate::data::claims().and_then(|c| c.station).unwrap_or_default());
    let village = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let at = RwSignal::new(time_input::value(liandong_core::time::now()));
    let urgent = RwSignal::new(true);
    let summary = RwSignal::new(String::new());
    let operation = RwSignal::new(String::new());
    let said = said();
    let navigate = leptos_router::hooks::use_navigate();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let org = ctx.org.get_untracked();
        let Some(at) = time_input::parse(&at.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let station_id = station.with_untracked(|c| org.stations.iter().find(|s| &s.code == c).map(|s| s.id));
        let text = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let id = RecordId::new();
        let result = data::write(&region, |view, mark| {
            let incident = Incident {
                id,
                region: region.id,
                kind: kind.get_untracked(),
                station: station_id,
                village: text(village),
                place: place.get_untracked().trim().to_owned(),
                at,
                urgency: if urgent.get_untracked() { Urgency::Urgent } else { Urgency::Important },
                summary: summary.get_untracked().trim().to_owned(),
                opened: mark,
                operation: text(operation),
                plan: None,
                closed: None,
            };
            edit::save_incident(view, &org, &incident)
        });
        match result {
            Ok(()) => navigate(&format!("/command/incidents/{id}"), Default::default()),
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    view! {
        <h1>{t!(i18n, cmd_new_incident)}</h1>
        {move || (!ctx.writable.get()).then(|| view! { <p class="banner-warn">{t!(i18n, write_no_right)}</p> })}
        <form class="card form" novalidate on:submit=save data-testid="incident-form">
            <label>{t!(i18n, cmd_field_kind)}
                <select data-testid="incident-kind" on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    kind.set(IncidentKind::ALL.get(i).copied().unwrap_or(IncidentKind::Other));
                }>
                    {IncidentKind::ALL.iter().enumerate().map(|(i, k)| {
                        let k = *k;
                        view! { <option value=i.to_string() selected=move || kind.get() == k>{move || words::command::incident_kind(i18n.get_locale(), k)}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>{t!(i18n, cmd_field_station)}
                <StationSelect ctx=ctx value=station testid="incident-station"/>
            </label>
            <label>{t!(i18n, cmd_field_village)}<input bind:value=village/></label>
            <label>{t!(i18n, cmd_field_place)}<input bind:value=place data-testid="incident-place"/></label>
            <label>{t!(i18n, cmd_field_time)}<input type="datetime-local" bind:value=at/></label>
            <label class="check"><input type="checkbox" bind:checked=urgent/>{t!(i18n, urg_urgent)}</label>
            <label>{t!(i18n, cmd_field_summary)}<textarea rows="4" bind:value=summary data-testid="incident-summary"></textarea></label>
            <label>{t!(i18n, cmd_field_operation)}<input bind:value=operation placeholder=move || t_string!(i18n, cmd_operation_hint)/></label>
            <SaidLine said=said/>
            <div class="actions"><button class="button" type="submit" data-testid="save-incident" disabled=move || !ctx.writable.get()>{t!(i18n, cmd_open_it)}</button></div>
        </form>
    }
}
