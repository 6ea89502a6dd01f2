//! `/bulletins/{id}`: one bulletin: its current text and photos, its versions and what each
//! changed, acknowledging it, who of its audience acknowledged which version (by station),
//! forwarding to the center station, joint analysis, series, and cancellation.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use liandong_core::bulletins::{audience, changes, draft, is_active, report};
use liandong_core::model::{Acknowledgement, Bulletin, Role};
use liandong_core::{DocumentId, RecordId};

use super::series_link::SeriesOf;
use super::{category_name, data, scope_name, urgency_name};
use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

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

#[component]
fn Detail(doc: DocumentId, bulletin: Bulletin, acks: Vec<Acknowledgement>) -> impl IntoView {
    let i18n = use_i18n();
    let org = crate::data::directory_org();
    let claims = sync::signals().claims.get_untracked();
    let me = sync::officer_id();
    let b = bulletin;
    let station = super::station_label(i18n, &org, b.station);
    let author = org.officers.iter().find(|o| o.id == b.author).map(|o| o.name.clone()).unwrap_or_default();
    let saved_note = use_query_map().with_untracked(|q| q.get("saved").is_some());
    if saved_note {
        // Said once, on arrival from the form: a reload or a link later must not repeat it.
        let path = window().location().pathname().unwrap_or_default();
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    let error = RwSignal::new(None::<String>);
    let photos = data::photos(&doc, b.id);
    // The photo shown full-screen, if one is.
    let enlarged = RwSignal::new(None::<String>);
    let versions = data::versions(&doc, b.id);
    let active = is_active(&b, Timestamp::now());
    let (category, urgency, scope) = (b.category, b.urgency, b.scope);
    let in_audience = me.is_some_and(|me| audience(&org, &b).iter().any(|o| o.id == me));
    let mine = me.and_then(|me| {
        acks.iter().filter(|a| a.bulletin == b.id && a.officer == me).max_by_key(|a| (a.version, a.at)).cloned()
    });
    // Only its author cancels a bulletin; commanders and the bureau may also edit it.
    let is_author = me == Some(b.author);
    let can_edit = active
        && sync::rights(&doc).can_write()
        && me.zip(claims.as_ref()).is_some_and(|(me, c)| liandong_core::bulletins::may_edit(&b, me, c.role));
    let liaison_here = claims.as_ref().is_some_and(|c| c.role == Role::Liaison)
        && claims.as_ref().and_then(|c| c.station_id(&org)) == Some(b.station);
    let center = claims.as_ref().is_some_and(|c| c.at_center(&org));
    let report = report(&org, &b, &acks);

    let acknowledge = {
        let (b, acks, doc) = (b.clone(), acks.clone(), data::region_doc().unwrap_or_else(|| doc.clone()));
        move |_| {
            let Some(me) = me else { return };
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
    let cancel_reason = RwSignal::new(String::new());
    let cancel = {
        let (b, doc) = (b.clone(), doc.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Err(e) =
                crate::data::write(&doc, |w| draft::cancel(w, &b, &cancel_reason.get_untracked(), Timestamp::now()))
            {
                error.set(Some(fmt::write_failure(i18n, &e)));
            }
        }
    };

    view! {
        <p><A href="/bulletins">{t!(i18n, b_back)}</A></p>
        <article class="card bulletin-detail" data-testid="bulletin-detail">
            <div class="tags">
                <span class=format!("urgency {}", super::code(&urgency))>{move || urgency_name(i18n, urgency)}</span>
                <span class="tag">{move || category_name(i18n, category)}</span>
                <span class="tag">{move || scope_name(i18n, scope)}</span>
                <span class="tag">{let n = b.version; move || fmt::fill(t_string!(i18n, b_version), &[("number", n.to_string())])}</span>
            </div>
            <h1>{b.title.clone()}</h1>
            <p class="hint">{let (s, a, t) = (station.clone(), author.clone(), b.posted_at); move || fmt::fill(t_string!(i18n, b_posted_by), &[("station", s.clone()), ("name", a.clone()), ("time", fmt::date_time(t))])}</p>
            {b.cancelled.clone().map(|reason| view! { <p class="banner banner-error" role="status">{move || fmt::fill(t_string!(i18n, b_cancelled_reason), &[("reason", reason.clone())])}</p> })}
            {saved_note.then(|| view! { <p class="hint ok" role="status">{t!(i18n, b_saved_local)}</p> })}
            <p class="body">{b.body.clone()}</p>
            {b.place.clone().map(|p| view! { <p class="hint">{t!(i18n, b_place_label)}": "{p}</p> })}
            {b.expires_at.map(|e| view! { <p class="hint">{t!(i18n, b_expires_label)}": "{fmt::date_time(e)}</p> })}
            <div class="photos">
                {photos.into_iter().map(|p| {
                    let src = format!("data:{};base64,{}", p.mime, p.data);
                    let open = src.clone();
                    view! {
                        <button type="button" class="photo-button" aria-label=move || t_string!(i18n, b_photo_enlarge) on:click=move |_| enlarged.set(Some(open.clone()))>
                            <img src=src alt="" loading="lazy"/>
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || enlarged.get().map(|src| view! {
                <div class="lightbox" role="dialog" aria-modal="true" aria-label=move || t_string!(i18n, b_photo_large) data-testid="photo-large" on:click=move |_| enlarged.set(None)>
                    <img src=src alt=""/>
                    <button type="button" class="button" on:click=move |_| enlarged.set(None)>{t!(i18n, b_photo_close)}</button>
                </div>
            })}
            <div class="actions">
                {match (in_audience && active, mine.as_ref()) {
                    (true, Some(a)) if a.version >= b.version => view! {
                        <span class="ok" data-testid="acked">{let t = a.at; move || fmt::fill(t_string!(i18n, b_acked_at), &[("time", fmt::date_time(t))])}</span>
                    }.into_any(),
                    (true, Some(_)) => view! {
                        <span class="warn">{let n = b.version; move || fmt::fill(t_string!(i18n, b_ack_new_version), &[("number", n.to_string())])}</span>
                        <button class="button" on:click=acknowledge.clone()>{t!(i18n, b_ack)}</button>
                    }.into_any(),
                    (true, None) => view! { <button class="button" on:click=acknowledge.clone()>{t!(i18n, b_ack)}</button> }.into_any(),
                    _ => ().into_any(),
                }}
                {can_edit.then(|| view! { <A href=format!("/bulletins/{}/edit", b.id) attr:class="button plain">{t!(i18n, b_edit)}</A> })}
                {match (liaison_here && !center, b.forwarded_at) {
                    (_, Some(t)) => view! { <span class="hint">{move || fmt::fill(t_string!(i18n, b_forwarded), &[("time", fmt::date_time(t))])}</span> }.into_any(),
                    (true, None) => view! { <button class="button plain" on:click=forward>{t!(i18n, b_forward)}</button> }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </article>

        <section class="card" data-testid="ack-report">
            <h2>{t!(i18n, b_acks)}</h2>
            <p>{let (d, t, v) = (report.acknowledged, report.audience, report.version); move || fmt::fill(t_string!(i18n, b_acks_summary), &[("done", d.to_string()), ("total", t.to_string()), ("version", v.to_string())])}</p>
            {report.stations.into_iter().map(|s| view! {
                <div class="ack-station" data-station=s.name.clone().unwrap_or_default()>
                    <h3>{s.name.clone().unwrap_or_else(|| t_string!(i18n, the_bureau).to_owned())}" "<span class="hint">{s.current.len()}"/"{s.current.len() + s.older.len() + s.missing.len()}</span></h3>
                    <ul class="ack-list">
                        {s.current.into_iter().map(|a| view! { <li class="acked">{a.name}" · v"{a.version}" · "{fmt::date_time(a.at)}</li> }).collect_view()}
                        {s.older.into_iter().map(|a| view! { <li class="older">{a.name}" · v"{a.version}" · "{fmt::date_time(a.at)}" · "{t!(i18n, b_acks_older)}</li> }).collect_view()}
                        {s.missing.into_iter().map(|(_, name)| view! { <li class="missing">{name}" · "{t!(i18n, b_acks_missing)}</li> }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </section>

        {(versions.len() > 1).then(|| view! {
            <section class="card">
                <h2>{t!(i18n, b_versions)}</h2>
                <ol class="versions">
                    {versions.windows(2).map(|pair| {
                        let changed = changes(&pair[0], &pair[1]).into_iter().map(|c| super::change_text(i18n, &c)).collect::<Vec<_>>();
                        let (n, at) = (pair[1].number, pair[1].at);
                        view! { <li><strong>{move || fmt::fill(t_string!(i18n, b_version), &[("number", n.to_string())])}</strong>" "{fmt::date_time(at)}" — "{t!(i18n, b_changed)}<ul>{changed.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul></li> }
                    }).collect_view()}
                </ol>
            </section>
        })}

        <Assessments bulletin=b.id center=center/>
        <SeriesOf bulletin=b.id center=center/>

        {(is_author && active && sync::rights(&doc).can_write()).then(|| view! {
            <form class="card form" on:submit=cancel>
                <h2>{t!(i18n, b_cancel)}</h2>
                <label>{t!(i18n, b_cancel_reason)}<input name="reason" on:input=move |e| cancel_reason.set(event_target_value(&e))/></label>
                <button class="button secondary" type="submit">{t!(i18n, b_cancel_confirm)}</button>
            </form>
        })}
    }
}

/// Joint-analysis notes, and adding one at the center station.
#[component]
fn Assessments(bulletin: RecordId, center: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let org = crate::data::directory_org();
    let notes = Memo::new(move |_| data::assessments(bulletin));
    let name = move |id: RecordId| org.officers.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(doc), Some(me)) = (data::region_doc(), sync::officer_id()) else { return };
        match crate::data::write(&doc, |w| draft::assess(w, bulletin, me, &text.get_untracked(), Timestamp::now())) {
            Ok(_) => {
                text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(fmt::write_failure(i18n, &e))),
        }
    };
    view! {
        <section class="card" data-testid="assessments">
            <h2>{t!(i18n, b_assessments)}</h2>
            <ul class="notes">
                {move || notes.get().into_iter().map(|n| view! { <li><span class="hint">{name(n.author)}" · "{fmt::date_time(n.at)}</span><p>{n.text}</p></li> }).collect_view()}
            </ul>
            {center.then(|| view! {
                <form class="form" on:submit=save>
                    <label>{t!(i18n, b_assess_add)}<textarea rows="3" prop:value=text on:input=move |e| text.set(event_target_value(&e))></textarea></label>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <button class="button" type="submit">{t!(i18n, b_assess_save)}</button>
                </form>
            })}
        </section>
    }
}
