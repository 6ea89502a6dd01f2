//! The rules' findings over the merged roster, re-run after every sync (the roster
//! document's version changes): each with its severity, what it found, an override and
//! its reason if a station head accepted it, and who made each edit involved (two offline
//! edits can each pass and together break a rule).

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::roster::{RosterViolation, Severity, SyncReport};
use liandong_core::time::in_china;

use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// How many findings show before "show all": a month of a large station can have hundreds,
/// and drawing them all made switching to the month view miss its 100 ms.
const FIRST: usize = 30;

/// The findings that touch the days shown.
#[component]
pub fn Violations(report: Memo<SyncReport>, days: Signal<Vec<Date>>) -> impl IntoView {
    let i18n = use_i18n();
    let all = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        let (Some(first), Some(last)) = days.with(|d| (d.first().copied(), d.last().copied())) else {
            return Vec::new();
        };
        report.with(|r| {
            r.violations
                .iter()
                .filter(|v| in_china(v.from).date() <= last && in_china(v.to).date() >= first)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card no-print" data-testid="violations">
            <h2>{t!(i18n, roster_findings)}" "<span class="hint">{move || shown.with(Vec::len)}</span></h2>
            {move || report.with(|r| !r.refused.is_empty()).then(|| {
                let locale = i18n.get_locale();
                view! {
                    <ul class="plain-list">
                        {report.with(|r| r.refused.iter().map(|e| view! { <li class="finding block">{words::refused::shift(locale, e)}</li> }).collect_view())}
                    </ul>
                }
            })}
            {move || {
                let locale = i18n.get_locale();
                let mut list = shown.get();
                let total = list.len();
                if !all.get() {
                    list.truncate(FIRST);
                }
                if list.is_empty() {
                    return view! { <p class="empty">{t!(i18n, roster_no_findings)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|v| {
                            let blocking = v.severity == Severity::Block && v.overridden.is_none();
                            let tag = match (v.severity, v.overridden.is_some()) {
                                (_, true) => t_string!(i18n, roster_sev_overridden),
                                (Severity::Block, false) => t_string!(i18n, roster_sev_block),
                                (Severity::Warn, false) => t_string!(i18n, roster_sev_warn),
                            };
                            // Each officer who edited one of the shifts, once.
                            let mut edits: Vec<String> = Vec::new();
                            for a in v.edits.iter().flat_map(|e| &e.authors) {
                                if !edits.contains(&a.label) {
                                    edits.push(a.label.clone());
                                }
                            }
                            // Who edited goes on its own line below, not also in the sentence.
                            let sentence = words::roster::violation(locale, &RosterViolation { edits: Vec::new(), ..v.clone() });
                            view! {
                                <li class="finding" class:block=blocking data-testid="finding">
                                    <span class="tag">{tag}</span>" "{sentence}
                                    {v.overridden.as_ref().map(|o| view! { <p class="hint">{t!(i18n, roster_override_reason)}{t!(i18n, label_colon)}{o.note.clone()}</p> })}
                                    {(!edits.is_empty()).then(|| view! { <p class="hint">{t!(i18n, roster_edits_by)}{edits.join(t_string!(i18n, list_separator))}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(total > FIRST && !all.get()).then(|| view! {
                        <button class="button plain" on:click=move |_| all.set(true)>
                            {fmt::fill(t_string!(i18n, roster_show_all), &[("count", total.to_string())])}
                        </button>
                    })}
                }.into_any()
            }}
        </section>
    }
}
