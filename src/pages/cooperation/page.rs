//! The cooperation page: what needs doing (a coming patrol without a leader, a decision
//! past due), then joint patrols, regular meetings and joint training.

use leptos::prelude::*;
use liandong_core::cooperation::findings::{Finding, findings};
use liandong_core::time::{in_china, text};

use super::data;
use super::meetings::Meetings;
use super::patrols::Patrols;
use super::training::Trainings;
use crate::components::fmt::fill;
use crate::i18n::*;

/// The page.
#[component]
pub fn Cooperation() -> impl IntoView {
    let i18n = use_i18n();
    let state = Memo::new(move |_| data::state());
    let roll = Memo::new(move |_| data::roll());
    // Built once the document and the directory are read (the rights need the directory),
    // not again at each change: forms keep what is typed while a sync arrives.
    let loaded =
        Memo::new(move |_| state.with(Option::is_some) && crate::sync::with_directory_org(|o| !o.stations.is_empty()));
    let todo = Memo::new(move |_| {
        let now = liandong_core::time::now();
        state.with(|s| s.as_ref().map(|s| (findings(s, now, in_china(now).date()), s.clone()))).map(|(f, s)| {
            roll.with(|r| {
                f.into_iter()
                    .map(|f| match f {
                        Finding::NoLeader { patrol, start } => {
                            let area =
                                s.patrols.iter().find(|p| p.id == patrol).map(|p| p.area.clone()).unwrap_or_default();
                            fill(
                                t_string!(i18n, co_finding_no_leader),
                                &[("area", area), ("start", text::md_hm(in_china(start).datetime()))],
                            )
                        }
                        Finding::Overdue { decision, owner, due } => {
                            let what = s
                                .decisions
                                .iter()
                                .find(|d| d.id == decision)
                                .map(|d| d.text.clone())
                                .unwrap_or_default();
                            fill(
                                t_string!(i18n, co_finding_overdue),
                                &[("text", what), ("owner", data::name(r, owner)), ("due", text::md(due))],
                            )
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <crate::pages::command::tabs::Tabs/>
        <h1>{t!(i18n, co_title)}</h1>
        {move || {
            if data::doc_id().is_none() {
                return view! { <p class="empty">{t!(i18n, co_no_region)}</p> }.into_any();
            }
            if !loaded.get() {
                return view! { <p class="empty">{t!(i18n, home_loading)}</p> }.into_any();
            }
            view! {
                {move || todo.get().filter(|t| !t.is_empty()).map(|t| view! {
                    <section class="card findings" data-testid="co-findings">
                        <h2>{t!(i18n, co_todo)}</h2>
                        <ul class="plain-list">{t.into_iter().map(|line| view! { <li class="overdue">{line}</li> }).collect_view()}</ul>
                    </section>
                })}
                <Patrols state=state roll=roll/>
                <Meetings state=state roll=roll/>
                <Trainings state=state roll=roll/>
            }.into_any()
        }}
    }
}
