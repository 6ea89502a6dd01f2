//! Rapid response (打现行): offences caught in progress, newest first, with what, where,
//! when and the officers; for whoever may open the region's incidents (the station head),
//! the button that raises one as an incident of the regional command
//! ([`liandong_core::community::raise`]), then a link to it; below, the quick form, whose
//! time defaults to now and whose officers to the one logging.

use leptos::prelude::*;
use leptos_router::components::A;
use liandong_core::community::CommunityState;
use liandong_core::community::log::log_response;
use liandong_core::community::raise::raise;
use liandong_core::docs::CommandDoc;
use liandong_core::model::RapidResponse;
use liandong_core::time::{in_china, text};
use liandong_core::{DocumentId, RecordId};

use super::data::{self, Named};
use super::fields::{Crew, RemoveButton};
use crate::components::fmt::fill;
use crate::data::WriteFailure;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};
use crate::pages::command::time_input;

/// How many responses the list shows (the newest).
const SHOWN: usize = 10;

/// The command document of the officer's region, if they may open incidents in it.
fn command_doc() -> Option<DocumentId> {
    let id = DocumentId::command(&crate::data::claims()?.region?);
    crate::sync::rights(&id).can_write().then_some(id)
}

/// The list and the form.
#[component]
pub fn Responses(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let responses = Memo::new(move |_| {
        let mut list = state.with(|s| s.as_ref().map(|s| s.responses.clone())).unwrap_or_default();
        liandong_core::sort::by_key(&mut list, |r| std::cmp::Reverse(r.at));
        list.truncate(SHOWN);
        list
    });
    let may_raise = Memo::new(move |_| command_doc().is_some());
    let said = said();
    let send = move |id: RecordId| {
        let result = (|| {
            let doc = command_doc().ok_or(WriteFailure::NoRight)?;
            let command = crate::data::writer::<CommandDoc>(&doc)?;
            let station = data::station().ok_or(WriteFailure::NotOpen)?;
            let region = crate::sync::with_directory_org(|org| org.region_of(station).map(|r| r.id))
                .ok_or(WriteFailure::NotOpen)?;
            data::write(|view, mark| {
                crate::sync::with_directory_org(|org| raise(&command, view, org, id, region, station, mark))
            })
        })();
        data::said_failure(i18n, said, result);
    };
    view! {
        <section class="card" data-testid="wb-responses">
            <h2>{t!(i18n, wb_responses)}</h2>
            {move || responses.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_responses_empty)}</p> })}
            <ul class="wb-list">
                {move || responses.get().into_iter().map(|r| {
                    let officers = names.with(|(_, o)| {
                        r.officers.iter().filter_map(|id| data::name_of(o, Some(*id))).collect::<Vec<_>>()
                    });
                    let status = match r.raised {
                        Some(m) => view! {
                            <p class="ok" data-testid="response-raised">
                                {fill(t_string!(i18n, wb_raised), &[("time", text::md_hm(in_china(m.at).datetime()))])}" "
                                <A href=format!("/command/incidents/{}", r.id)>{t!(i18n, wb_open_incident)}</A>
                            </p>
                        }.into_any(),
                        None if may_raise.get() => {
                            let id = r.id;
                            view! { <button class="button" data-testid="raise-response" on:click=move |_| send(id)>{t!(i18n, wb_raise)}</button> }.into_any()
                        }
                        None => ().into_any(),
                    };
                    let removable = data::may_remove(&r).then(|| {
                        let id = r.id;
                        view! { <RemoveButton on_remove=Callback::new(move |()| data::said_failure(i18n, said, data::remove::<RapidResponse>(id)))/> }
                    });
                    view! {
                        <li class="wb-row" class:overdue=r.raised.is_none() data-testid="response-row">
                            <div class="wb-head"><strong>{r.place.clone()}</strong><span class="wb-due">{text::md_hm(in_china(r.at).datetime())}</span></div>
                            <p class="wb-text">{r.what.clone()}</p>
                            <p class="muted">{officers.join(t_string!(i18n, list_sep))}</p>
                            {status}
                            {removable}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <SaidLine said=said/>
            <NewResponse names=names/>
        </section>
    }
}

/// The quick form (collapsed under its title).
#[component]
fn NewResponse(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let what = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let seen = RwSignal::new(time_input::value(jiff::Timestamp::now()));
    let crew = RwSignal::new(crate::data::me().into_iter().collect::<Vec<RecordId>>());
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = time_input::parse(&seen.get_untracked()) else {
            said.set(Some(Err(t_string!(i18n, cmd_time_invalid).to_owned())));
            return;
        };
        let result = data::write(|view, mark| {
            let response = RapidResponse {
                id: RecordId::new(),
                what: what.get_untracked().trim().to_owned(),
                place: place.get_untracked().trim().to_owned(),
                at,
                officers: crew.get_untracked(),
                logged: mark,
                raised: None,
            };
            log_response(view, &response, mark.at)
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_saved)) {
            what.set(String::new());
            place.set(String::new());
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="new-response">{t!(i18n, wb_new_response)}</summary>
            <form class="form" novalidate on:submit=save data-testid="response-form">
                <label>{t!(i18n, wb_field_what)}<textarea rows="2" bind:value=what data-testid="response-what"></textarea></label>
                <label>{t!(i18n, wb_field_place)}<input bind:value=place data-testid="response-place"/></label>
                <label>{t!(i18n, wb_field_seen)}<input type="datetime-local" bind:value=seen/></label>
                <Crew names=names crew=crew/>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-response">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
