//! A request's commitments: who or what, from which station, the step reached with its
//! time, the officer's acknowledgement, and the button for the next step (出发 → 到达 → 撤离 →
//! 归建), or cancelling one not yet set out (which asks first).

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::{Stage, edit};
use liandong_core::model::{Commitment, Resource};

use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use super::super::said::{SaidLine, said};
use crate::components::fmt;
use crate::i18n::*;
use crate::words;
use crate::words::command::Names;

/// The next steps a commitment can take.
fn next_steps(c: &Commitment) -> Vec<Stage> {
    match c.stage() {
        Stage::Committed => vec![Stage::Dispatched, Stage::Cancelled],
        Stage::Dispatched => vec![Stage::OnScene, Stage::Returned],
        Stage::OnScene => vec![Stage::Released],
        Stage::Released => vec![Stage::Returned],
        Stage::Returned | Stage::Cancelled => vec![],
    }
}

/// The commitments of request `request`.
#[component]
pub fn Commitments(ctx: Ctx, request: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let said = said();
    let step = move |id: RecordId, stage: Stage| {
        let Some(region) = ctx.region.get_untracked() else { return };
        let state = ctx.state.get_untracked();
        if let Err(e) = data::write(&region, |view, mark| edit::mark_step(view, &state, id, stage, mark)) {
            said.set(Some(Err(fmt::write_failure(i18n, &e))));
        } else {
            said.set(None);
        }
    };
    // Cancelling takes a second tap: the first only asks (a cancelled commitment is not
    // undone; it has to be made again).
    let asking: RwSignal<Option<RecordId>> = RwSignal::new(None);
    let lead = move |id: RecordId| {
        let Some(region) = ctx.region.get_untracked() else { return };
        let state = ctx.state.get_untracked();
        let result = data::write(&region, |view, _| edit::set_leader(view, &state, id));
        said.set(result.err().map(|e| Err(fmt::write_failure(i18n, &e))));
    };
    view! {
        <section class="card" data-testid="commitments">
            <h2>{t!(i18n, cmd_commitments)}</h2>
            <SaidLine said=said/>
            {move || {
                let locale = i18n.get_locale();
                let (org, state) = (ctx.org.get(), ctx.state.get());
                let names = Namer { org: &org, state: &state, locale };
                let writable = ctx.writable.get();
                let list: Vec<Commitment> = state.commitments_of(request).cloned().collect();
                // The commitments a merge made double (the same officer or item twice).
                let doubled: Vec<RecordId> = liandong_core::command::rules::double_bookings(&state)
                    .into_iter()
                    .flat_map(|f| match f {
                        liandong_core::command::rules::CommandFinding::DoubleBooked { first, second, .. } => vec![first.0, second.0],
                        _ => vec![],
                    })
                    .collect();
                if list.is_empty() {
                    return view! { <p class="empty">{t!(i18n, cmd_no_commitments)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|c| {
                            let stage = c.stage();
                            let when = c.mark(stage).map(|m| fmt::date_time(m.at)).unwrap_or_default();
                            let ack = match c.resource {
                                Resource::Officer(_) => Some(match state.ack(c.id) {
                                    Some(a) => view! { <span class="tag ok" data-testid="acked">{fmt::fill(t_string!(i18n, cmd_acked_at), &[("time", fmt::date_time(a.at))])}</span> }.into_any(),
                                    None => view! { <span class="tag warn" data-testid="not-acked">{t!(i18n, cmd_not_acked)}</span> }.into_any(),
                                }),
                                Resource::Equipment(_) => None,
                            };
                            let id = c.id;
                            let double = doubled.contains(&c.id);
                            let by = fmt::fill(t_string!(i18n, cmd_committed_by), &[("officer", names.officer(c.committed.by)), ("time", fmt::date_time(c.committed.at))]);
                            let can_lead = writable && c.is_active() && !c.leads && matches!(c.resource, Resource::Officer(_));
                            view! {
                                <li class="finding" class:block=double data-testid="commitment">
                                    <strong>{names.resource(c.resource)}</strong>" · "{names.station(c.station)}" "
                                    <span class="tag" data-testid="stage">{words::command::stage(locale, stage)}</span>" "
                                    <span class="hint">{when}</span>" "{ack}
                                    {c.leads.then(|| view! { " "<strong class="tag" data-testid="leads">{t!(i18n, cmd_leads)}</strong> })}
                                    {double.then(|| view! { " "<span class="tag" data-testid="doubled">{t!(i18n, cmd_doubled)}</span> })}
                                    <br/><span class="hint">{by}</span>
                                    {writable.then(|| view! {
                                        <div class="actions">
                                            {next_steps(&c).into_iter().map(|s| if s == Stage::Cancelled && asking.get() == Some(id) {
                                                view! {
                                                    <button type="button" class="button secondary" data-testid="step" data-step="Cancelled"
                                                        on:click=move |_| { asking.set(None); step(id, s) }>{t!(i18n, cmd_cancel_sure)}</button>
                                                    <button type="button" class="button plain" data-testid="keep"
                                                        on:click=move |_| asking.set(None)>{t!(i18n, cmd_cancel_keep)}</button>
                                                }.into_any()
                                            } else if s == Stage::Cancelled {
                                                view! {
                                                    <button type="button" class="button plain" data-testid="ask-cancel"
                                                        on:click=move |_| asking.set(Some(id))>{words::command::step_button(locale, s)}</button>
                                                }.into_any()
                                            } else {
                                                view! {
                                                    <button type="button" class="button plain" data-testid="step" data-step=format!("{s:?}")
                                                        on:click=move |_| step(id, s)>{words::command::step_button(locale, s)}</button>
                                                }.into_any()
                                            }).collect_view()}
                                            {can_lead.then(|| view! {
                                                <button type="button" class="button plain" data-testid="make-leader" on:click=move |_| lead(id)>{t!(i18n, cmd_make_leader)}</button>
                                            })}
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
