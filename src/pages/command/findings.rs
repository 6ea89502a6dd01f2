//! The command rules' findings as a list, BLOCK first ([`liandong_core::command::rules`]),
//! followed by the lending stations' staffing findings of loans running now or later
//! ([`liandong_core::model::RosterRule::LoanBreaksStaffing`], the roster's rule), so the
//! commander sees on the board what a loan does to the station it comes from.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::{Board, CommandState, Loan, loans};
use liandong_core::model::{Region, RosterRule, Shift};
use liandong_core::org::Organisation;
use liandong_core::roster::{Context, Period, RosterConfig, RosterViolation, Severity, check};

use super::context::Ctx;
use super::names::Namer;
use crate::i18n::*;
use crate::words;

/// The lending stations' staffing findings caused by loans that run now or later, over the
/// days from today to the last such loan's end (at most a week).
fn loan_findings(
    org: &Organisation,
    shifts: &[Shift],
    state: &CommandState,
    region: &Region,
    config: &RosterConfig,
    now: jiff::Timestamp,
) -> Vec<(RecordId, RosterViolation)> {
    // Only loans that run now or later: once an officer is back (returned), the reminder
    // has nothing left to act on, though the shift was short while the officer was away.
    let current: Vec<Loan> = loans::loans(state).into_iter().filter(|l| l.to > now).collect();
    let Some(end) = current.iter().map(|l| l.to).max() else { return Vec::new() };
    let today = liandong_core::time::in_china(now).date();
    let week = today.checked_add(jiff::ToSpan::days(6)).unwrap_or(today);
    let period = Period { first: today, last: liandong_core::time::in_china(end).date().min(week) };
    let mut out = Vec::new();
    for station in region.stations().filter(|s| current.iter().any(|l| l.from_station == *s)) {
        let ctx = Context::new(org, config, station).with_loans(&current);
        out.extend(
            check(&ctx, shifts, Some(period))
                .into_iter()
                .filter(|v| v.rule == RosterRule::LoanBreaksStaffing)
                .map(|v| (station, v)),
        );
    }
    out
}

/// The findings of the region now (those [`Board::build`] found), or nothing when there
/// are none.
#[component]
pub fn Findings(ctx: Ctx, board: Memo<Option<Arc<Board>>>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let Some(region) = ctx.region.get() else { return Vec::new() };
        let Some(board) = board.get() else { return Vec::new() };
        let (org, state, shifts) = (ctx.org.get(), ctx.state.get(), ctx.shifts.get());
        let now = liandong_core::time::now();
        let mut found: Vec<_> = board
            .findings
            .iter()
            .filter(|f| match f {
                liandong_core::command::rules::CommandFinding::PlanShort { plan, .. } => {
                    state.plans.iter().any(|p| p.id == *plan && p.region == region.id)
                }
                _ => true,
            })
            .collect();
        liandong_core::sort::by_key(&mut found, |f| f.severity() != Severity::Block);
        let names = Namer { org: &org, state: &state, locale };
        let mut lines: Vec<(bool, String)> = found
            .iter()
            .map(|f| (f.severity() == Severity::Block, words::command::finding(locale, f, &names)))
            .collect();
        let config = crate::pages::roster::data::config();
        for (station, v) in loan_findings(&org, &shifts, &state, &region, &config, now) {
            let label = crate::components::fmt::fill(
                t_string!(i18n, cmd_station_finding),
                &[("station", names.station(station)), ("finding", words::roster::violation(locale, &v))],
            );
            lines.push((false, label));
        }
        lines
    });
    move || {
        let list = lines.get();
        (!list.is_empty()).then(|| {
            // Folded unless something blocks, so the incidents and requests stay in view.
            let blocking = list.iter().any(|(block, _)| *block);
            let head = crate::components::fmt::fill(t_string!(i18n, cmd_findings), &[("count", list.len().to_string())]);
            view! {
                <details class="card" data-testid="command-findings" open=blocking>
                    <summary><strong>{head}</strong></summary>
                    <ul class="plain-list">
                        {list.into_iter().map(|(block, text)| view! {
                            <li class="finding" class:block=block data-testid="command-finding">
                                <span class="tag">{if block { t_string!(i18n, roster_sev_block) } else { t_string!(i18n, roster_sev_warn) }}</span>" "{text}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            }
        })
    }
}
