//! Region screen (区域): the coverage board of the officer's linkage region (the bureau
//! sees every region and the county's totals): region manpower and the region-drawing
//! checks (3–5 stations, manpower within the band around the county mean), and per
//! station its districts, offices, residents and officers with many skills, with the
//! number of findings and a link to the station's districts page.

use std::sync::Arc;

use leptos::prelude::*;
use liandong_core::rules::report::{Counts, StationCoverage};
use liandong_core::rules::{CoverageReport, RegionCoverage};

use crate::components::fmt;
use crate::i18n::*;
use crate::{sync, words};

fn ratio(part: usize, whole: usize) -> String {
    format!("{part}/{whole}")
}

/// One table row of counts.
fn row(name: String, link: Option<String>, c: Counts, findings: usize) -> impl IntoView {
    view! {
        <tr data-testid="station-row">
            <th>{match link {
                Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                None => view! { <span>{name}</span> }.into_any(),
            }}</th>
            <td>{c.officers}</td>
            <td class:short={c.districts_with_office < c.districts}>{ratio(c.districts_with_office, c.districts)}</td>
            <td class:short={c.offices_with_resident < c.offices}>{ratio(c.offices_with_resident, c.offices)}</td>
            <td>{c.resident_officers}</td>
            <td class:short={c.multi_skilled < c.officers}>{ratio(c.multi_skilled, c.officers)}</td>
            <td class:short={findings > 0} data-testid="findings">{findings}</td>
        </tr>
    }
}

fn station_row(s: &StationCoverage, code: Option<String>) -> impl IntoView + use<> {
    row(s.station.label.clone(), code.map(|c| format!("/districts?station={c}")), s.counts, s.violations.len())
}

/// The Region page.
#[component]
pub fn Region() -> impl IntoView {
    let i18n = use_i18n();
    let org = Memo::new_with_compare(|_| Arc::new(crate::data::org_with_rosters()), |_, _| true);
    let claims = sync::signals().claims;
    let report = Memo::new(move |_| org.with(|o| CoverageReport::build(o, crate::pages::roster::data::today())));
    let regions = Memo::new(move |_| {
        let own = claims.get().and_then(|c| c.region);
        report.with(|r| {
            r.regions
                .iter()
                .filter(|g| {
                    own.is_none()
                        || org.with(|o| o.regions.iter().any(|x| x.id == g.region.id && Some(&x.code) == own.as_ref()))
                })
                .cloned()
                .collect::<Vec<RegionCoverage>>()
        })
    });
    let code_of = move |id| org.with(|o| o.stations.iter().find(|s| s.id == id).map(|s| s.code.clone()));
    view! {
        <crate::pages::command::tabs::Tabs/>
        <h1>{t!(i18n, region_title)}</h1>
        {move || regions.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, region_empty)}</p> })}
        {move || {
            let locale = i18n.get_locale();
            regions.get().into_iter().map(|g| {
                let findings = g.violations.iter().map(|v| view! { <li class="finding block">{words::rules::violation(locale, v)}</li> }).collect_view();
                let has_findings = !g.violations.is_empty();
                let total = g.stations.iter().map(|s| s.violations.len()).sum::<usize>() + g.violations.len();
                let rows = g.stations.iter().map(|s| station_row(s, code_of(s.station.id))).collect_view();
                let total_row = row(t_string!(i18n, region_total).to_string(), None, g.counts, total);
                view! {
                <section class="card" data-testid="region-board">
                    <h2>{g.region.label.clone()}" "<span class="hint">{fmt::fill(t_string!(i18n, region_manpower), &[("count", g.manpower.to_string())])}</span></h2>
                    {has_findings.then(|| view! { <ul class="plain-list">{findings}</ul> })}
                    <div class="roster-scroll">
                        <table class="matrix">
                            <thead><tr>
                                <th>{t!(i18n, region_station)}</th><th>{t!(i18n, region_officers)}</th>
                                <th>{t!(i18n, districts_with_office)}</th><th>{t!(i18n, offices_with_resident)}</th>
                                <th>{t!(i18n, region_residents)}</th><th>{t!(i18n, officers_multi_skilled)}</th><th>{t!(i18n, districts_findings)}</th>
                            </tr></thead>
                            <tbody>
                                {rows}
                                {total_row}
                            </tbody>
                        </table>
                    </div>
                </section>
            }}).collect_view()
        }}
        {move || (claims.get().is_some_and(|c| c.region.is_none()) && !regions.with(Vec::is_empty)).then(|| report.with(|r| {
            let locale = i18n.get_locale();
            // Stations in no region: their rows and why, for the bureau to draw them in.
            let unassigned = r.unassigned.iter().map(|s| station_row(s, code_of(s.station.id))).collect_view();
            let findings = r.unassigned.iter().flat_map(|s| &s.violations).map(|v| view! { <li class="finding block">{words::rules::violation(locale, v)}</li> }).collect_view();
            view! {
                <section class="card" data-testid="county-board">
                    <h2>{t!(i18n, region_county)}</h2>
                    <ul class="plain-list">{findings}</ul>
                    <table class="matrix"><tbody>{unassigned}{row(r.county.clone(), None, r.counts, r.violation_count)}</tbody></table>
                </section>
            }
        }))}
    }
}
