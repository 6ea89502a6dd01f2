//! The month's workload of the station's officers (统一考核): visits done against due,
//! mediation cases taken on, resolved and overdue now, legal outreach events, per officer and for the station,
//! this month (to today) or last month ([`liandong_core::community::figures`]).

use leptos::prelude::*;
use liandong_core::community::CommunityState;
use liandong_core::community::figures::{MonthFigures, month};

use super::data::{self, Named};
use crate::i18n::*;
use liandong_core::RecordId;

/// `rows` with a row for every officer of the station, in the station's order (an
/// officer who did nothing this month is the row the head looks for), then the officers no
/// longer of the station who appear, then the station's total.
fn with_every_officer(rows: Vec<MonthFigures>, officers: &[(RecordId, String)]) -> Vec<MonthFigures> {
    let mut out: Vec<MonthFigures> = officers
        .iter()
        .map(|(id, _)| {
            rows.iter()
                .find(|r| r.officer == Some(*id))
                .copied()
                .unwrap_or(MonthFigures { officer: Some(*id), ..MonthFigures::default() })
        })
        .collect();
    out.extend(rows.into_iter().filter(|r| r.officer.is_none_or(|o| !officers.iter().any(|(id, _)| *id == o))));
    out
}

/// The section.
#[component]
pub fn Workload(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let last_month = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let today = data::today();
        let day = if last_month.get() { today.first_of_month().yesterday().unwrap_or(today) } else { today };
        let rows = state.with(|s| s.as_ref().map(|s| month(s, day, today, liandong_core::time::now())))?;
        Some(names.with(|(_, officers)| with_every_officer(rows, officers)))
    });
    let officer = move |f: &MonthFigures| match f.officer {
        None => t_string!(i18n, wb_station_total).to_owned(),
        Some(id) => {
            crate::sync::with_directory_org(|org| org.officers.iter().find(|o| o.id == id).map(|o| o.name.clone()))
                .unwrap_or_else(|| "—".to_owned())
        }
    };
    view! {
        <section class="card" data-testid="wb-workload">
            <h2>{t!(i18n, wb_month)}</h2>
            <select aria-label=move || t_string!(i18n, wb_month) on:change=move |ev| last_month.set(event_target_value(&ev) == "last") data-testid="workload-month">
                <option value="this">{t!(i18n, wb_this_month)}</option>
                <option value="last">{t!(i18n, wb_last_month)}</option>
            </select>
            <div class="table-scroll">
            <table class="workload">
                <thead><tr>
                    <th>{t!(i18n, wb_col_officer)}</th>
                    <th>{t!(i18n, wb_col_visits)}</th>
                    <th>{t!(i18n, wb_col_opened)}</th>
                    <th>{t!(i18n, wb_col_resolved)}</th>
                    <th>{t!(i18n, wb_col_overdue)}</th>
                    <th>{t!(i18n, wb_col_outreach)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().map(|rows| rows.iter().map(|f| {
                        let (total, short_visits, short_cases) = (f.officer.is_none(), f.visits_done < f.visits_due, f.cases_overdue > 0);
                        view! {
                            <tr class:total=total data-testid="workload-row">
                                <th>{officer(f)}</th>
                                <td class:short=short_visits>{format!("{}/{}", f.visits_done, f.visits_due)}</td>
                                <td>{f.cases_opened}</td>
                                <td>{f.cases_resolved}</td>
                                // Overdue is a figure of now: not shown against last month.
                                <td class:short=short_cases>{if last_month.get_untracked() { "—".to_owned() } else { f.cases_overdue.to_string() }}</td>
                                <td>{f.outreach}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            </div>
        </section>
    }
}
