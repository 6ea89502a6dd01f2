//! The coverage board of one station: districts, offices, resident officers and officers
//! with many skills against what the rules ask, and every finding of core's rules about
//! the station with a link to the record to fix.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::org::Organisation;
use liandong_core::rules::CoverageReport;
use liandong_core::rules::report::Counts;

use super::anchor;
use crate::i18n::*;

/// The station's row of the county's coverage report (counts and findings).
pub fn station_row(org: &Organisation, station: RecordId) -> Option<liandong_core::rules::report::StationCoverage> {
    let report = CoverageReport::build(org, crate::pages::roster::data::today());
    report.regions.into_iter().flat_map(|r| r.stations).chain(report.unassigned).find(|s| s.station.id == station)
}

/// The board.
#[component]
pub fn Board(org: Memo<Arc<Organisation>>, station: Memo<Option<RecordId>>) -> impl IntoView {
    let i18n = use_i18n();
    let row = Memo::new(move |_| station.get().and_then(|s| org.with(|o| station_row(o, s))));
    let cell = move |label: String, part: usize, whole: usize| {
        let full = part >= whole;
        view! { <div class="stat" class:short=!full><strong>{part}" / "{whole}</strong><span>{label}</span></div> }
    };
    view! {
        <section class="card" data-testid="coverage-board">
            <h2>{t!(i18n, districts_board)}</h2>
            {move || row.get().map(|r| {
                let c: Counts = r.counts;
                let locale = i18n.get_locale();
                view! {
                    <div class="stats">
                        {cell(t_string!(i18n, districts_with_office).to_string(), c.districts_with_office, c.districts)}
                        {cell(t_string!(i18n, offices_with_resident).to_string(), c.offices_with_resident, c.offices)}
                        {cell(t_string!(i18n, officers_multi_skilled).to_string(), c.multi_skilled, c.officers)}
                        {cell(t_string!(i18n, required_skills_present).to_string(), c.required_skills_present, c.required_skills)}
                    </div>
                    <h3>{t!(i18n, districts_findings)}" "<span class="hint" data-testid="finding-count">{r.violations.len()}</span></h3>
                    {if r.violations.is_empty() {
                        view! { <p class="ok">{t!(i18n, districts_no_findings)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list">
                                {r.violations.iter().map(|v| {
                                    let target = v.records().first().map(|r| format!("#{}", anchor(r.id))).unwrap_or_default();
                                    view! { <li class="finding block" data-testid="district-finding"><a href=target>{crate::words::rules::violation(locale, v)}</a></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }
            })}
        </section>
    }
}
