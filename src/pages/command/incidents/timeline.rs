//! An incident's timeline (who, when) from core ([`liandong_core::command::timeline`]), and
//! a line to add by hand.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::{edit, timeline};
use liandong_core::model::IncidentNote;

use super::super::context::Ctx;
use super::super::data;
use super::super::names::Namer;
use super::super::said::{SaidLine, said};
use crate::components::fmt;
use crate::i18n::*;
use crate::words;
use crate::words::command::Names;
use leptos_i18n::I18nContext;

fn event(i18n: I18nContext<Locale>, names: &Namer, e: &timeline::Event) -> String {
    let locale = i18n.get_locale();
    match e {
        timeline::Event::Opened => t_string!(i18n, cmd_ev_opened).to_owned(),
        timeline::Event::Note(text) => text.clone(),
        timeline::Event::Requested(r) => {
            fmt::fill(t_string!(i18n, cmd_ev_requested), &[("request", names.request(*r))])
        }
        timeline::Event::Withdrawn(r) => {
            fmt::fill(t_string!(i18n, cmd_ev_withdrawn), &[("request", names.request(*r))])
        }
        timeline::Event::Step { resource, stage, .. } => fmt::fill(
            t_string!(i18n, cmd_ev_step),
            &[("what", names.resource(*resource)), ("stage", words::command::stage(locale, *stage).to_owned())],
        ),
        timeline::Event::Closed(result) => fmt::fill(t_string!(i18n, cmd_ev_closed), &[("result", result.clone())]),
    }
}

/// The timeline, oldest first, with the note form when the officer may write.
#[component]
pub fn Timeline(ctx: Ctx, incident: RecordId, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let said = said();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let state = ctx.state.get_untracked();
        let result = data::write(&region, |view, mark| {
            let note =
                IncidentNote { id: RecordId::new(), incident, mark, text: text.get_untracked().trim().to_owned() };
            edit::add_note(view, &state, &note)
        });
        match result {
            Ok(()) => {
                text.set(String::new());
                said.set(None);
            }
            Err(e) => said.set(Some(Err(fmt::write_failure(i18n, &e)))),
        }
    };
    view! {
        <section class="card" data-testid="timeline">
            <h2>{t!(i18n, cmd_timeline)}</h2>
            <ol class="plain-list">
                {move || {
                    let (org, state) = (ctx.org.get(), ctx.state.get());
                    let names = Namer { org: &org, state: &state, locale: i18n.get_locale() };
                    timeline::of(&state, incident).into_iter().map(|e| view! {
                        <li class="finding" data-testid="timeline-entry">
                            <span class="hint">{fmt::date_time(e.mark.at)}" · "{names.officer(e.mark.by)}</span><br/>
                            {event(i18n, &names, &e.event)}
                        </li>
                    }).collect_view()
                }}
            </ol>
            {move || (open && ctx.writable.get()).then(|| view! {
                <form class="form" on:submit=add>
                    <label>{t!(i18n, cmd_add_note)}<input bind:value=text data-testid="note-text"/></label>
                    <SaidLine said=said/>
                    <button class="button plain" type="submit">{t!(i18n, cmd_add)}</button>
                </form>
            })}
        </section>
    }
}
