//! Bulletins screen (通报): the region's bulletins, newest first, and posting a bulletin.
//! Works offline: a post is stored on this device at once and reaches the region when the
//! link comes back.

use jiff::Timestamp;
use leptos::prelude::*;
use liandong_core::DocumentId;
use liandong_core::RecordId;
use liandong_core::docs::RegionBulletins;
use liandong_core::model::{Bulletin, BulletinCategory, BulletinVersion, Scope, Urgency};

use crate::components::fmt;
use crate::i18n::*;
use crate::sync;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 100;
/// Longest text, in characters.
pub const MAX_BODY: usize = 5_000;
/// Rows rendered at first; more on request (a region can hold thousands of bulletins).
pub const PAGE_ROWS: usize = 100;

/// The bulletins document of the signed-in officer's region.
fn region_doc() -> Option<DocumentId> {
    sync::signals().claims.get().and_then(|c| c.region).map(|r| DocumentId::bulletins(&r))
}

/// The region's live bulletins, newest first (reactive).
pub fn region_bulletins() -> Vec<Bulletin> {
    let Some(id) = region_doc() else { return Vec::new() };
    let Some((doc, version)) = sync::open_doc(&id) else { return Vec::new() };
    version.track();
    let mut list = RegionBulletins::new(doc).list::<Bulletin>().into_records();
    list.sort_by(|a, b| b.posted_at.cmp(&a.posted_at));
    list
}

/// One bulletin in a list.
#[component]
pub fn BulletinRow(bulletin: Bulletin) -> impl IntoView {
    let i18n = use_i18n();
    let org = sync::organisation();
    let station = org.stations.iter().find(|s| s.id == bulletin.station).map(|s| s.name.clone()).unwrap_or_default();
    let urgency = bulletin.urgency;
    let class = match urgency {
        Urgency::Urgent => "urgency urgent",
        Urgency::Important => "urgency important",
        Urgency::Routine => "urgency routine",
    };
    let label = move || match urgency {
        Urgency::Urgent => t_string!(i18n, urg_urgent),
        Urgency::Important => t_string!(i18n, urg_important),
        Urgency::Routine => t_string!(i18n, urg_routine),
    };
    view! {
        <li class="bulletin" data-testid="bulletin">
            <span class=class>{label}</span>
            <span class="bulletin-title">{bulletin.title.clone()}</span>
            <span class="hint">{station}" · "{fmt::date_time(bulletin.posted_at)}</span>
        </li>
    }
}

/// The Bulletins page.
#[component]
pub fn Bulletins() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, bulletins_title)}</h1>
        {move || match region_doc() {
            None => view! { <p class="empty">{t!(i18n, bulletins_no_region)}</p> }.into_any(),
            Some(id) => view! {
                <PostForm doc=id/>
                <BulletinList/>
            }.into_any(),
        }}
    }
}

/// The list, [`PAGE_ROWS`] rows at a time.
#[component]
fn BulletinList() -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(PAGE_ROWS);
    let list = Memo::new(move |_| region_bulletins());
    view! {
        <ul class="bulletin-list">
            {move || {
                let all = list.get();
                if all.is_empty() {
                    view! { <li class="empty">{t!(i18n, bulletins_empty)}</li> }.into_any()
                } else {
                    all.into_iter().take(shown.get()).map(|b| view! { <BulletinRow bulletin=b/> }).collect_view().into_any()
                }
            }}
        </ul>
        <Show when=move || list.with(|l| l.len() > shown.get())>
            <button class="button secondary more" on:click=move |_| shown.update(|n| *n += PAGE_ROWS)>
                {t!(i18n, show_more)}" ("{move || list.with(|l| l.len()) - shown.get().min(list.with(|l| l.len()))}")"
            </button>
        </Show>
    }
}

/// The form to post a bulletin; hidden for roles that may only read.
#[component]
fn PostForm(doc: DocumentId) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let category = RwSignal::new("safety_notice".to_string());
    let urgency = RwSignal::new("routine".to_string());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let doc = StoredValue::new(doc);
    let can_write = move || sync::rights(&doc.get_value()).can_write();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let t = title.get_untracked().trim().to_string();
        let b = body.get_untracked().trim().to_string();
        if t.is_empty() {
            return error.set(Some(t_string!(i18n, error_title_required).to_string()));
        }
        if t.chars().count() > MAX_TITLE {
            return error.set(Some(t_string!(i18n, error_title_long).to_string()));
        }
        if b.chars().count() > MAX_BODY {
            return error.set(Some(t_string!(i18n, error_body_long).to_string()));
        }
        let Some(claims) = sync::signals().claims.get_untracked() else { return };
        let org = sync::organisation();
        let (Some(author), Some(station)) = (
            sync::officer_id(),
            claims.station.as_ref().and_then(|code| org.stations.iter().find(|s| &s.code == code)).map(|s| s.id),
        ) else {
            return error.set(Some("本机尚未同步到县局名录，请联网后再发布。".into()));
        };
        let Some((ydoc, _)) = sync::open_doc(&doc.get_value()) else { return };
        let now = Timestamp::now();
        let category = serde_json::from_value::<BulletinCategory>(category.get_untracked().into())
            .unwrap_or(BulletinCategory::SafetyNotice);
        let urgency = serde_json::from_value::<Urgency>(urgency.get_untracked().into()).unwrap_or(Urgency::Routine);
        let bulletin = Bulletin {
            id: RecordId::new(),
            station,
            author,
            category,
            urgency,
            scope: Scope::Region,
            title: t,
            body: b,
            place: None,
            posted_at: now,
            expires_at: None,
            version: 1,
            cancelled: None,
            forwarded_at: None,
            generated: false,
        };
        let version = BulletinVersion {
            id: RecordId::new(),
            bulletin: bulletin.id,
            number: 1,
            author,
            at: now,
            title: bulletin.title.clone(),
            body: bulletin.body.clone(),
            urgency,
            expires_at: None,
        };
        let view = RegionBulletins::with_author(ydoc, author);
        match view.write(|w| {
            w.put(&version)?;
            w.put(&bulletin)
        }) {
            Ok(()) => {
                title.set(String::new());
                body.set(String::new());
                error.set(None);
                // "Saved on this device" only once IndexedDB has it.
                let id = doc.get_value();
                leptos::task::spawn_local(async move {
                    sync::saved(&id).await;
                    saved.set(true);
                });
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Show when=can_write fallback=move || view! { <p class="hint">{t!(i18n, bulletins_read_only)}</p> }>
            <form class="card form" on:submit=submit data-testid="post-form">
                <h2>{t!(i18n, bulletins_post)}</h2>
                <label>{t!(i18n, bulletins_title_label)}
                    <input name="title" maxlength="100" prop:value=title on:input=move |e| title.set(event_target_value(&e))/>
                </label>
                <label>{t!(i18n, bulletins_body_label)}
                    <textarea name="body" rows="3" prop:value=body on:input=move |e| body.set(event_target_value(&e))></textarea>
                </label>
                <div class="row">
                    <label>{t!(i18n, bulletins_category_label)}
                        <select name="category" on:change=move |e| category.set(event_target_value(&e))>
                            <option value="travelling_fraud">{t!(i18n, cat_travelling_fraud)}</option>
                            <option value="stolen_property">{t!(i18n, cat_stolen_property)}</option>
                            <option value="wanted_person">{t!(i18n, cat_wanted_person)}</option>
                            <option value="case_clue">{t!(i18n, cat_case_clue)}</option>
                            <option value="safety_notice" selected>{t!(i18n, cat_safety_notice)}</option>
                            <option value="meeting_notice">{t!(i18n, cat_meeting_notice)}</option>
                        </select>
                    </label>
                    <label>{t!(i18n, bulletins_urgency_label)}
                        <select name="urgency" on:change=move |e| urgency.set(event_target_value(&e))>
                            <option value="urgent">{t!(i18n, urg_urgent)}</option>
                            <option value="important">{t!(i18n, urg_important)}</option>
                            <option value="routine" selected>{t!(i18n, urg_routine)}</option>
                        </select>
                    </label>
                </div>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button class="button" type="submit">{t!(i18n, bulletins_submit)}</button>
                {move || saved.get().then(|| view! { <span class="hint" role="status">{t!(i18n, bulletins_saved)}</span> })}
            </form>
        </Show>
    }
}
