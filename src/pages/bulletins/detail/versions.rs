//! A bulletin's versions and what each changed from the one before.

use leptos::prelude::*;
use liandong_core::bulletins::changes;
use liandong_core::model::BulletinVersion;

use crate::components::fmt;
use crate::i18n::*;

/// The versions section; nothing while there is only the first version.
#[component]
pub fn Versions(versions: Vec<BulletinVersion>) -> impl IntoView {
    let i18n = use_i18n();
    (versions.len() > 1).then(|| {
        let items = versions
            .windows(2)
            .map(|pair| {
                let changed: Vec<String> =
                    changes(&pair[0], &pair[1]).into_iter().map(|c| super::super::change_text(i18n, &c)).collect();
                let (n, at) = (pair[1].number, pair[1].at);
                view! {
                    <li>
                        <strong>{move || fmt::fill(t_string!(i18n, b_version), &[("number", n.to_string())])}</strong>" "{fmt::date_time(at)}" — "{t!(i18n, b_changed)}
                        <ul>{changed.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card">
                <h2>{t!(i18n, b_versions)}</h2>
                <ol class="versions">{items}</ol>
            </section>
        }
    })
}
