//! The other parts of an operation that spans regions (e.g. "平安之夏"): each region runs its
//! part as its own incident under the operation's name; a device that reads other regions'
//! command documents (the bureau's, which coordinates such operations) lists those parts
//! here with a link to each. Other devices open only their own region's, so they list none.

use leptos::prelude::*;
use liandong_core::docs::RegionCommand;
use liandong_core::model::Incident;
use liandong_core::{DocumentId, RecordId};

use crate::components::fmt;
use crate::i18n::*;
use crate::{sync, words};

/// The incidents of `operation` in regions other than `region`, as (region code, region
/// name, incident).
fn parts(operation: &str, here: RecordId, region: &str) -> Vec<(String, String, Incident)> {
    let regions = sync::with_directory_org(|o| {
        o.regions.iter().filter(|r| r.code != region).map(|r| (r.code.clone(), r.name.clone())).collect::<Vec<_>>()
    });
    let mut out = Vec::new();
    for (code, name) in regions {
        let Some(doc) = sync::read_doc(&DocumentId::command(&code)) else { continue };
        for i in RegionCommand::new(doc).list::<Incident>().into_records() {
            if i.id != here && i.operation.as_deref() == Some(operation) {
                out.push((code.clone(), name.clone(), i));
            }
        }
    }
    out
}

/// The operation's other parts, or nothing.
#[component]
pub fn OtherParts(operation: String, incident: RecordId, region: String) -> impl IntoView {
    let i18n = use_i18n();
    let list = Memo::new(move |_| {
        parts(&operation, incident, &region)
            .into_iter()
            .map(|(c, n, i)| (c, n, i.id, i.kind, i.place, i.at))
            .collect::<Vec<_>>()
    });
    move || {
        let rows = list.get();
        (!rows.is_empty()).then(|| view! {
            <section class="card" data-testid="operation-parts">
                <h2>{t!(i18n, cmd_operation_parts)}</h2>
                <ul class="plain-list">
                    {rows.into_iter().map(|(code, name, id, kind, place, at)| view! {
                        <li class="finding">
                            <a href=format!("/command/incidents/{id}?region={code}")>{name}" · "{words::command::incident_kind(i18n.get_locale(), kind)}" · "{place}</a>
                            " "<span class="hint">{fmt::date_time(at)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
