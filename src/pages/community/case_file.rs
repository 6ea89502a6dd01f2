//! `/community/cases/:id/print`: a mediation case's file (一事一卷) to print and sign: the
//! station, the kind of dispute and village, what it is about, the steps with their times,
//! the agreement, and a line to sign for each party, each mediator and the officer in
//! charge. Printed as it is on screen (the app's header and nav are hidden in print).

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::community::CommunityState;
use liandong_core::model::Mark;

use super::data::{self, Named};
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::words::community as words;

/// `2026-12-08 01:36` in China time: a filed document needs its year.
fn ymd_hm(at: jiff::Timestamp) -> String {
    let t = liandong_core::time::in_china(at).datetime();
    format!("{} {}", liandong_core::time::text::ymd(t.date()), liandong_core::time::text::hm(t))
}

/// The case's file number: the first 8 hex digits of its id, in capitals (unique enough
/// within a station, and the same on every device, which a running number could not be
/// offline).
pub fn file_number(id: RecordId) -> String {
    id.to_string().chars().filter(char::is_ascii_hexdigit).take(8).collect::<String>().to_uppercase()
}

/// The case id of a `/community/cases/:id/print` path.
pub fn case_of(path: &str) -> Option<RecordId> {
    match path.trim_matches('/').split('/').collect::<Vec<_>>()[..] {
        ["community", "cases", id, "print"] => id.parse().ok(),
        _ => None,
    }
}

/// The file of case `id`.
#[component]
pub fn CaseFile(id: RecordId, state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let case = state.with(|s| s.as_ref().and_then(|s| s.cases.iter().find(|c| c.id == id).cloned()));
        let Some(case) = case else {
            return view! { <p class="empty">{t!(i18n, ref_wb_missing)}</p> }.into_any();
        };
        let locale = i18n.get_locale();
        let (villages, officers) = names.get();
        let time = |m: Mark| ymd_hm(m.at);
        let mut facts = vec![words::dispute(locale, case.kind).to_owned()];
        facts.extend(data::name_of(&villages, case.village));
        let station = crate::data::claims().and_then(|c| c.station).and_then(|code| {
            crate::sync::with_directory_org(|org| org.stations.iter().find(|s| s.code == code).map(|s| s.name.clone()))
        });
        let mut steps = vec![fill(t_string!(i18n, wb_opened), &[("time", time(case.opened))])];
        steps.extend(case.feedback.map(|m| fill(t_string!(i18n, wb_file_feedback), &[("time", time(m))])));
        steps.extend(case.resolved.map(|m| fill(t_string!(i18n, wb_file_resolved), &[("time", time(m))])));
        steps.extend(case.return_visit.map(|m| fill(t_string!(i18n, wb_file_return), &[("time", time(m))])));
        let sign = |who: &str, name: String| {
            view! {
                <p class="signature">
                    <span>{fill(t_string!(i18n, wb_file_sign), &[("who", who.to_owned()), ("name", name)])}</span>" "
                    <span class="sign-line">{t!(i18n, wb_file_sign_line)}</span>
                </p>
            }
        };
        let officer = data::name_of(&officers, Some(case.opened.by)).unwrap_or_default();
        view! {
            <div class="actions no-print">
                <a class="button plain" href="/community">{t!(i18n, cmd_back)}</a>
                <button class="button" type="button" on:click=move |_| { let _ = window().print(); }>{t!(i18n, wb_print)}</button>
            </div>
            <article class="card case-file" data-testid="case-file">
                <h1>{t!(i18n, wb_file_title)}</h1>
                <p>{station}" · "{fill(t_string!(i18n, wb_file_number), &[("n", file_number(case.id))])}</p>
                <p><strong>{case.parties.join(t_string!(i18n, list_sep))}</strong>" · "{facts.join(" · ")}</p>
                <h2>{t!(i18n, wb_field_summary)}</h2>
                <p class="wb-text">{case.summary.clone()}</p>
                <ul class="plain-list">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                {(!case.agreement.is_empty()).then(|| view! {
                    <h2>{t!(i18n, wb_agreement)}</h2>
                    <p class="wb-text" data-testid="case-file-agreement">{case.agreement.clone()}</p>
                })}
                {case.parties.iter().map(|p| sign(t_string!(i18n, wb_file_party), p.clone())).collect_view()}
                {case.mediators.iter().map(|m| sign(t_string!(i18n, wb_file_mediator), format!("{} {}", m.name, m.role))).collect_view()}
                {sign(t_string!(i18n, wb_file_officer), officer)}
                <p class="hint">{fill(t_string!(i18n, cmd_order_printed), &[("time", ymd_hm(liandong_core::time::now()))])}</p>
            </article>
        }.into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_case_file_path_names_a_case() {
        let id = RecordId::new();
        assert_eq!(case_of(&format!("/community/cases/{id}/print")), Some(id));
        assert_eq!(case_of("/community"), None);
        assert_eq!(case_of("/community/cases/not-an-id/print"), None);
    }

    #[test]
    fn the_file_number_is_the_ids_first_eight_hex_digits() {
        let id: RecordId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".parse().expect("id");
        assert_eq!(file_number(id), "0193A1B2");
    }
}
