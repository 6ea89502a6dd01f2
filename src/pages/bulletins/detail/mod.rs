//! `/bulletins/{id}`: one bulletin: its current text and photos, its versions and what each
//! changed, acknowledging it, who of its audience acknowledged which version (by station),
//! forwarding to the center station, joint analysis, series, and cancellation. The page
//! decides what the officer may do from core's rules ([`actions::Offer`]); each section is
//! its own component.

mod acks;
mod actions;
mod assessments;
mod photos;
mod versions;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use liandong_core::bulletins::{audience, is_active, may_edit, report};
use liandong_core::model::{Acknowledgement, Bulletin, Role};
use liandong_core::{DocumentId, RecordId};

use super::series_link::SeriesOf;
use super::{category_name, data, scope_name, urgency_name};
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;
use acks::AckSection;
use actions::{Actions, CancelForm, Offer};
use assessments::Assessments;
use photos::Photos;
use versions::Versions;

/// The bulletin page.
#[component]
pub fn BulletinDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<RecordId>().ok())));
    // Everything the page shows about the bulletin, so an acknowledgement or a new version
    // re-renders it.
    let found = Memo::new(move |_| {
        let (doc, b) = id.get().and_then(data::find)?;
        let acks: Vec<Acknowledgement> = data::acknowledgements().into_iter().filter(|a| a.bulletin == b.id).collect();
        Some((doc, b, acks))
    });
    move || match found.get() {
        Some((doc, b, acks)) => view! { <Detail doc=doc bulletin=b acks=acks/> }.into_any(),
        None => view! {
            <p class="empty">{t!(i18n, b_not_found)}</p>
            <A href="/bulletins">{t!(i18n, b_back)}</A>
        }
        .into_any(),
    }
}

/// Says "saved on this device" once, on arrival from the form (`?saved`): the query is
/// removed so a reload or a link later does not repeat it. Returns whether to say it.
fn saved_note_once() -> bool {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    if saved {
        let path = window().location().pathname().unwrap_or_default();
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    saved
}

#[component]
fn Detail(doc: DocumentId, bulletin: Bulletin, acks: Vec<Acknowledgement>) -> impl IntoView {
    let i18n = use_i18n();
    let org = crate::data::directory_org();
    let claims = data::claims();
    let me = data::me();
    let b = bulletin;
    let station = super::station_label(i18n, &org, b.station);
    let author = org.officers.iter().find(|o| o.id == b.author).map(|o| o.name.clone()).unwrap_or_default();
    let saved_note = saved_note_once();
    let active = is_active(&b, Timestamp::now());
    let (category, urgency, scope) = (b.category, b.urgency, b.scope);
    let writable = sync::rights(&doc).can_write();
    let center = claims.as_ref().is_some_and(|c| c.at_center(&org));
    let offer = Offer {
        acknowledge: active && me.is_some_and(|me| audience(&org, &b).iter().any(|o| o.id == me)),
        mine: me.and_then(|me| {
            acks.iter().filter(|a| a.bulletin == b.id && a.officer == me).max_by_key(|a| (a.version, a.at)).cloned()
        }),
        edit: active && writable && me.zip(claims.as_ref()).is_some_and(|(me, c)| may_edit(&b, me, c.role)),
        forward: !center
            && claims.as_ref().is_some_and(|c| c.role == Role::Liaison && c.station_id(&org) == Some(b.station)),
    };
    // Only its author cancels a bulletin; commanders and the bureau may also edit it.
    let may_cancel = me == Some(b.author) && active && writable;
    let report = report(&org, &b, &acks);
    let asks = liandong_core::bulletins::asks_acknowledgement(&b);
    let (n, posted) = (b.version, b.posted_at);
    let version = move || fmt::fill(t_string!(i18n, b_version), &[("number", n.to_string())]);
    let by = move || {
        fmt::fill(
            t_string!(i18n, b_posted_by),
            &[("station", station.clone()), ("name", author.clone()), ("time", fmt::date_time(posted))],
        )
    };
    view! {
        <p><A href="/bulletins">{t!(i18n, b_back)}</A></p>
        <article class="card bulletin-detail" data-testid="bulletin-detail">
            <div class="tags">
                <span class=format!("urgency {}", super::code(&urgency))>{move || urgency_name(i18n, urgency)}</span>
                <span class="tag">{move || category_name(i18n, category)}</span>
                // A forwarded community report is addressed to the center station: no scope.
                {asks.then(|| view! { <span class="tag">{move || scope_name(i18n, scope)}</span> })}
                <span class="tag">{version}</span>
            </div>
            <h1>{b.title.clone()}</h1>
            <p class="hint">{by}</p>
            {b.cancelled.clone().map(|reason| view! { <p class="banner banner-error" role="status">{move || fmt::fill(t_string!(i18n, b_cancelled_reason), &[("reason", reason.clone())])}</p> })}
            {saved_note.then(|| view! { <p class="hint ok" role="status">{t!(i18n, b_saved_local)}</p> })}
            <p class="body">{b.body.clone()}</p>
            {b.place.clone().map(|p| view! { <p class="hint">{t!(i18n, b_place_label)}": "{p}</p> })}
            {b.expires_at.map(|e| view! { <p class="hint">{t!(i18n, b_expires_label)}": "{fmt::date_time(e)}</p> })}
            <Photos photos=data::photos(&doc, b.id)/>
            <Actions doc=doc.clone() bulletin=b.clone() acks offer/>
        </article>
        {asks.then(|| view! { <AckSection report/> })}
        <Versions versions=data::versions(&doc, b.id)/>
        <Assessments bulletin=b.id center=center/>
        <SeriesOf bulletin=b.id center=center/>
        {may_cancel.then(|| view! { <CancelForm doc bulletin=b/> })}
    }
}
