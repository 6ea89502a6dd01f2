//! What the officer can do with a bulletin: acknowledge it (again, after a new version),
//! edit it, forward it to the center station (the liaison of the posting station).

use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::DocumentId;
use liandong_core::bulletins::draft;
use liandong_core::model::{Acknowledgement, Bulletin};

use super::super::data;
use crate::components::fmt;
use crate::i18n::*;

/// Which actions the officer has on this bulletin (decided by the page from core's rules).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Asked to acknowledge: in the audience of an active bulletin.
    pub acknowledge: bool,
    /// The officer's latest acknowledgement of it.
    pub mine: Option<Acknowledgement>,
    /// May edit it (`bulletins::may_edit`, and the document is writable).
    pub edit: bool,
    /// May forward it: the posting station's liaison, away from the center.
    pub forward: bool,
}

/// The action buttons and the reason a write failed.
#[component]
pub fn Actions(doc: DocumentId, bulletin: Bulletin, acks: Vec<Acknowledgement>, offer: Offer) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let b = bulletin;
    let acknowledge = {
        let (b, acks, doc) = (b.clone(), acks, data::region_doc().unwrap_or_else(|| doc.clone()));
        move |_| {
            let Some(me) = data::me() else { return };
            if let Err(e) = crate::data::write(&doc, |w| draft::acknowledge(w, &b, &acks, me, Timestamp::now())) {
                error.set(Some(fmt::write_failure(i18n, &e)));
            }
        }
    };
    let forward = {
        let (b, doc) = (b.clone(), doc.clone());
        move |_| {
            if let Err(e) = crate::data::write(&doc, |w| draft::forward(w, &b, Timestamp::now())) {
                error.set(Some(fmt::write_failure(i18n, &e)));
            }
        }
    };
    let version = b.version;
    view! {
        <div class="actions">
            {match (offer.acknowledge, offer.mine.as_ref()) {
                (true, Some(a)) if a.version >= version => view! {
                    <span class="ok" data-testid="acked">{let t = a.at; move || fmt::fill(t_string!(i18n, b_acked_at), &[("time", fmt::date_time(t))])}</span>
                }.into_any(),
                (true, Some(_)) => view! {
                    <span class="warn">{move || fmt::fill(t_string!(i18n, b_ack_new_version), &[("number", version.to_string())])}</span>
                    <button class="button" on:click=acknowledge.clone()>{t!(i18n, b_ack)}</button>
                }.into_any(),
                (true, None) => view! { <button class="button" on:click=acknowledge.clone()>{t!(i18n, b_ack)}</button> }.into_any(),
                _ => ().into_any(),
            }}
            {offer.edit.then(|| view! { <A href=format!("/bulletins/{}/edit", b.id) attr:class="button plain">{t!(i18n, b_edit)}</A> })}
            {match (offer.forward, b.forwarded_at) {
                (_, Some(t)) => view! { <span class="hint">{move || fmt::fill(t_string!(i18n, b_forwarded), &[("time", fmt::date_time(t))])}</span> }.into_any(),
                (true, None) => view! { <button class="button plain" on:click=forward>{t!(i18n, b_forward)}</button> }.into_any(),
                _ => ().into_any(),
            }}
        </div>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

/// The author's form that cancels the bulletin, with the reason.
#[component]
pub fn CancelForm(doc: DocumentId, bulletin: Bulletin) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let written =
            crate::data::write(&doc, |w| draft::cancel(w, &bulletin, &reason.get_untracked(), Timestamp::now()));
        error.set(written.err().map(|e| fmt::write_failure(i18n, &e)));
    };
    view! {
        <form class="card form" on:submit=cancel>
            <h2>{t!(i18n, b_cancel)}</h2>
            <label>{t!(i18n, b_cancel_reason)}<input name="reason" on:input=move |e| reason.set(event_target_value(&e))/></label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button class="button secondary" type="submit">{t!(i18n, b_cancel_confirm)}</button>
        </form>
    }
}
