//! The station's officers on loan (借调) in the days shown: lent to another station
//! (`张三（001） 借调至宝丰派出所`) or lent to this one (`借自`), with the loan's time, from the
//! region's commitments ([`liandong_core::command::loans`]). The staffing findings below
//! count them where they are.

use leptos::prelude::*;
use liandong_core::time::china;

use super::state::RosterState;
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::words;

/// The loans overlapping the shown days, or nothing.
#[component]
pub fn Loans(state: RosterState) -> impl IntoView {
    let i18n = use_i18n();
    let RosterState { station, loans, days, org, .. } = state;
    let lines = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let Some(s) = station.get() else { return Vec::new() };
        let (first, last) = days.with(|d| (d.first().copied(), d.last().copied()));
        let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
        let from = china().to_timestamp(first.to_datetime(jiff::civil::Time::MIN)).ok();
        let to = last.tomorrow().ok().and_then(|d| china().to_timestamp(d.to_datetime(jiff::civil::Time::MIN)).ok());
        let (Some(from), Some(to)) = (from, to) else { return Vec::new() };
        org.with(|o| {
            let officer = |id| {
                o.officers
                    .iter()
                    .find(|x| x.id == id)
                    .map_or_else(String::new, |x| format!("{}（{}）", x.name, x.badge_number))
            };
            let station_name = |id| o.stations.iter().find(|x| x.id == id).map_or_else(String::new, |x| x.name.clone());
            loans.with(|ls| {
                ls.iter()
                    .filter(|l| l.overlaps(from, to))
                    .map(|l| {
                        let out = l.from_station == s.id;
                        let key =
                            if out { td_string!(locale, roster_loan_out) } else { td_string!(locale, roster_loan_in) };
                        let other = if out { l.to_station } else { l.from_station };
                        let text = fill(key, &[("officer", officer(l.officer)), ("station", station_name(other))]);
                        format!("{text} {}", words::roster::range(locale, l.from, l.to))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        let list = lines.get();
        (!list.is_empty()).then(|| view! {
            <section class="card" data-testid="roster-loans">
                <h2>{t!(i18n, roster_loans)}</h2>
                <ul class="plain-list">{list.into_iter().map(|l| view! { <li data-testid="roster-loan">{l}</li> }).collect_view()}</ul>
            </section>
        })
    }
}
