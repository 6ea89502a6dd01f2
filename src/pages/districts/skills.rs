//! The skill matrix of a station: officers in rows, the county's skills in columns; a
//! skill shows its last valid day when it expires, marked when that is within 60 days
//! and struck through once past. The station head grants skills (from the county's
//! catalogue, optionally expiring) and takes them away.

use jiff::ToSpan;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::{grant_skill, revoke_skill};
use liandong_core::org::Organisation;
use liandong_core::rules::staffing::categories;

use super::anchor;
use super::data;
use crate::components::fmt;
use crate::i18n::*;

/// Days before expiry from which a skill is marked as expiring.
const EXPIRING_DAYS: i32 = 60;

/// The matrix, and the station head's grant form under it.
#[component]
pub fn SkillMatrix(ctx: data::Context, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let writable = ctx.writable;
    let ctx = ctx.at(data::Place::Skills);
    view! {
        <section class="card">
            <h2>{t!(i18n, skills_title)}</h2>
            <div class="roster-scroll">
                {move || view! { <Matrix ctx org=ctx.org.get() station/> }}
            </div>
            <Show when=move || writable.get()>
                <GrantForm ctx station/>
            </Show>
            <super::said::Said ctx=ctx place=data::Place::Skills/>
        </section>
    }
}

/// The table: a row per officer on strength, a column per skill, and their count of skill
/// categories (marked below the county's minimum).
#[component]
fn Matrix(ctx: data::Context, org: std::sync::Arc<Organisation>, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::pages::roster::data::today();
    let min = org.policy.min_skill_categories as usize;
    let rows = org
        .strength_of(station)
        .map(|officer| {
            let n = categories(&org, officer.id, today).len();
            let cells = org
                .skills
                .iter()
                .map(|s| {
                    let grant = org.skill_grants.iter().find(|g| g.officer == officer.id && g.skill == s.code);
                    grant
                        .map(|g| view! { <GrantCell ctx grant=g.id expires=g.expires/> }.into_any())
                        .unwrap_or_else(|| view! { <td></td> }.into_any())
                })
                .collect_view();
            view! {
                <tr id=anchor(officer.id)>
                    <th>{officer.name.clone()}<span class="hint">{officer.badge_number.clone()}</span></th>
                    {cells}
                    <td class:short=n < min>{n}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="matrix" data-testid="skill-matrix">
            <thead><tr>
                <th>{t!(i18n, roster_officer)}</th>
                {org.skills.iter().map(|s| view! { <th>{fmt::skill_name(i18n, s)}</th> }).collect_view()}
                <th>{t!(i18n, skills_categories)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A held skill: ✓, or its last valid day when it expires (marked within
/// [`EXPIRING_DAYS`], struck through once past); the station head may take it away.
#[component]
fn GrantCell(ctx: data::Context, grant: RecordId, expires: Option<jiff::civil::Date>) -> impl IntoView {
    let i18n = use_i18n();
    let writable = ctx.writable;
    let today = crate::pages::roster::data::today();
    let soon = today.checked_add(EXPIRING_DAYS.days()).unwrap_or(today);
    let revoke = move |_| {
        ctx.apply(i18n, |o| revoke_skill(o, grant));
    };
    let remove = view! {
        <Show when=move || writable.get()>
            <button class="link-button" aria-label=move || t_string!(i18n, skills_revoke) on:click=revoke>"×"</button>
        </Show>
    };
    match expires {
        None => view! { <td class="held">"✓"{remove}</td> }.into_any(),
        Some(last) if last < today => view! { <td class="expired"><s>{liandong_core::time::text::ymd(last)}</s>{remove}</td> }.into_any(),
        Some(last) => view! { <td class:expiring=last <= soon class="held">{format!("✓ {}", liandong_core::time::text::ymd(last))}{remove}</td> }.into_any(),
    }
}

/// Granting a skill of the county's catalogue to an officer on strength, optionally until
/// a last valid day.
#[component]
fn GrantForm(ctx: data::Context, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let org = ctx.org;
    let who = RwSignal::new(String::new());
    let skill = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let grant = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(officer) = who.get_untracked().parse::<RecordId>() else {
            return ctx.refuse(t_string!(i18n, skills_pick_officer).to_string());
        };
        let expires = match until.get_untracked().trim() {
            "" => None,
            text => match text.parse() {
                Ok(d) => Some(d),
                Err(_) => return ctx.refuse(t_string!(i18n, skills_bad_date).to_string()),
            },
        };
        let today = crate::pages::roster::data::today();
        ctx.apply(i18n, |o| grant_skill(o, station, officer, &skill.get_untracked(), expires, today));
    };
    view! {
        <form class="form row" on:submit=grant data-testid="grant-skill">
            <label>{t!(i18n, roster_officer)}
                <select on:change=move |ev| who.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || org.with(|o| o.strength_of(station).map(|x| view! { <option value=x.id.to_string()>{x.name.clone()}</option> }).collect_view())}
                </select>
            </label>
            <label>{t!(i18n, skills_skill)}
                <select on:change=move |ev| skill.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || org.with(|o| o.skills.iter().map(|x| view! { <option value=x.code.clone()>{fmt::skill_name(i18n, x)}</option> }).collect_view())}
                </select>
            </label>
            <label>{t!(i18n, skills_until)}<input type="date" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/></label>
            <button type="submit" class="button plain">{t!(i18n, skills_grant)}</button>
        </form>
    }
}
