//! The command rules' findings as a list, BLOCK first ([`liandong_core::command::rules`]).

use leptos::prelude::*;
use liandong_core::roster::Severity;

use super::context::Ctx;
use super::names::Namer;
use crate::i18n::*;
use crate::words;

/// The findings of the region now, or nothing when there are none.
#[component]
pub fn Findings(ctx: Ctx) -> impl IntoView {
    let i18n = use_i18n();
    let lines = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let Some(region) = ctx.region.get() else { return Vec::new() };
        let (org, state, shifts) = (ctx.org.get(), ctx.state.get(), ctx.shifts.get());
        let now = liandong_core::time::now();
        let input = liandong_core::command::rules::Inputs { org: &org, shifts: &shifts, now };
        let mut found: Vec<_> = liandong_core::command::rules::check(&state, input)
            .into_iter()
            .filter(|f| match f {
                liandong_core::command::rules::CommandFinding::PlanShort { plan, .. } => {
                    state.plans.iter().any(|p| p.id == *plan && p.region == region.id)
                }
                _ => true,
            })
            .collect();
        liandong_core::sort::by_key(&mut found, |f| f.severity() != Severity::Block);
        let names = Namer { org: &org, state: &state, locale };
        found
            .iter()
            .map(|f| (f.severity() == Severity::Block, words::command::finding(locale, f, &names)))
            .collect::<Vec<_>>()
    });
    move || {
        let list = lines.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card" data-testid="command-findings">
                    <h2>{t!(i18n, cmd_findings)}</h2>
                    <ul class="plain-list">
                        {list.into_iter().map(|(block, text)| view! {
                            <li class="finding" class:block=block data-testid="command-finding">
                                <span class="tag">{if block { t_string!(i18n, roster_sev_block) } else { t_string!(i18n, roster_sev_warn) }}</span>" "{text}
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
