//! "This week" on Home: the signed-in officer's joint patrols and trainings and their
//! station's meetings in the next seven days, and the decisions their station owns that
//! are still open (overdue ones marked).
//!
//! Home is in the first visit's Wasm, so reading the records is a `#[lazy]` function: its
//! code (the cooperation records' serde) is a module of its own, as for "my dispatch"
//! (`crate::pages::command::dispatch`).

use jiff::{SignedDuration, Timestamp};
use leptos::lazy;
use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::cooperation::CooperationState;
use liandong_core::cooperation::week::{EntryKind, entries, open_decisions};
use liandong_core::docs::RegionCommand;
use liandong_core::{DocumentId, RecordId};
use yrs::Doc;

use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// One line of the card, ready to word.
#[derive(Clone)]
enum Line {
    /// An appointment: kind, start, end, where, topic, whether the officer leads it.
    Entry(EntryKind, Timestamp, Timestamp, String, String, bool),
    /// An open decision of the station: text, due, overdue.
    Decision(String, jiff::civil::Date, bool),
}

/// The command document, the officer and their station; `None` until the build is stored
/// on the device (the service worker controls the page) or can never be (plain HTTP on a
/// LAN), so a first visit over a slow link fetches only the main module and this card's
/// module comes with the background preload ([`crate::pwa`]).
fn sources() -> Option<(Doc, RecordId, Option<RecordId>)> {
    use crate::pwa::OfflineStart;
    if !matches!(crate::pwa::offline_start().get(), OfflineStart::Ready | OfflineStart::NeedsHttps) {
        return None;
    }
    let claims = sync::signals().claims.get()?;
    let me = sync::officer_id()?;
    let command = sync::read_doc(&DocumentId::command(claims.region.as_deref()?))?;
    let station = sync::with_directory_org(|org| claims.station_id(org));
    Some((command, me, station))
}

/// The officer's week and their station's open decisions.
#[lazy]
fn week(command: Doc, me: RecordId, station: Option<RecordId>) -> Vec<Line> {
    let state = CooperationState::read(&RegionCommand::new(command));
    let now = liandong_core::time::now();
    let today = liandong_core::time::in_china(now).date();
    let to = now.checked_add(SignedDuration::from_hours(24 * 7)).unwrap_or(now);
    let mut out: Vec<Line> = entries(&state, me, station, (now, to))
        .into_iter()
        .map(|e| Line::Entry(e.kind, e.start, e.end, e.place, e.topic, e.leads))
        .collect();
    if let Some(station) = station {
        out.extend(
            open_decisions(&state, station).into_iter().map(|d| Line::Decision(d.text.clone(), d.due, d.due < today)),
        );
    }
    out
}

/// The Home card; nothing when the week is empty.
#[component]
pub fn MyWeek() -> impl IntoView {
    let i18n = use_i18n();
    let lines = RwSignal::new(Vec::<Line>::new());
    Effect::new(move |_| {
        let sources = sources();
        leptos::task::spawn_local(async move {
            let rows = match sources {
                Some((command, me, station)) => week(command, me, station).await,
                None => Vec::new(),
            };
            let _ = lines.try_set(rows);
        });
    });
    move || {
        let list = lines.get();
        (!list.is_empty()).then(|| view! {
            <section class="card" data-testid="my-week">
                <h2><A href="/cooperation">{t!(i18n, home_my_week)}</A></h2>
                <ul class="plain-list">
                    {list.into_iter().map(|line| match line {
                        Line::Entry(kind, start, end, place, topic, leads) => {
                            let what = match kind {
                                EntryKind::Meeting => t_string!(i18n, co_kind_meeting),
                                EntryKind::Patrol if leads => t_string!(i18n, co_kind_patrol_lead),
                                EntryKind::Patrol => t_string!(i18n, co_kind_patrol),
                                EntryKind::Training => t_string!(i18n, co_kind_training),
                            };
                            view! {
                                <li data-testid="week-entry"><strong>{what}</strong>" "{if topic.is_empty() { place } else { format!("{topic} · {place}") }}" "
                                <span class="hint">{fmt::date_time(start)}" – "{fmt::date_time(end)}</span></li>
                            }.into_any()
                        }
                        Line::Decision(text, due, overdue) => view! {
                            <li data-testid="week-decision"><strong>{t!(i18n, co_kind_decision)}</strong>" "{text}" "
                            <span class:overdue=overdue class:hint=!overdue>{fmt::fill(t_string!(i18n, co_due_on), &[("due", liandong_core::time::text::md(due))])}</span></li>
                        }.into_any(),
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
