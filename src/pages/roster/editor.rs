//! Planning one cell (an officer on a day): the shifts already there, with removal, and a
//! form for a new shift. The rules run before anything is saved: bad input (overlaps, an
//! officer of another station) is refused with its reason; a blocking rule stops the save
//! with its reason, and the station head may override it with a note, which is kept on the
//! shift and shown; warnings are saved and shown.

use std::sync::Arc;

use jiff::civil::Date;
use leptos::prelude::*;
use liandong_core::model::{LeaveKind, Role, Shift, ShiftKind};
use liandong_core::org::Organisation;
use liandong_core::roster::shift_types::day_of;
use liandong_core::roster::{
    Context, EditCheck, RosterConfig, RosterViolation, SaveError, check_removal, new_shift, override_violations, save,
};
use liandong_core::{DocumentId, RecordId};

use super::data::StationChoice;
use super::{KINDS, kind_code, parse_kind};
use crate::components::fmt;
use crate::i18n::*;
use crate::words;

const LEAVES: [LeaveKind; 4] = [LeaveKind::Annual, LeaveKind::Sick, LeaveKind::Personal, LeaveKind::Compensatory];

/// The editor of one cell.
#[component]
pub fn CellEditor(
    station: StationChoice,
    officer: RecordId,
    day: Date,
    shifts: Memo<(Vec<Shift>, usize)>,
    org: Memo<Arc<Organisation>>,
    config: Memo<RosterConfig>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(ShiftKind::Duty24);
    let leader = RwSignal::new(false);
    let leave = RwSignal::new(LeaveKind::Annual);
    let note = RwSignal::new(String::new());
    let override_note = RwSignal::new(String::new());
    let blocked = RwSignal::new(Vec::<RosterViolation>::new());
    let outcome = RwSignal::new(None::<(bool, String)>);
    let confirm_removal = RwSignal::new(None::<(RecordId, Vec<String>)>);
    let code = StoredValue::new(station.code.clone());
    let station_id = station.id;
    let name = Memo::new(move |_| {
        org.with(|o| o.officers.iter().find(|x| x.id == officer).map(|x| x.name.clone()).unwrap_or_default())
    });
    let here = Memo::new(move |_| {
        shifts.with(|(all, _)| {
            all.iter().filter(|s| s.officer == officer && day_of(s) == day).cloned().collect::<Vec<_>>()
        })
    });
    let me_head = move || {
        let me = crate::sync::officer_id();
        org.with_untracked(|o| {
            o.officers
                .iter()
                .find(|x| Some(x.id) == me && x.role == Role::StationHead && x.station == Some(station_id))
                .cloned()
        })
    };

    let proposed = move || -> Result<Shift, String> {
        let mut shift = config
            .with_untracked(|c| new_shift(c, station_id, officer, kind.get_untracked(), day))
            .map_err(|e| words::refused::plan(i18n.get_locale(), &e))?;
        shift.leader = kind.get_untracked() == ShiftKind::Duty24 && leader.get_untracked();
        shift.leave = (kind.get_untracked() == ShiftKind::Leave).then(|| leave.get_untracked());
        let text = note.get_untracked();
        shift.note = (!text.trim().is_empty()).then(|| text.trim().to_owned());
        Ok(shift)
    };
    // One line per violation an edit newly causes.
    let reasons = move |check: &EditCheck| -> Vec<String> {
        let locale = i18n.get_locale();
        check.violations.iter().map(|v| words::roster::violation(locale, v)).collect()
    };
    let try_save = move |shift: Shift| {
        let locale = i18n.get_locale();
        let separator = t_string!(i18n, reasons_separator);
        let view = match crate::data::writer(&DocumentId::roster(&code.get_value())) {
            Ok(view) => view,
            Err(e) => {
                outcome.set(Some((false, fmt::write_failure(i18n, &e))));
                return;
            }
        };
        let result = org.with_untracked(|o| {
            config.with_untracked(|c| save(&view, &Context { org: o, config: c, station: station_id }, &shift))
        });
        match result {
            Ok(check) => {
                blocked.set(Vec::new());
                let warnings = reasons(&check);
                if warnings.is_empty() {
                    outcome.set(Some((true, t_string!(i18n, roster_saved).to_string())));
                } else {
                    outcome.set(Some((
                        true,
                        fmt::fill(
                            t_string!(i18n, roster_saved_with_warnings),
                            &[("warnings", warnings.join(separator))],
                        ),
                    )));
                }
            }
            Err(SaveError::Blocked(violations)) => {
                outcome.set(None);
                blocked.set(violations);
            }
            Err(SaveError::Refused(errors)) => {
                blocked.set(Vec::new());
                let errors = errors.iter().map(|e| words::refused::shift(locale, e)).collect::<Vec<_>>();
                outcome.set(Some((false, errors.join(separator))));
            }
            Err(SaveError::Write(e)) => outcome.set(Some((false, fmt::write_failure(i18n, &e.into())))),
        }
    };
    // The shift last submitted: an override is recorded on this very shift (its id is in
    // the violations being accepted), not on a fresh copy.
    let pending = StoredValue::new(None::<Shift>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match proposed() {
            Ok(shift) => {
                pending.set_value(Some(shift.clone()));
                try_save(shift);
            }
            Err(e) => outcome.set(Some((false, e))),
        }
    };
    let approve = move |_| {
        let Some(head) = me_head() else { return };
        let Some(mut shift) = pending.get_value() else { return };
        let violations = blocked.get_untracked();
        match override_violations(
            &mut shift,
            &violations,
            &head,
            &override_note.get_untracked(),
            liandong_core::time::now(),
        ) {
            Ok(_) => try_save(shift),
            Err(e) => outcome.set(Some((false, words::refused::override_refused(i18n.get_locale(), &e).to_owned()))),
        }
    };
    let remove = move |id: RecordId, confirmed: bool| {
        if !confirmed {
            let check = org.with_untracked(|o| {
                config.with_untracked(|c| {
                    shifts.with_untracked(|(all, _)| {
                        check_removal(&Context { org: o, config: c, station: station_id }, all, id)
                    })
                })
            });
            if !check.violations.is_empty() {
                confirm_removal.set(Some((id, reasons(&check))));
                return;
            }
        }
        confirm_removal.set(None);
        let removed = crate::data::writer(&DocumentId::roster(&code.get_value()))
            .and_then(|view| Ok(view.delete::<Shift>(id, liandong_core::time::now())?));
        match removed {
            Ok(()) => outcome.set(Some((true, t_string!(i18n, roster_removed).to_string()))),
            Err(e) => outcome.set(Some((false, fmt::write_failure(i18n, &e)))),
        }
    };

    view! {
        <section class="card editor no-print" data-testid="cell-editor">
            <div class="page-head">
                <h2>{move || name.get()}" · "{liandong_core::time::text::md(day)}" "</h2>
                <button class="button plain" on:click=move |_| on_close.run(())>{t!(i18n, roster_close)}</button>
            </div>
            <ul class="plain-list">
                {move || {
                    let locale = i18n.get_locale();
                    here.get().into_iter().map(|s| {
                        let id = s.id;
                        let overrides = s.overrides.iter().map(|o| o.note.clone()).collect::<Vec<_>>().join(t_string!(i18n, reasons_separator));
                        view! {
                            <li data-testid="cell-shift">
                                {words::shift::label(locale, &s)}" "<span class="hint">{fmt::date_time(s.start)}" – "{fmt::date_time(s.end)}</span>
                                {(!overrides.is_empty()).then(|| view! { " " <span class="overridden-label">{t!(i18n, roster_overridden)}"："{overrides.clone()}</span> })}
                                " "<button class="button plain small" on:click=move |_| remove(id, false)>{t!(i18n, roster_remove)}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            {move || confirm_removal.get().map(|(id, reasons)| view! {
                <div class="banner banner-warn" role="alert">
                    <p>{t!(i18n, roster_removal_causes)}" "{reasons.join(t_string!(i18n, reasons_separator))}</p>
                    <button class="button" on:click=move |_| remove(id, true)>{t!(i18n, roster_remove_anyway)}</button>
                </div>
            })}
            <form class="form" on:submit=submit>
                <div class="row">
                    <label>{t!(i18n, roster_kind)}
                        <select on:change=move |ev| if let Some(k) = parse_kind(&event_target_value(&ev)) { kind.set(k) }>
                            {move || {
                                let locale = i18n.get_locale();
                                KINDS.into_iter().map(|k| view! { <option value=kind_code(k) selected=move || kind.get() == k>{words::shift::kind(locale, k)}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                    <Show when=move || kind.get() == ShiftKind::Duty24>
                        <label class="check"><input type="checkbox" prop:checked=move || leader.get() on:change=move |ev| leader.set(event_target_checked(&ev))/>{t!(i18n, roster_leader)}</label>
                    </Show>
                    <Show when=move || kind.get() == ShiftKind::Leave>
                        <label>{t!(i18n, roster_leave_kind)}
                            <select on:change=move |ev| {
                                let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                                leave.set(LEAVES.get(i).copied().unwrap_or(LeaveKind::Annual));
                            }>
                                {move || {
                                    let locale = i18n.get_locale();
                                    LEAVES.into_iter().enumerate().map(|(i, l)| view! { <option value=i.to_string()>{words::shift::leave(locale, l)}</option> }).collect_view()
                                }}
                            </select>
                        </label>
                    </Show>
                </div>
                <label>{t!(i18n, roster_note)}<input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></label>
                <button type="submit" class="button">{t!(i18n, roster_add)}</button>
            </form>
            {move || (!blocked.with(Vec::is_empty)).then(|| {
                let locale = i18n.get_locale();
                let reasons = blocked.with(|b| b.iter().map(|v| words::roster::violation(locale, v)).collect::<Vec<_>>());
                view! {
                    <div class="banner banner-error" role="alert" data-testid="blocked">
                        <strong>{t!(i18n, roster_blocked)}</strong>
                        <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        {me_head().is_some().then(|| view! {
                            <label>{t!(i18n, roster_override_note)}<input type="text" prop:value=move || override_note.get() on:input=move |ev| override_note.set(event_target_value(&ev))/></label>
                            <button class="button" on:click=approve>{t!(i18n, roster_override)}</button>
                        })}
                    </div>
                }
            })}
            {move || outcome.get().map(|(ok, text)| view! {
                <p class=if ok { "hint ok" } else { "field-error" } role=if ok { "status" } else { "alert" }>{text}</p>
            })}
        </section>
    }
}
