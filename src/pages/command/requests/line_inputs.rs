//! The lines of a request being written: for each a need (officers, officers with a
//! skill, vehicles, equipment of a kind) and a count, and a button for one more line.

use leptos::prelude::*;
use liandong_core::model::{EquipmentKind, Need, RequestItem};

use super::super::context::Ctx;
use super::super::names::Namer;
use crate::i18n::*;

/// The lines as typed: (need as its `<select>` value, count as typed).
pub type Lines = RwSignal<Vec<(RwSignal<String>, RwSignal<String>)>>;

/// A need as the form's `<select>` value: `officers`, `skill:{code}`, `vehicle`, `eq:{n}`.
fn need_of(value: &str) -> Option<Need> {
    match value.split_once(':') {
        None if value == "officers" => Some(Need::Officers { skill: None }),
        None if value == "vehicle" => Some(Need::Vehicle),
        Some(("skill", code)) => Some(Need::Officers { skill: Some(code.to_owned()) }),
        Some(("eq", n)) => {
            n.parse::<usize>().ok().and_then(|n| EquipmentKind::ALL.get(n)).map(|k| Need::Equipment { kind: *k })
        }
        _ => None,
    }
}

/// The `<select>` value of a need (the inverse of [`need_of`]).
pub fn value_of(need: &Need) -> String {
    match need {
        Need::Officers { skill: None } => "officers".into(),
        Need::Officers { skill: Some(code) } => format!("skill:{code}"),
        Need::Vehicle => "vehicle".into(),
        Need::Equipment { kind } => {
            EquipmentKind::ALL.iter().position(|k| k == kind).map_or_else(|| "officers".into(), |n| format!("eq:{n}"))
        }
    }
}

/// The choices of the need `<select>`: (value, need).
fn choices(org: &liandong_core::org::Organisation) -> Vec<(String, Need)> {
    let mut out = vec![("officers".to_owned(), Need::Officers { skill: None })];
    out.extend(
        org.skills.iter().map(|s| (format!("skill:{}", s.code), Need::Officers { skill: Some(s.code.clone()) })),
    );
    out.push(("vehicle".to_owned(), Need::Vehicle));
    out.extend(
        EquipmentKind::ALL
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.is_vehicle())
            .map(|(n, k)| (format!("eq:{n}"), Need::Equipment { kind: *k })),
    );
    out
}

/// The typed lines as request lines; the first line (0-based) whose count is not a whole
/// number is the error (core refuses counts below one with their line).
pub fn items(lines: Lines) -> Result<Vec<RequestItem>, usize> {
    let mut out = Vec::new();
    for (n, (need, count)) in lines.get_untracked().into_iter().enumerate() {
        let count: i64 = count.get_untracked().trim().parse().unwrap_or(0);
        let (Some(need), Ok(count)) = (need_of(&need.get_untracked()), u32::try_from(count)) else { return Err(n) };
        out.push(RequestItem { need, count });
    }
    Ok(out)
}

/// The inputs of every line, and "one more line".
#[component]
pub fn LineInputs(ctx: Ctx, lines: Lines) -> impl IntoView {
    let i18n = use_i18n();
    let need_choices = Memo::new(move |_| {
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let names = Namer { org: &org, state: &state, locale: i18n.get_locale() };
        choices(&org).into_iter().map(|(v, n)| (v, names.need(&n))).collect::<Vec<_>>()
    });
    view! {
        <fieldset class="pick">
            <legend>{t!(i18n, cmd_field_lines)}</legend>
            {move || lines.get().into_iter().map(|(need, count)| view! {
                <div class="row" data-testid="line-input">
                    <label>{t!(i18n, cmd_field_need)}
                        <select data-testid="line-need" on:change=move |ev| need.set(event_target_value(&ev))>
                            {move || need_choices.get().into_iter().map(|(v, label)| {
                                let selected = need.get_untracked() == v;
                                view! { <option value=v selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{t!(i18n, cmd_field_count)}<input type="number" min="1" bind:value=count data-testid="line-count"/></label>
                </div>
            }).collect_view()}
            <button type="button" class="button plain" data-testid="add-line"
                on:click=move |_| lines.update(|l| l.push((RwSignal::new("vehicle".to_owned()), RwSignal::new("1".to_owned()))))>
                {t!(i18n, cmd_add_line)}
            </button>
        </fieldset>
    }
}
