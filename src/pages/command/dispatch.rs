//! "My dispatch" on Home: where the signed-in officer is sent (incident, place, by when,
//! who leads) for each commitment of theirs not yet returned, and the acknowledgement
//! (签收). Officers may not write the command document, so the acknowledgement is a
//! [`DispatchAck`] in the region's bulletins document, which they may write
//! (docs/architecture.md "Regional command"); it is saved offline like everything else.
//!
//! Home is in the Wasm every first visit downloads, so reading the command records and
//! writing the acknowledgement are `#[lazy]` functions: their code (the command records'
//! serde) is a module of its own, fetched only when a glance at the raw document finds the
//! officer dispatched (`tests/e2e/lazy-routes.test.mjs`: a first visit fetches one module).

use leptos::lazy;
use leptos::prelude::*;
use liandong_core::command::CommandState;
use liandong_core::command::glance::has_active_commitment;
use liandong_core::docs::{BulletinsDoc, RegionBulletins, RegionCommand};
use liandong_core::model::{DispatchAck, Resource};
use liandong_core::{DocumentId, RecordId};
use yrs::Doc;

use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// One dispatch of the officer: the commitment, the place and time, who leads, whether
/// acknowledged.
#[derive(Clone)]
struct Mine {
    commitment: RecordId,
    place: String,
    needed_by: jiff::Timestamp,
    incident: Option<String>,
    leader: Option<String>,
    acked: Option<jiff::Timestamp>,
}

/// The documents to read (tracked: the command and bulletins documents' versions), and who;
/// `None` unless the officer has a dispatch running, found by a glance at the raw
/// commitments ([`liandong_core::command::glance`]), so an officer who is not dispatched
/// never fetches the module that decodes them.
fn sources() -> Option<(Doc, Option<Doc>, RecordId)> {
    let (claims, me) = (sync::signals().claims.get()?, sync::officer_id()?);
    let region = claims.region?;
    let command = sync::read_doc(&DocumentId::command(&region))?;
    if !has_active_commitment(&RegionCommand::new(command.clone()), me) {
        return None;
    }
    Some((command, sync::read_doc(&DocumentId::bulletins(&region)), me))
}

/// The officer's dispatches not yet returned.
#[lazy]
fn mine(command: Doc, bulletins: Option<Doc>, me: RecordId) -> Vec<Mine> {
    let bulletins = bulletins.map(RegionBulletins::new);
    let state = CommandState::read(&RegionCommand::new(command), bulletins.as_ref());
    let officer_name =
        |id: RecordId| sync::with_directory_org(|o| o.officers.iter().find(|x| x.id == id).map(|x| x.name.clone()));
    state
        .commitments_of_officer(me)
        .filter(|c| c.is_active())
        .filter_map(|c| {
            let request = state.request(c.request)?;
            let incident = request.incident.and_then(|i| state.incident(i));
            let leader =
                state.commitments_of(c.request).find(|x| x.leads && x.counts()).and_then(|x| match x.resource {
                    Resource::Officer(o) => officer_name(o),
                    Resource::Equipment(_) => None,
                });
            Some(Mine {
                commitment: c.id,
                place: request.place.clone(),
                needed_by: request.needed_by,
                incident: incident.map(|i| i.summary.chars().take(40).collect()),
                leader,
                acked: state.ack(c.id).map(|a| a.at),
            })
        })
        .collect()
}

/// Writes the officer's acknowledgement of `commitment`; why not, worded, if it failed
/// (worded here so the wording of write failures stays out of the first visit's Wasm).
#[lazy]
fn acknowledge(commitment: RecordId, i18n: leptos_i18n::I18nContext<Locale>) -> Option<String> {
    write_ack(commitment).err().map(|e| fmt::write_failure(i18n, &e))
}

fn write_ack(commitment: RecordId) -> Result<(), crate::data::WriteFailure> {
    let claims = crate::data::claims().ok_or(crate::data::WriteFailure::SignedOut)?;
    let region = claims.region.ok_or(crate::data::WriteFailure::NotOpen)?;
    let officer = sync::officer_id().ok_or(crate::data::WriteFailure::SignedOut)?;
    crate::data::write::<BulletinsDoc, _>(&DocumentId::bulletins(&region), |w| {
        w.put(&DispatchAck { id: RecordId::new(), commitment, officer, at: liandong_core::time::now() })
    })
}

/// The Home card; nothing when the officer is not dispatched.
#[component]
pub fn MyDispatch() -> impl IntoView {
    let i18n = use_i18n();
    // An effect and a signal rather than a resource: Home is in the first visit's Wasm,
    // and a resource's generic code is several KB of it.
    let list = RwSignal::new(Vec::<Mine>::new());
    Effect::new(move |_| {
        let sources = sources();
        leptos::task::spawn_local(async move {
            let rows = match sources {
                Some((command, bulletins, me)) => mine(command, bulletins, me).await,
                None => Vec::new(),
            };
            let _ = list.try_set(rows);
        });
    });
    let error = RwSignal::new(None::<String>);
    move || {
        let rows = list.get();
        (!rows.is_empty()).then(|| view! {
            <section class="card dispatch" data-testid="my-dispatch">
                <h2>{t!(i18n, home_my_dispatch)}</h2>
                <ul class="plain-list">
                    {rows.into_iter().map(|m| {
                        let id = m.commitment;
                        view! {
                            <li class="finding" data-testid="dispatch">
                                <strong>{fmt::fill(t_string!(i18n, home_dispatch_to), &[("place", m.place.clone()), ("time", fmt::date_time(m.needed_by))])}</strong>
                                {m.incident.map(|s| view! { <br/><span>{s}</span> })}
                                {m.leader.map(|l| view! { <br/><span class="hint">{fmt::fill(t_string!(i18n, home_dispatch_leader), &[("officer", l)])}</span> })}
                                <div class="actions">
                                    {match m.acked {
                                        Some(at) => view! { <span class="ok" data-testid="dispatch-acked">{fmt::fill(t_string!(i18n, cmd_acked_at), &[("time", fmt::date_time(at))])}</span> }.into_any(),
                                        None => view! {
                                            <button type="button" class="button" data-testid="ack-dispatch" on:click=move |_| {
                                                leptos::task::spawn_local(async move {
                                                    error.set(acknowledge(id, i18n).await);
                                                });
                                            }>{t!(i18n, home_dispatch_ack)}</button>
                                        }.into_any(),
                                    }}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </section>
        })
    }
}
