//! Suggested residents: core's solver proposes one free officer for every office without
//! a resident (most skills first, nobody twice); the station head accepts or rejects each.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::districts::edit::assign_resident;
use liandong_core::districts::{Proposal, suggest_residents};

use super::data;
use crate::components::fmt;
use crate::i18n::*;

/// The suggestions panel.
#[component]
pub fn Suggestions(ctx: data::Context, station: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let org = ctx.org;
    let proposals = RwSignal::new(None::<(Vec<Proposal>, usize)>);
    let suggest = move |_| {
        let s = org.with_untracked(|o| suggest_residents(o, station, crate::pages::roster::data::today()));
        proposals.set(Some((s.proposals, s.unfilled.len())));
    };
    let drop = move |office: RecordId| {
        proposals.update(|p| {
            if let Some((list, _)) = p {
                list.retain(|x| x.office != office);
            }
        });
    };
    let accept = move |p: Proposal| {
        if ctx.at(super::data::Place::Suggestions).apply(i18n, |o| assign_resident(o, p.office, p.officer)) {
            drop(p.office);
        }
    };
    let name_of = move |id: RecordId| {
        org.with(|o| {
            o.offices
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.name.clone())
                .or_else(|| {
                    o.officers.iter().find(|x| x.id == id).map(|x| fmt::officer(i18n, &x.name, &x.badge_number))
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card" data-testid="suggestions">
            <h2>{t!(i18n, suggest_title)}</h2>
            <button class="button" on:click=suggest>{t!(i18n, suggest_run)}</button>
            {move || proposals.get().map(|(list, unfilled)| view! {
                {(list.is_empty() && unfilled == 0).then(|| view! { <p class="hint">{t!(i18n, suggest_none)}</p> })}
                <ul class="plain-list">
                    {list.into_iter().map(|p| {
                        let text = fmt::fill(t_string!(i18n, suggest_line), &[
                            ("office", name_of(p.office)), ("officer", name_of(p.officer)), ("skills", p.categories.to_string()),
                        ]);
                        let office = p.office;
                        view! {
                            <li data-testid="proposal">{text}" "
                                <button class="button small" on:click=move |_| accept(p.clone())>{t!(i18n, suggest_accept)}</button>" "
                                <button class="button plain small" on:click=move |_| drop(office)>{t!(i18n, suggest_reject)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(unfilled > 0).then(|| view! { <p class="warn">{fmt::fill(t_string!(i18n, suggest_unfilled), &[("count", unfilled.to_string())])}</p> })}
            })}
            <super::said::Said ctx=ctx place=super::data::Place::Suggestions/>
        </section>
    }
}
