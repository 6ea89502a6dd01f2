//! The "apply a rotation" panel (套用轮换): the station head picks one of the county's
//! rotation patterns, the officers and a date range; the app plans the shifts with the
//! rules ([`liandong_core::roster::apply_rotation`]), writes them in one transaction and
//! says how many were planned, kept and left out (with the reasons).

use std::sync::Arc;

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::model::{Officer, Shift};
use liandong_core::org::Organisation;
use liandong_core::roster::{Context, Fill, RosterConfig, apply_rotation};

use super::data::{self, StationChoice};
use crate::components::fmt;
use crate::i18n::*;

/// What a fill did, as one line for the user: planned, kept, left out with reasons.
pub fn summary(i18n: leptos_i18n::I18nContext<Locale>, fill: &Fill) -> String {
    let mut text = fmt::fill(
        t_string!(i18n, roster_fill_done),
        &[("count", fill.shifts.len().to_string()), ("kept", fill.kept.to_string())],
    );
    if !fill.skipped.is_empty() {
        let reasons: Vec<String> = fill
            .skipped
            .iter()
            .map(|s| {
                let reasons = crate::words::refused::skipped(i18n.get_locale(), &s.reason);
                format!("{} {}", liandong_core::time::text::md(s.date), reasons.join(t_string!(i18n, list_separator)))
            })
            .collect();
        text.push(' ');
        text.push_str(&fmt::fill(
            t_string!(i18n, roster_fill_skipped),
            &[("count", fill.skipped.len().to_string()), ("reasons", reasons.join(t_string!(i18n, reasons_separator)))],
        ));
    }
    text
}

/// Writes the shifts of a fill into the station's roster in one transaction; on failure
/// the reason in the officer's language.
pub fn write(i18n: leptos_i18n::I18nContext<Locale>, code: &str, shifts: &[Shift]) -> Result<(), String> {
    crate::data::write(&liandong_core::DocumentId::roster(code), |w| {
        for shift in shifts {
            w.put(shift)?;
        }
        Ok(())
    })
    .map_err(|e| fmt::write_failure(i18n, &e))
}

/// The panel.
#[component]
pub fn RotationPanel(
    station: StationChoice,
    officers: Memo<Vec<Officer>>,
    days: Memo<Vec<Date>>,
    shifts: Memo<(Vec<Shift>, usize)>,
    org: Memo<Arc<Organisation>>,
    config: Memo<RosterConfig>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pattern = RwSignal::new(0usize);
    let chosen = RwSignal::new(officers.get_untracked().iter().map(|o| o.id).collect::<Vec<RecordId>>());
    let first = days.with_untracked(|d| d.first().copied()).unwrap_or_else(data::today);
    let last = days.with_untracked(|d| d.last().copied()).unwrap_or(first);
    let from = RwSignal::new(first.to_string());
    let to = RwSignal::new(last.to_string());
    let stagger = RwSignal::new(true);
    let outcome = RwSignal::new(None::<(bool, String)>);
    let code = StoredValue::new(station.code.clone());

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(start), Ok(end)) = (from.get_untracked().parse::<Date>(), to.get_untracked().parse::<Date>()) else {
            outcome.set(Some((false, t_string!(i18n, roster_fill_bad_dates).to_string())));
            return;
        };
        let roster = shifts.with_untracked(|(all, _)| all.clone());
        // Officers in the grid's order, whatever order they were ticked in.
        let picked: Vec<RecordId> = officers.with_untracked(|all| {
            all.iter().map(|o| o.id).filter(|id| chosen.with_untracked(|c| c.contains(id))).collect()
        });
        let result = org.with_untracked(|o| {
            config.with_untracked(|c| {
                let Some(rotation) = c.rotations.get(pattern.get_untracked()) else {
                    return Err(t_string!(i18n, roster_fill_no_pattern).to_string());
                };
                let ctx = Context::new(o, c, station.id);
                apply_rotation(&ctx, &roster, rotation, &picked, (start, end), stagger.get_untracked())
                    .map_err(|e| crate::words::refused::rotation(i18n.get_locale(), &e))
            })
        });
        outcome.set(Some(match result {
            Ok(fill) => match write(i18n, &code.get_value(), &fill.shifts) {
                Ok(()) => (true, summary(i18n, &fill)),
                Err(e) => (false, e),
            },
            Err(e) => (false, e),
        }));
    };

    view! {
        <section class="card editor no-print" data-testid="rotation-panel">
            <div class="page-head">
                <h2>{t!(i18n, roster_rotation)}</h2>
                <button class="button plain" on:click=move |_| on_close.run(())>{t!(i18n, roster_close)}</button>
            </div>
            <form class="form" on:submit=apply>
                <label>{t!(i18n, roster_rotation_pattern)}
                    <select data-testid="rotation-pattern" on:change=move |ev| pattern.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || config.with(|c| c.rotations.iter().enumerate().map(|(i, r)| {
                            view! { <option value=i.to_string() selected=move || pattern.get() == i>{r.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <div class="row">
                    <label>{t!(i18n, roster_fill_from)}<input type="date" required prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                    <label>{t!(i18n, roster_fill_to)}<input type="date" required prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
                </div>
                <OfficerPicks officers chosen/>
                <label class="check"><input type="checkbox" prop:checked=move || stagger.get() on:change=move |ev| stagger.set(event_target_checked(&ev))/>{t!(i18n, roster_fill_stagger)}</label>
                <button type="submit" class="button">{t!(i18n, roster_fill_apply)}</button>
            </form>
            {move || outcome.get().map(|(ok, text)| view! {
                <p class=if ok { "hint ok" } else { "field-error" } role=if ok { "status" } else { "alert" } data-testid="rotation-outcome">{text}</p>
            })}
        </section>
    }
}

/// The officers to plan, ticked (all at first).
#[component]
fn OfficerPicks(officers: Memo<Vec<Officer>>, chosen: RwSignal<Vec<RecordId>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="officer-picks">
            <legend>{t!(i18n, roster_fill_officers)}</legend>
            {move || officers.get().into_iter().map(|o| {
                let id = o.id;
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id)) on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| { c.retain(|x| *x != id); if on { c.push(id); } });
                        }/>
                        {o.name.clone()}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
