//! The skill matrix of a station: officers in rows, the county's skills in columns; a
//! skill shows its last valid day when it expires, marked when that is within 60 days
//! and struck through once past.

use std::sync::Arc;

use jiff::ToSpan;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::org::Organisation;
use liandong_core::rules::staffing::categories;

use super::anchor;
use crate::i18n::*;

/// Days before expiry from which a skill is marked as expiring.
const EXPIRING_DAYS: i32 = 60;

/// The matrix.
#[component]
pub fn SkillMatrix(org: Memo<Arc<Organisation>>, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
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
                                            match grant {
                                                None => view! { <td></td> }.into_any(),
                                                Some(g) => match g.expires {
                                                    None => view! { <td class="held">"✓"</td> }.into_any(),
                                                    Some(last) if last < today => view! { <td class="expired"><s>{last.strftime("%Y-%m-%d").to_string()}</s></td> }.into_any(),
                                                    Some(last) => view! { <td class:expiring=last <= soon class="held">{format!("✓ {}", last.strftime("%Y-%m-%d"))}</td> }.into_any(),
                                                },
                                            }
                                        }).collect_view()}
                                        <td class:short=n < min>{n}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    }
}
