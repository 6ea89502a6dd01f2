//! `/command/incidents/new`: the commander or a station head opens an incident: kind,
//! station (the township), village, place, time, urgency, summary, and the operation it is
//! part of when it spans regions. `/command/incidents/:id/edit`: the same form corrects an
//! open incident (`edit::edit_incident`). Saved offline; the incident's page opens.

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

/// The page that opens an incident.
#[component]
pub fn NewIncident() -> impl IntoView {
    let ctx = Ctx::new();
    view! { <IncidentForm ctx=ctx existing=None/> }
}

/// The page that edits incident `:id`, once it is read (closed ones are not edited).
#[component]
pub fn EditIncident() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let id = data::id_param();
    // Read once: a sync meanwhile must not reset what the officer is typing.
    let found = Memo::new(move |prev: Option<&Option<Incident>>| match prev {
        Some(Some(found)) => Some(found.clone()),
        _ => id.and_then(|id| ctx.state.with(|s| s.incident(id).filter(|i| i.closed.is_none()).cloned())),
    });
    move || match found.get() {
        Some(incident) => view! { <IncidentForm ctx=ctx existing=Some(incident)/> }.into_any(),
        None => ctx
            .loaded
            .get()
            .then(|| view! { <p class="empty" data-testid="incident-missing">{t!(i18n, cmd_incident_missing)}</p> })
            .into_any(),
    }
}

/// The form, empty to open an incident or filled with `existing` to edit it.
#[component]
fn IncidentForm(ctx: Ctx, existing: Option<Incident>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = existing.is_some();
    let e = existing.clone();
    let kind = RwSignal::new(e.as_ref().map_or(IncidentKind::CriminalCrackdown, |i| i.kind));
    let station_code = e
        .as_ref()
        .and_then(|i| i.station)
        .and_then(|s| ctx.org.with_untracked(|org| org.stations.iter().find(|x| x.id == s).map(|x| x.code.clone())));
    let station =
        RwSignal::new(station_code.or_else(|| crate::data::claims().and_then(|c| c.station)).unwrap_or_default());
    let village = RwSignal::new(e.as_ref().and_then(|i| i.village.clone()).unwrap_or_default());
    let place = RwSignal::new(e.as_ref().map(|i| i.place.clone()).unwrap_or_default());
    let at = RwSignal::new(time_input::value(e.as_ref().map_or_else(liandong_core::time::now, |i| i.at)));
    let urgent = RwSignal::new(e.as_ref().is_none_or(|i| i.urgency == Urgency::Urgent));
    let summary = RwSignal::new(e.as_ref().map(|i| i.summary.clone()).unwrap_or_default());
    let operation = RwSignal::new(e.as_ref().and_then(|i| i.operation.clone()).unwrap_or_default());
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
        let id = existing.as_ref().map_or_else(RecordId::new, |i| i.id);
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
                edited: None,
            };
            if editing {
                edit::edit_incident(view, &org, &ctx.state.get_untracked(), &incident, mark)
            } else {
                edit::save_incident(view, &org, &incident)
            }
        });
        match result {
            Ok(()) => navigate(&format!("/command/incidents/{id}"), Default::default()),
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    view! {
        <h1>{if editing { t!(i18n, cmd_edit_incident).into_any() } else { t!(i18n, cmd_new_incident).into_any() }}</h1>
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
            <div class="actions"><button class="button" type="submit" data-testid="save-incident" disabled=move || !ctx.writable.get()>
                {if editing { t!(i18n, cmd_save_changes).into_any() } else { t!(i18n, cmd_open_it).into_any() }}
            </button></div>
        </form>
    }
}
