//! "My duty": the signed-in officer's shifts today and tomorrow, for Home.

use jiff::ToSpan;
use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::roster::shift_types::day_of;

use super::data;
use crate::components::fmt;
use crate::i18n::*;
use crate::{sync, words};

/// Today's and tomorrow's shifts of the signed-in officer, from their station's roster.
#[component]
pub fn MyDuty() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Memo::new(move |_| {
        let (Some(claims), Some(me)) = (sync::signals().claims.get(), sync::officer_id()) else { return Vec::new() };
        let Some(code) = claims.station else { return Vec::new() };
        let Some(station) = data::stations().into_iter().find(|s| s.code == code) else { return Vec::new() };
        let today = data::today();
        let tomorrow = today.checked_add(1.day()).unwrap_or(today);
        let (shifts, _) = data::shifts(&code, station.id);
        let mut mine: Vec<_> =
            shifts.into_iter().filter(|s| s.officer == me && (day_of(s) == today || day_of(s) == tomorrow)).collect();
        liandong_core::sort::by_key(&mut mine, |s| s.start);
        mine.into_iter().map(|s| (day_of(&s) == today, s)).collect::<Vec<_>>()
    });
    view! {
        <section class="card" data-testid="my-duty">
            <h2><A href="/roster">{t!(i18n, home_my_duty)}</A></h2>
            {move || {
                let locale = i18n.get_locale();
                let list = rows.get();
                if list.is_empty() {
                    // Before the first sync an empty list says nothing about the duty.
                    if sync::first_sync_pending() {
                        return view! { <p class="empty">{t!(i18n, home_duty_pending)}</p> }.into_any();
                    }
                    return view! { <p class="empty">{t!(i18n, home_no_duty)}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|(today, s)| view! {
                            <li>
                                <strong>{if today { t_string!(i18n, home_today) } else { t_string!(i18n, home_tomorrow) }}</strong>" "
                                {words::shift::label(locale, &s)}" "<span class="hint">{fmt::date_time(s.start)}" – "{fmt::date_time(s.end)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
