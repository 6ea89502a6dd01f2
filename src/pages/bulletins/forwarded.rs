//! `/bulletins/forwarded`: for the center station, what each station's liaison forwarded,
//! grouped by station, newest first, with the time it was forwarded.

use leptos::prelude::*;
use leptos_router::components::A;

use super::data;
use crate::components::fmt;
use crate::i18n::*;

/// The page.
#[component]
pub fn Forwarded() -> impl IntoView {
    let i18n = use_i18n();
    let groups = Memo::new(move |_| {
        let org = crate::data::directory_org();
        let (all, _) = data::bulletins();
        let mut groups: Vec<(String, Vec<liandong_core::model::Bulletin>)> = Vec::new();
        let mut forwarded: Vec<_> = all.into_iter().map(|(_, b)| b).filter(|b| b.forwarded_at.is_some()).collect();
        liandong_core::sort::by_key(&mut forwarded, |f| std::cmp::Reverse(f.forwarded_at));
        for b in forwarded {
            let name = org.stations.iter().find(|s| s.id == b.station).map(|s| s.name.clone()).unwrap_or_default();
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(b),
                None => groups.push((name, vec![b])),
            }
        }
        groups
    });
    view! {
        <h1>{t!(i18n, b_forwarded_list)}</h1>
        <p class="hint">{t!(i18n, b_forwarded_hint)}</p>
        {move || {
            let g = groups.get();
            if g.is_empty() {
                return view! { <p class="empty">{t!(i18n, b_none_forwarded)}</p> }.into_any();
            }
            g.into_iter().map(|(station, list)| view! {
                <section class="card">
                    <h2>{station}" "<span class="hint">{list.len()}</span></h2>
                    <ul>{list.into_iter().map(|b| view! {
                        <li><A href=format!("/bulletins/{}", b.id)>{b.title}</A>" "<span class="hint">{b.forwarded_at.map(fmt::date_time)}</span></li>
                    }).collect_view()}</ul>
                </section>
            }).collect_view().into_any()
        }}
    }
}
