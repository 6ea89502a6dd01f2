//! `/command/requests/new?incident=…`: a station head (or the commander) asks the region for
//! help: lines of officers (with a skill), vehicles or equipment by kind, each with a count;
//! where to report, by when and until when. Saved offline; the request's page opens.
//! From a plan activated on an incident (`?incident=…&plan=…`) it starts as the plan's
//! draft ([`super::draft`]), to adjust before sending.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::docs::{Refusal, WriteError};
use liandong_core::model::{Incident, SupportRequest};

use super::super::context::Ctx;
use super::super::data;
use super::super::said::{SaidLine, said};
use super::super::station_select::StationSelect;
use super::super::time_input;
use super::draft;
use super::line_inputs::{LineInputs, Lines, items};
use crate::components::fmt;
use crate::data::WriteFailure;
use crate::i18n::*;

/// The form page.
#[component]
pub fn NewRequest() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    let query = |key: &str| use_query_map().with_untracked(|q| q.get(key)).and_then(|s| s.parse::<RecordId>().ok());
    let (incident, plan) = (query("incident"), query("plan"));
    let own_station = crate::data::claims().and_then(|c| c.station);
    let first = draft::prefill(ctx, incident, plan);
    let station = RwSignal::new(first.station);
    let place = RwSignal::new(first.place);
    let now = liandong_core::time::now();
    let by = RwSignal::new(time_input::value(now.checked_add(jiff::SignedDuration::from_hours(1)).unwrap_or(now)));
    let until = RwSignal::new(time_input::value(now.checked_add(jiff::SignedDuration::from_hours(25)).unwrap_or(now)));
    let lines: Lines =
        RwSignal::new(first.lines.into_iter().map(|(n, c)| (RwSignal::new(n), RwSignal::new(c))).collect());
    let detail = RwSignal::new(first.detail);
    let said = said();
    let navigate = leptos_router::hooks::use_navigate();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let (org, state) = (ctx.org.get_untracked(), ctx.state.get_untracked());
        let (Some(needed_by), Some(until)) =
            (time_input::parse(&by.get_untracked()), time_input::parse(&until.get_untracked()))
        else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let items = match items(lines) {
            Ok(items) => items,
            Err(line) => {
                let e = WriteFailure::Refused(WriteError::Invalid(Refusal::CountBelowOne { line }));
                said.set(Some(Err(fmt::write_failure(i18n, &e))));
                return;
            }
        };
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
                plan,
                cancelled: None,
            };
            edit::save_request(view, &org, region.id, &request)?;
            // The plan activated on the incident (the incident says which).
            match (plan, incident.and_then(|i| state.incident(i))) {
                (Some(p), Some(inc)) if inc.plan != Some(p) => view.put(&Incident { plan: Some(p), ..inc.clone() }),
                _ => Ok(()),
            }
        });
        match result {
            Ok(()) => navigate(&format!("/command/requests/{id}"), Default::default()),
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    view! {
        <h1>{t!(i18n, cmd_new_request)}</h1>
        {move || (!ctx.writable.get()).then(|| view! { <p class="banner-warn">{t!(i18n, write_no_right)}</p> })}
        <form class="card form" novalidate on:submit=save data-testid="request-form">
            <label>{t!(i18n, cmd_field_requesting)}
                <StationSelect ctx=ctx value=station disabled=own_station.is_some() testid="request-station"/>
            </label>
            <label>{t!(i18n, cmd_field_report_place)}<input bind:value=place data-testid="request-place"/></label>
            <div class="row">
                <label>{t!(i18n, cmd_field_needed_by)}<input type="datetime-local" bind:value=by/></label>
                <label>{t!(i18n, cmd_field_until)}<input type="datetime-local" bind:value=until/></label>
            </div>
            <LineInputs ctx=ctx lines=lines/>
            <label>{t!(i18n, cmd_field_detail)}<textarea rows="3" bind:value=detail></textarea></label>
            <SaidLine said=said/>
            <div class="actions"><button class="button" type="submit" data-testid="save-request" disabled=move || !ctx.writable.get()>{t!(i18n, cmd_send_request)}</button></div>
        </form>
    }
}
