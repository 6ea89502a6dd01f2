//! Who of a bulletin's audience acknowledged which version, by station
//! (`liandong_core::bulletins::report`).

use leptos::prelude::*;
use liandong_core::bulletins::AckReport;

use crate::components::fmt;
use crate::i18n::*;

/// The acknowledgements section.
#[component]
pub fn AckSection(report: AckReport) -> impl IntoView {
    let i18n = use_i18n();
    let (done, total, version) = (report.acknowledged, report.audience, report.version);
    let summary = move || {
        fmt::fill(
            t_string!(i18n, b_acks_summary),
            &[("done", done.to_string()), ("total", total.to_string()), ("version", version.to_string())],
        )
    };
    view! {
        <section class="card" data-testid="ack-report">
            <h2>{t!(i18n, b_acks)}</h2>
            <p>{summary}</p>
            {report.stations.into_iter().map(|s| view! {
                <div class="ack-station" data-station=s.name.clone().unwrap_or_default()>
                    <h3>{s.name.clone().unwrap_or_else(|| t_string!(i18n, the_bureau).to_owned())}" "<span class="hint">{s.current.len()}"/"{s.current.len() + s.older.len() + s.missing.len()}</span></h3>
                    <ul class="ack-list">
                        {s.current.into_iter().map(|a| view! { <li class="acked">{a.name}" · v"{a.version}" · "{fmt::date_time(a.at)}</li> }).collect_view()}
                        {s.older.into_iter().map(|a| view! { <li class="older">{a.name}" · v"{a.version}" · "{fmt::date_time(a.at)}" · "{t!(i18n, b_acks_older)}</li> }).collect_view()}
                        {s.missing.into_iter().map(|(_, name)| view! { <li class="missing">{name}" · "{t!(i18n, b_acks_missing)}</li> }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </section>
    }
}
