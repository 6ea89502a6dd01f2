//! `/roster`: one station's roster as a grid, officers in rows and days in columns, a week
//! (default, phone-usable) or a month. The station head taps a cell to plan it; everyone
//! sees the rules' findings over the merged roster, re-run after every sync.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::model::{Officer, Role, Shift};
use liandong_core::org::Organisation;
use liandong_core::roster::export::Whose;
use liandong_core::roster::shift_types::day_of;
use liandong_core::roster::{Context, copy_last_week};

use super::rotation::{self, RotationPanel};
use super::{data, editor::CellEditor, export, kind_class, short, violations::Violations};
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

/// The days shown: the week (Monday to Sunday) or the month of `anchor`.
pub fn days_of(anchor: Date, month: bool) -> Vec<Date> {
    let (first, last) = if month {
        (anchor.first_of_month(), anchor.last_of_month())
    } else {
        let monday = anchor.checked_sub(i64::from(anchor.weekday().to_monday_zero_offset()).days()).unwrap_or(anchor);
        (monday, monday.checked_add(6.days()).unwrap_or(monday))
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        out.push(day);
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

/// The station's officers on strength: the head first, then by badge number.
pub fn officers_of(org: &Organisation, station: RecordId) -> Vec<Officer> {
    let mut officers: Vec<Officer> = org.strength_of(station).cloned().collect();
    liandong_core::sort::by_key(&mut officers, |o| (o.role != Role::StationHead, o.badge_number.clone()));
    officers
}

/// The Roster page.
#[component]
pub fn Roster() -> impl IntoView {
    let i18n = use_i18n();
    let stations = Memo::new(|_| data::stations());
    let chosen = RwSignal::new(None::<String>);
    let station = Memo::new(move |_| {
        stations.with(|all| match chosen.get() {
            Some(code) => all.iter().find(|s| s.code == code).cloned(),
            None => all.first().cloned(),
        })
    });
    let month = RwSignal::new(false);
    let anchor = RwSignal::new(data::today());
    let selected = RwSignal::new(None::<(RecordId, Date)>);
    let message = RwSignal::new(None::<String>);
    let org = Memo::new_with_compare(|_| Arc::new(crate::data::org_with_rosters()), |_, _| true);
    let config = Memo::new(|_| data::config());
    let shifts = Memo::new(move |_| station.get().map(|s| data::shifts(&s.code, s.id)).unwrap_or_default());
    let report = Memo::new(move |_| {
        station.get().map(|s| org.with(|o| config.with(|c| data::report(&s.code, o, c, s.id)))).unwrap_or_default()
    });
    let days = Memo::new(move |_| days_of(anchor.get(), month.get()));
    let officers = Memo::new(move |_| station.get().map(|s| org.with(|o| officers_of(o, s.id))).unwrap_or_default());
    let writable = Memo::new(move |_| station.get().is_some_and(|s| data::can_write(&s.code)));
    let today = data::today();

    let step = move |forward: bool| {
        let span = if month.get_untracked() { 1.month() } else { 7.days() };
        anchor.update(|a| {
            let next = if forward { a.checked_add(span) } else { a.checked_sub(span) };
            if let Ok(next) = next {
                *a = next;
            }
        });
        selected.set(None);
    };
    let export_as = move |ical: bool, officer: Option<RecordId>| {
        let Some(s) = station.get_untracked() else { return };
        let all = shifts.with_untracked(|(all, _)| all.clone());
        let result = org.with_untracked(|o| {
            let (scope, name) = match officer {
                Some(id) => {
                    let who = o.officers.iter().find(|x| x.id == id).map(|x| x.name.clone()).unwrap_or_default();
                    (
                        Whose::Officer(id),
                        fmt::fill(
                            t_string!(i18n, roster_file_officer),
                            &[("station", s.name.clone()), ("officer", who)],
                        ),
                    )
                }
                None => (
                    Whose::Station(s.id),
                    fmt::fill(t_string!(i18n, roster_file_station), &[("station", s.name.clone())]),
                ),
            };
            let words = words::export::Export(i18n.get_locale());
            if ical { export::ical(o, &all, scope, &name, &words) } else { export::csv(o, &all, scope, &name, &words) }
        });
        message.set(result.err().map(|reason| fmt::fill(t_string!(i18n, roster_export_failed), &[("reason", reason)])));
    };
    let copy_week = move |_| {
        let Some(s) = station.get_untracked() else { return };
        let Some(&monday) = days.with_untracked(|d| d.first().copied()).as_ref() else { return };
        let all = shifts.with_untracked(|(all, _)| all.clone());
        let fill = org.with_untracked(|o| {
            config.with_untracked(|c| copy_last_week(&Context { org: o, config: c, station: s.id }, &all, monday))
        });
        message.set(Some(match rotation::write(i18n, &s.code, &fill.shifts) {
            Ok(()) if fill.sources == 0 => t_string!(i18n, roster_copy_nothing).to_string(),
            Ok(()) => rotation::summary(i18n, &fill),
            Err(e) => e,
        }));
    };
    let rotating = RwSignal::new(false);
    // The findings follow the shown days one task later, so a new week or month paints its
    // grid first (bench/app/roster-bench.mjs: the month view's first frame).
    let findings_days = RwSignal::new(days.get_untracked());
    Effect::new(move |_| {
        let shown = days.get();
        // try_set: the page may be gone by then.
        leptos::prelude::set_timeout(
            move || {
                let _ = findings_days.try_set(shown);
            },
            std::time::Duration::ZERO,
        );
    });

    view! {
        <div class="page-head no-print">
            <h1>{t!(i18n, roster_title)}</h1>
            <select aria-label=move || t_string!(i18n, roster_station) on:change=move |ev| {
                chosen.set(Some(event_target_value(&ev)));
                selected.set(None);
            }>
                {move || stations.get().into_iter().map(|s| {
                    let code = s.code.clone();
                    view! { <option value=s.code selected=move || station.with(|c| c.as_ref().is_some_and(|c| c.code == code))>{s.name}</option> }
                }).collect_view()}
            </select>
        </div>
        <h2 class="print-only">{move || station.get().map(|s| s.name)}" "{t!(i18n, roster_title)}</h2>
        <div class="toolbar no-print">
            <button class="button plain" on:click=move |_| step(false) aria-label=move || t_string!(i18n, roster_previous)>"‹"</button>
            <button class="button plain" on:click=move |_| { anchor.set(data::today()); selected.set(None); }>{t!(i18n, roster_today)}</button>
            <button class="button plain" on:click=move |_| step(true) aria-label=move || t_string!(i18n, roster_next)>"›"</button>
            <span class="period" data-testid="period">{move || days.with(|d| match (d.first(), d.last()) {
                (Some(a), Some(b)) => format!("{} – {}", liandong_core::time::text::ymd(*a), liandong_core::time::text::md(*b)),
                _ => String::new(),
            })}</span>
            <div class="segmented" role="radiogroup">
                <button role="radio" aria-checked=move || (!month.get()).to_string() on:click=move |_| month.set(false)>{t!(i18n, roster_week)}</button>
                <button role="radio" aria-checked=move || month.get().to_string() on:click=move |_| month.set(true)>{t!(i18n, roster_month)}</button>
            </div>
        </div>
        {move || (shifts.with(|(_, unreadable)| *unreadable) > 0).then(|| view! {
            <p class="banner banner-warn" role="status">{fmt::fill(t_string!(i18n, roster_newer_version), &[("count", shifts.with(|(_, u)| *u).to_string())])}</p>
        })}
        {move || message.get().map(|m| view! { <p class="banner" role="status" data-testid="roster-message">{m}</p> })}
        // The selected cell's outline: one style rule, not one effect per cell.
        <style>{move || selected.get().map(|(id, d)| format!(
            "table.roster tr[data-id=\"{id}\"] td[data-day=\"{d}\"] {{ outline: 2px solid var(--blue); outline-offset: -2px; }}"
        ))}</style>
        <div class="roster-scroll">
            <table class="roster" class:month=move || month.get() data-testid="roster-grid">
                <thead>
                    <tr>
                        <th class="who">{t!(i18n, roster_officer)}</th>
                        {move || days.get().into_iter().map(|d| {
                            let weekend = d.weekday().to_monday_one_offset() > 5;
                            view! {
                                <th class:today=d == today class:weekend=weekend>
                                    <span class="dow">{weekday(i18n, d)}</span><span class="dom">{d.day()}</span>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let locale = i18n.get_locale();
                        // Each shift's cell, found once (not a scan of the roster per cell).
                        let mut by_cell: HashMap<(RecordId, Date), Vec<Shift>> = HashMap::new();
                        shifts.with(|(all, _)| {
                            for s in all {
                                by_cell.entry((s.officer, day_of(s))).or_default().push(s.clone());
                            }
                        });
                        // Plain values per cell, not a reactive effect each: the month view has
                        // up to 31 × officers cells (see bench/app/roster-bench.mjs).
                        let editable = writable.get();
                        officers.get().into_iter().map(|o| {
                            let id = o.id;
                            let row_days = days.get();
                            view! {
                                <tr data-officer=o.name.clone() data-id=id.to_string()>
                                    <th class="who">{o.name.clone()}<span class="hint">{o.badge_number.clone()}</span></th>
                                    {row_days.into_iter().map(|d| {
                                        let mine = by_cell.remove(&(id, d)).unwrap_or_default();
                                        let title = mine.iter().map(|s| words::shift::label(locale, s)).collect::<Vec<_>>().join(t_string!(i18n, list_separator));
                                        view! {
                                            <td class:today=d == today data-day=d.to_string() title=title>
                                                <button class="cell" disabled=!editable on:click=move |_| selected.set(Some((id, d)))
                                                    aria-label=format!("{} {}", o.name, d)>
                                                    {mine.iter().map(|s| view! { <span class=kind_class(s.kind) class:overridden=!s.overrides.is_empty()>{short(s, i18n)}</span> }).collect_view()}
                                                </button>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        {move || officers.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, roster_empty)}</p> })}
        {move || match (selected.get(), station.get()) {
            (Some((officer, day)), Some(s)) => view! {
                <CellEditor station=s officer=officer day=day shifts=shifts org=org config=config on_close=Callback::new(move |_: ()| selected.set(None))/>
            }.into_any(),
            _ => ().into_any(),
        }}
        {move || match (rotating.get(), station.get()) {
            (true, Some(s)) => view! {
                <RotationPanel station=s officers=officers days=days shifts=shifts org=org config=config on_close=Callback::new(move |_: ()| rotating.set(false))/>
            }.into_any(),
            _ => ().into_any(),
        }}
        <Violations report=report days=findings_days.into()/>
        <section class="card no-print">
            <h2>{t!(i18n, roster_take_along)}</h2>
            <div class="row">
                <button class="button secondary" on:click=move |_| export_as(true, None)>{t!(i18n, roster_export_ical)}</button>
                <button class="button secondary" on:click=move |_| export_as(false, None)>{t!(i18n, roster_export_csv)}</button>
                <button class="button secondary" on:click=move |_| export_as(true, crate::sync::officer_id())>{t!(i18n, roster_export_mine)}</button>
                <button class="button secondary" on:click=move |_| export::print()>{t!(i18n, roster_print)}</button>
                <Show when=move || writable.get() && !month.get()>
                    <button class="button" on:click=copy_week>{t!(i18n, roster_copy_week)}</button>
                </Show>
                <Show when=move || writable.get()>
                    <button class="button" on:click=move |_| { rotating.set(true); selected.set(None); }>{t!(i18n, roster_rotation)}</button>
                </Show>
            </div>
            <p class="hint">{t!(i18n, roster_legend)}</p>
        </section>
    }
}

/// The day of the week, short (locale keys `weekday_short_*`).
fn weekday(i18n: leptos_i18n::I18nContext<Locale>, d: Date) -> &'static str {
    use jiff::civil::Weekday;
    match d.weekday() {
        Weekday::Monday => t_string!(i18n, weekday_short_mon),
        Weekday::Tuesday => t_string!(i18n, weekday_short_tue),
        Weekday::Wednesday => t_string!(i18n, weekday_short_wed),
        Weekday::Thursday => t_string!(i18n, weekday_short_thu),
        Weekday::Friday => t_string!(i18n, weekday_short_fri),
        Weekday::Saturday => t_string!(i18n, weekday_short_sat),
        Weekday::Sunday => t_string!(i18n, weekday_short_sun),
    }
}
