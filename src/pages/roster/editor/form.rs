//! The form that plans a new shift in the cell: kind (leading the duty, the kind of
//! leave) and a note.

use leptos::prelude::*;
use liandong_core::model::{LeaveKind, Shift, ShiftKind};
use liandong_core::roster::new_shift;

use super::super::{KINDS, kind_code, parse_kind};
use super::cell::Cell;
use crate::i18n::*;
use crate::words;

const LEAVES: [LeaveKind; 4] = [LeaveKind::Annual, LeaveKind::Sick, LeaveKind::Personal, LeaveKind::Compensatory];

/// The form.
#[component]
pub fn NewShiftForm(cell: Cell) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(ShiftKind::Duty24);
    let leader = RwSignal::new(false);
    let leave = RwSignal::new(LeaveKind::Annual);
    let note = RwSignal::new(String::new());
    let proposed = move || -> Result<Shift, String> {
        let mut shift = cell
            .config
            .with_untracked(|c| new_shift(c, cell.station, cell.officer, kind.get_untracked(), cell.day))
            .map_err(|e| words::refused::plan(i18n.get_locale(), &e))?;
        shift.leader = kind.get_untracked() == ShiftKind::Duty24 && leader.get_untracked();
        shift.leave = (kind.get_untracked() == ShiftKind::Leave).then(|| leave.get_untracked());
        let text = note.get_untracked();
        shift.note = (!text.trim().is_empty()).then(|| text.trim().to_owned());
        Ok(shift)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match proposed() {
            Ok(shift) => {
                cell.pending.set_value(Some(shift.clone()));
                cell.try_save(i18n, shift);
            }
            Err(e) => cell.outcome.set(Some((false, e))),
        }
    };
    let kinds = move || {
        let locale = i18n.get_locale();
        KINDS.into_iter().map(|k| view! { <option value=kind_code(k) selected=move || kind.get() == k>{words::shift::kind(locale, k)}</option> }).collect_view()
    };
    let leaves = move || {
        let locale = i18n.get_locale();
        LEAVES
            .into_iter()
            .enumerate()
            .map(|(i, l)| view! { <option value=i.to_string()>{words::shift::leave(locale, l)}</option> })
            .collect_view()
    };
    view! {
        <form class="form" on:submit=submit>
            <div class="row">
                <label>{t!(i18n, roster_kind)}
                    <select on:change=move |ev| if let Some(k) = parse_kind(&event_target_value(&ev)) { kind.set(k) }>{kinds}</select>
                </label>
                <Show when=move || kind.get() == ShiftKind::Duty24>
                    <label class="check"><input type="checkbox" prop:checked=move || leader.get() on:change=move |ev| leader.set(event_target_checked(&ev))/>{t!(i18n, roster_leader)}</label>
                </Show>
                <Show when=move || kind.get() == ShiftKind::Leave>
                    <label>{t!(i18n, roster_leave_kind)}
                        <select on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            leave.set(LEAVES.get(i).copied().unwrap_or(LeaveKind::Annual));
                        }>{leaves}</select>
                    </label>
                </Show>
            </div>
            <label>{t!(i18n, roster_note)}<input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></label>
            <button type="submit" class="button">{t!(i18n, roster_add)}</button>
        </form>
    }
}
