//! The skill matrix of a station: officers in rows, the county's skills in columns; a
//! skill shows its last valid day when it expires, marked when that is within 60 days
//! and struck through once past. The station head grants skills (from the county's
//! catalogue, optionally expiring) and takes them away.

use jiff::ToSpan;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::{grant_skill, revoke_skill};
use liandong_core::rules::staffing::categories;

use super::anchor;
use super::data;
use crate::i18n::*;

/// Days before expiry from which a skill is marked as expiring.
const EXPIRING_DAYS: i32 = 60;

/// The matrix.
#[component]
pub fn SkillMatrix(ctx: data::Context, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let data::Context { org, writable, .. } = ctx;
    let ctx = ctx.at(data::Place::Skills);
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
    let revoke = move |grant: RecordId| {
        ctx.apply(i18n, |o| revoke_skill(o, grant));
    };
    let today = crate::pages::roster::data::today();
    let soon = today.checked_add(EXPIRING_DAYS.days()).unwrap_or(today);
    move || {
        let o = org.get();
        let min = o.policy.min_skill_categories as usize;
        view! {
            <section class="card">
                <h2>{t!(i18n, skills_title)}</h2>
                <div class="roster-scroll">
                    <table class="matrix" data-testid="skill-matrix">
                        <thead><tr>
                            <th>{t!(i18n, roster_officer)}</th>
                            {o.skills.iter().map(|s| view! { <th>{s.name.clone()}</th> }).collect_view()}
                            <th>{t!(i18n, skills_categories)}</th>
                        </tr></thead>
                        <tbody>
                            {o.strength_of(station).map(|officer| {
                                let n = categories(&o, officer.id, today).len();
                                view! {
                                    <tr id=anchor(officer.id)>
                                        <th>{officer.name.clone()}<span class="hint">{officer.badge_number.clone()}</span></th>
                                        {o.skills.iter().map(|s| {
                                            let grant = o.skill_grants.iter().find(|g| g.officer == officer.id && g.skill == s.code);
                                            let Some(g) = grant else { return view! { <td></td> }.into_any() };
                                            let id = g.id;
                                            let remove = view! {
                                                <Show when=move || writable.get()>
                                                    <button class="link-button" aria-label=move || t_string!(i18n, skills_revoke) on:click=move |_| revoke(id)>"×"</button>
                                                </Show>
                                            };
                                            match g.expires {
                                                None => view! { <td class="held">"✓"{remove}</td> }.into_any(),
                                                Some(last) if last < today => view! { <td class="expired"><s>{liandong_core::time::text::ymd(last)}</s>{remove}</td> }.into_any(),
                                                Some(last) => view! { <td class:expiring=last <= soon class="held">{format!("✓ {}", liandong_core::time::text::ymd(last))}{remove}</td> }.into_any(),
                                            }
                                        }).collect_view()}
                                        <td class:short=n < min>{n}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <Show when=move || writable.get()>
                    <form class="form row" on:submit=grant data-testid="grant-skill">
                        <label>{t!(i18n, roster_officer)}
                            <select on:change=move |ev| who.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {org.with(|o| o.strength_of(station).map(|x| view! { <option value=x.id.to_string()>{x.name.clone()}</option> }).collect_view())}
                            </select>
                        </label>
                        <label>{t!(i18n, skills_skill)}
                            <select on:change=move |ev| skill.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {org.with(|o| o.skills.iter().map(|x| view! { <option value=x.code.clone()>{x.name.clone()}</option> }).collect_view())}
                            </select>
                        </label>
                        <label>{t!(i18n, skills_until)}<input type="date" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/></label>
                        <button type="submit" class="button plain">{t!(i18n, skills_grant)}</button>
                    </form>
                </Show>
                <super::said::Said ctx=ctx place=data::Place::Skills/>
            </section>
        }
    }
}
