//! `/command/plans`: the region's contingency plans (预案), one per kind of incident: the
//! forces by skill and count, vehicles and equipment by kind and count, the stations that
//! supply them, the steps and contacts; for each line how many the region has free now,
//! so a plan the region cannot fill shows it. The commander and station heads edit the
//! counts, steps and contacts; activating a plan is done on an incident.

use leptos::prelude::*;
use liandong_core::command::edit;
use liandong_core::command::rules::{Availability, Inputs};
use liandong_core::model::ContingencyPlan;

use super::context::Ctx;
use super::data;
use super::names::Namer;
use super::said::{SaidLine, said};
use super::tabs::Tabs;
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The plans page.
#[component]
pub fn Plans() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx::new();
    view! {
        <Tabs/>
        <h1>{t!(i18n, cmd_tab_plans)}</h1>
        {move || {
            let Some(region) = ctx.region.get() else { return ().into_any() };
            let state = ctx.state.get();
            let plans: Vec<ContingencyPlan> = state.plans.iter().filter(|p| p.region == region.id).cloned().collect();
            if plans.is_empty() {
                return view! { <p class="empty">{t!(i18n, cmd_no_plans)}</p> }.into_any();
            }
            plans.into_iter().map(|p| view! { <PlanCard ctx=ctx plan=p/> }).collect_view().into_any()
        }}
    }
}

/// One plan, with its editor for who may write.
#[component]
fn PlanCard(ctx: Ctx, plan: ContingencyPlan) -> impl IntoView {
    let i18n = use_i18n();
    let said = said();
    let counts: Vec<RwSignal<String>> = plan.items.iter().map(|l| RwSignal::new(l.item.count.to_string())).collect();
    let steps = RwSignal::new(plan.steps.join("\n"));
    let contacts = RwSignal::new(plan.contacts.join("\n"));
    let stored = StoredValue::new(plan.clone());
    let counts_for_save = counts.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let org = ctx.org.get_untracked();
        let mut p = stored.get_value();
        for (line, count) in p.items.iter_mut().zip(&counts_for_save) {
            line.item.count = count.get_untracked().trim().parse().unwrap_or(0);
        }
        let lines = |s: RwSignal<String>| {
            s.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
        };
        p.steps = lines(steps);
        p.contacts = lines(contacts);
        let result = data::write(&region, |view, _| edit::save_plan(view, &org, &p));
        said.set(Some(
            result.map(|()| t_string!(i18n, cmd_saved).to_owned()).map_err(|e| fmt::write_failure(i18n, &e)),
        ));
    };
    let lines = move || {
        let locale = i18n.get_locale();
        let Some(region) = ctx.region.get() else { return Vec::new() };
        let (org, state, shifts) = (ctx.org.get(), ctx.state.get(), ctx.shifts.get());
        let names = Namer { org: &org, state: &state, locale };
        let free = Availability::new(&state, Inputs { org: &org, shifts: &shifts, now: liandong_core::time::now() });
        let stations: Vec<_> = region.stations().collect();
        stored.with_value(|p| {
            p.items
                .iter()
                .map(|l| {
                    let have = free.count(&stations, &l.item.need, &l.stations);
                    let from = l
                        .stations
                        .iter()
                        .map(|s| names.station(*s))
                        .collect::<Vec<_>>()
                        .join(t_string!(i18n, list_separator));
                    (names.need(&l.item.need), have, l.item.count, from)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <form class="card form" novalidate on:submit=save data-testid="plan">
            <h2>{plan.title.clone()}" "<span class="tag">{move || words::command::incident_kind(i18n.get_locale(), plan.kind)}</span></h2>
            <ul class="plain-list">
                {move || lines().into_iter().zip(counts.clone()).map(|((need, have, wanted, from), count)| {
                    let from = if from.is_empty() { t_string!(i18n, cmd_any_station).to_owned() } else { from };
                    let hint = fmt::fill(t_string!(i18n, cmd_plan_line_hint), &[("free", have.to_string()), ("from", from)]);
                    view! {
                        <li class="plan-line" data-testid="plan-line">
                            <span><strong>{need}</strong><br/><span class="hint" class:short=have < wanted data-testid="plan-free">{hint}</span></span>
                            <input type="number" min="1" bind:value=count disabled=move || !ctx.writable.get() aria-label=move || t_string!(i18n, cmd_field_count)/>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label>{t!(i18n, cmd_steps)}<textarea rows="4" bind:value=steps disabled=move || !ctx.writable.get()></textarea></label>
            <label>{t!(i18n, cmd_contacts)}<textarea rows="2" bind:value=contacts disabled=move || !ctx.writable.get()></textarea></label>
            <SaidLine said=said/>
            {move || ctx.writable.get().then(|| view! { <button class="button" type="submit">{t!(i18n, cmd_save)}</button> })}
        </form>
    }
}
