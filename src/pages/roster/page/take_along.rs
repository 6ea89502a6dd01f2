//! "Take along": the roster as an iCalendar or CSV file (the station's, or the officer's
//! own), printed, and the station head's copy of last week and rotation.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::roster::export::Whose;
use liandong_core::roster::export::ical::Event;
use liandong_core::roster::{Context, copy_last_week};

use super::super::{export, rotation};
use super::state::RosterState;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The section; `rotating` opens the rotation panel.
#[component]
pub fn TakeAlong(state: RosterState, rotating: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let RosterState { writable, month, selected, .. } = state;
    let export_as = move |ical: bool, officer: Option<RecordId>| {
        let result = export_file(i18n, state, ical, officer);
        state
            .message
            .set(result.err().map(|reason| fmt::fill(t_string!(i18n, roster_export_failed), &[("reason", reason)])));
    };
    let copy_week = move |_| copy_week(i18n, state);
    view! {
        <section class="card no-print">
            <h2>{t!(i18n, roster_take_along)}</h2>
            <div class="row">
                <button class="button secondary" on:click=move |_| export_as(true, None)>{t!(i18n, roster_export_ical)}</button>
                <button class="button secondary" on:click=move |_| export_as(false, None)>{t!(i18n, roster_export_csv)}</button>
                <button class="button secondary" on:click=move |_| export_as(true, crate::data::me())>{t!(i18n, roster_export_mine)}</button>
                <button class="button secondary" on:click=move |_| export::print()>{t!(i18n, roster_print)}</button>
                <Show when=move || writable.get() && !month.get()>
                    <button class="button" on:click=copy_week>{t!(i18n, roster_copy_week)}</button>
                </Show>
                <Show when=move || writable.get()>
                    <button class="button" on:click=move |_| { rotating.set(true); selected.set(None); }>{t!(i18n, roster_rotation)}</button>
                </Show>
            </div>
            <p class="hint">{t!(i18n, roster_legend)}</p>
        </section>
    }
}

/// Downloads the station's shifts, or `officer`'s, as iCalendar (`ical`) or CSV, named in
/// the officer's language.
///
/// The region's meetings the station is expected at, not called off, as calendar events
/// (`例会：得胜派出所会议室`, the agenda as description).
fn meeting_events(i18n: leptos_i18n::I18nContext<Locale>, station: RecordId) -> Vec<Event> {
    super::super::data::meetings(station)
        .into_iter()
        .map(|m| Event {
            uid: m.id,
            start: m.start,
            end: m.end,
            summary: fmt::fill(t_string!(i18n, co_ical_meeting), &[("place", m.place.clone())]),
            category: t_string!(i18n, co_kind_meeting).to_owned(),
            description: m.agenda,
        })
        .collect()
}

/// # Errors
/// Why the file could not be made (worded by the caller).
fn export_file(
    i18n: leptos_i18n::I18nContext<Locale>,
    state: RosterState,
    ical: bool,
    officer: Option<RecordId>,
) -> Result<(), String> {
    let Some(s) = state.station.get_untracked() else { return Ok(()) };
    // The officers' joint patrols and trainings go along with their own shifts.
    let all: Vec<_> =
        state.shifts.with_untracked(|(all, _)| all.clone()).into_iter().chain(state.joint.get_untracked()).collect();
    state.org.with_untracked(|o| {
        let (scope, name) = match officer {
            Some(id) => {
                let who = o.officers.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default();
                let name =
                    fmt::fill(t_string!(i18n, roster_file_officer), &[("station", s.name.clone()), ("officer", who)]);
                (Whose::Officer(id), name)
            }
            None => {
                (Whose::Station(s.id), fmt::fill(t_string!(i18n, roster_file_station), &[("station", s.name.clone())]))
            }
        };
        let words = words::export::Export(i18n.get_locale());
        if ical {
            let meetings = meeting_events(i18n, s.id);
            export::ical(o, &all, &meetings, scope, &name, &words)
        } else {
            export::csv(o, &all, scope, &name, &words)
        }
    })
}

/// Copies last week's shifts into the week shown (what the rules allow) and says what it
/// did.
fn copy_week(i18n: leptos_i18n::I18nContext<Locale>, state: RosterState) {
    let Some(s) = state.station.get_untracked() else { return };
    let Some(monday) = state.days.with_untracked(|d| d.first().copied()) else { return };
    // The station's own shifts only: joint patrols and trainings are not copied into the roster.
    let all = state.shifts.with_untracked(|(all, _)| all.clone());
    let fill = state
        .org
        .with_untracked(|o| state.config.with_untracked(|c| copy_last_week(&Context::new(o, c, s.id), &all, monday)));
    state.message.set(Some(match rotation::write(i18n, &s.code, &fill.shifts) {
        Ok(()) if fill.sources == 0 => t_string!(i18n, roster_copy_nothing).to_string(),
        Ok(()) => rotation::summary(i18n, &fill),
        Err(e) => e,
    }));
}
