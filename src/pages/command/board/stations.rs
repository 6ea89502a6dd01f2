//! One card per station of the region: on duty now out of its strength, loans out and in,
//! vehicles and equipment by state; with a line chosen, its free officers or items that
//! answer the line, to tap and commit.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::command::{Board, StationBoard};
use liandong_core::model::{Need, Resource};

use super::super::context::Ctx;
use super::super::names::Namer;
use super::super::requests::commit::{commit, officer_answers};
use super::super::said::Said;
use super::Chosen;
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::words::command::Names;

/// Every station's card.
#[component]
pub fn Stations(ctx: Ctx, board: Memo<Option<Arc<Board>>>, chosen: Chosen, said: Said) -> impl IntoView {
    view! {
        <div class="districts" data-testid="station-cards">
            {move || board.get().map(|b| b.stations.iter().cloned().map(|s| view! {
                <StationCard ctx=ctx station=s chosen=chosen said=said/>
            }.into_any()).collect_view())}
        </div>
    }
}

/// The candidates of a station for the chosen line: (resource, label).
/// An officer on duty now is marked (`张三（001） · 在岗`): lending them leaves their shift
/// short.
fn candidates(ctx: Ctx, s: &StationBoard, need: &Need, names: &Namer, on_duty: String) -> Vec<(Resource, String)> {
    let org = ctx.org.get();
    match need {
        Need::Officers { .. } => s
            .free
            .iter()
            .filter(|o| officer_answers(&org, **o, need))
            .map(|o| {
                let label = names.officer(*o);
                let label = if s.on_duty.contains(o) { fill(&on_duty, &[("officer", label)]) } else { label };
                (Resource::Officer(*o), label)
            })
            .collect(),
        Need::Vehicle | Need::Equipment { .. } => {
            let state = ctx.state.get();
            s.items_free
                .iter()
                .filter_map(|id| state.item(*id))
                .filter(|e| liandong_core::command::pool::answers(need, e.kind))
                .map(|e| (Resource::Equipment(e.id), names.resource(Resource::Equipment(e.id))))
                .collect()
        }
    }
}

/// One station.
#[component]
fn StationCard(ctx: Ctx, station: StationBoard, chosen: Chosen, said: Said) -> impl IntoView {
    let i18n = use_i18n();
    let s = station;
    let summary = move |s: &StationBoard| {
        let locale = i18n.get_locale();
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let names = Namer { org: &org, state: &state, locale };
        let loans = |key: &str, list: &[liandong_core::command::Loan], out: bool| {
            list.iter()
                .map(|l| {
                    let other = if out { l.to_station } else { l.from_station };
                    fill(key, &[("officer", names.officer(l.officer)), ("station", names.station(other))])
                })
                .collect::<Vec<_>>()
        };
        let mut lines = loans(t_string!(i18n, roster_loan_out), &s.lent_out, true);
        lines.extend(loans(t_string!(i18n, roster_loan_in), &s.lent_in, false));
        (names.station(s.station), lines)
    };
    let (name, loans) = summary(&s);
    let counts = fill(
        t_string!(i18n, cmd_station_counts),
        &[
            ("on_duty", s.on_duty.len().saturating_sub(s.lent_in.len()).to_string()),
            ("lent_in", s.lent_in.len().to_string()),
            ("strength", s.strength.to_string()),
            ("vehicles", s.vehicles.available.to_string()),
            ("equipment", s.equipment.available.to_string()),
        ],
    );
    let picks = {
        let s = s.clone();
        move || {
            let (request, line) = chosen.get()?;
            let locale = i18n.get_locale();
            let (org, state) = (ctx.org.get(), ctx.state.get());
            let names = Namer { org: &org, state: &state, locale };
            let req = state.request(request)?;
            // A line filled meanwhile (here or by a sync) offers nothing more.
            if liandong_core::command::fill::lines(&state, req).get(line as usize)?.short() == 0 {
                return None;
            }
            let need = req.items.get(line as usize)?.need.clone();
            let list = candidates(ctx, &s, &need, &names, t_string!(i18n, cmd_pick_on_duty).to_owned());
            Some(if list.is_empty() {
                view! { <p class="hint">{t!(i18n, cmd_none_free)}</p> }.into_any()
            } else {
                view! {
                    <div class="tags">
                        {list.into_iter().map(|(resource, label)| {
                            let name = label.clone();
                            view! {
                                <button type="button" class="tag pickable" data-testid="commit-pick" on:click=move |_| {
                                    said.set(Some(commit(ctx, request, line, resource, &name)));
                                    // The line stays chosen until it is filled: four officers are four taps.
                                    let filled = ctx.state.with_untracked(|st| st.request(request)
                                        .and_then(|r| liandong_core::command::fill::lines(st, r).get(line as usize).map(|l| l.short() == 0))
                                        .unwrap_or(true));
                                    if filled { chosen.set(None); }
                                }>{label}</button>
                            }
                        }).collect_view()}
                    </div>
                }
                .into_any()
            })
        }
    };
    view! {
        <section class="card" data-testid="station-card">
            <h3>{name}</h3>
            <p data-testid="station-counts">{counts}</p>
            {(!loans.is_empty()).then(|| view! {
                <ul class="plain-list hint">{loans.into_iter().map(|l| view! { <li data-testid="station-loan">{l}</li> }).collect_view()}</ul>
            })}
            {(s.vehicles.committed + s.equipment.committed > 0).then(|| view! {
                <p class="hint">{fill(t_string!(i18n, cmd_items_committed), &[("count", (s.vehicles.committed + s.equipment.committed).to_string())])}</p>
            })}
            {picks}
        </section>
    }
}
