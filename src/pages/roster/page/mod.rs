//! `/roster`: one station's roster as a grid, officers in rows and days in columns, a week
//! (default, phone-usable) or a month. The station head taps a cell to plan it; everyone
//! sees the rules' findings over the merged roster, re-run after every sync.
//!
//! The page's state is one [`state::RosterState`]; its parts: [`head`] (station, period),
//! [`grid`], the cell editor and rotation panel (`super::editor`, `super::rotation`), the
//! findings (`super::violations`), [`loans`] (officers lent to or from the station) and
//! [`take_along`] (exports, print, copy last week).

mod grid;
mod head;
mod loans;
mod state;
mod take_along;

use leptos::prelude::*;

use super::{editor::CellEditor, rotation::RotationPanel, violations::Violations};
use crate::components::fmt;
use crate::i18n::*;
use state::RosterState;
pub use state::{days_of, officers_of};

/// The Roster page.
#[component]
pub fn Roster() -> impl IntoView {
    let i18n = use_i18n();
    let state = RosterState::new();
    let RosterState { station, selected, message, org, config, shifts, report, days, officers, .. } = state;
    let rotating = RwSignal::new(false);
    // The findings follow the shown days one task later, so a new week or month paints its
    // grid first (bench/app/roster-bench.mjs: the month view's first frame).
    let findings_days = RwSignal::new(days.get_untracked());
    Effect::new(move |_| {
        let shown = days.get();
        // try_set: the page may be gone by then.
        leptos::prelude::set_timeout(
            move || {
                let _ = findings_days.try_set(shown);
            },
            std::time::Duration::ZERO,
        );
    });
    let unreadable = move || shifts.with(|(_, unreadable)| *unreadable);
    view! {
        <head::Head state/>
        <head::Toolbar state/>
        {move || (unreadable() > 0).then(|| view! {
            <p class="banner banner-warn" role="status">{fmt::fill(t_string!(i18n, roster_newer_version), &[("count", unreadable().to_string())])}</p>
        })}
        {move || message.get().map(|m| view! { <p class="banner" role="status" data-testid="roster-message">{m}</p> })}
        <loans::Loans state/>
        <grid::Grid state/>
        {move || officers.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, roster_empty)}</p> })}
        {move || match (selected.get(), station.get()) {
            (Some((officer, day)), Some(s)) => view! {
                <CellEditor station=s officer=officer day=day shifts=shifts org=org config=config on_close=Callback::new(move |_: ()| selected.set(None))/>
            }.into_any(),
            _ => ().into_any(),
        }}
        {move || match (rotating.get(), station.get()) {
            (true, Some(s)) => view! {
                <RotationPanel station=s officers=officers days=days shifts=shifts org=org config=config on_close=Callback::new(move |_: ()| rotating.set(false))/>
            }.into_any(),
            _ => ().into_any(),
        }}
        <Violations report=report days=findings_days.into()/>
        <take_along::TakeAlong state rotating/>
    }
}
