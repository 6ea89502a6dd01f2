//! Legal outreach (法制宣传): the station's events, newest first, with day, village, topic
//! and people reached; below, the form that logs one. They count in the month's workload.

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::community::CommunityState;
use liandong_core::community::log::log_outreach;
use liandong_core::model::Outreach;
use liandong_core::time::text;

use super::data::{self, Named};
use super::fields::{Choice, PhotoPick, RemoveButton, Thumb};
use crate::components::fmt::fill;
use crate::i18n::*;
use crate::pages::command::said::{SaidLine, said};

/// How many events the list shows (the newest).
const SHOWN: usize = 10;

/// The list and the form.
#[component]
pub fn OutreachLog(state: Memo<Option<CommunityState>>, names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let events = Memo::new(move |_| {
        let mut list = state.with(|s| s.as_ref().map(|s| s.outreach.clone())).unwrap_or_default();
        liandong_core::sort::by_key(&mut list, |e| std::cmp::Reverse((e.on, e.logged.at)));
        list.truncate(SHOWN);
        list
    });
    let said = said();
    view! {
        <section class="card" data-testid="wb-outreach">
            <h2>{t!(i18n, wb_outreach)}</h2>
            {move || events.with(Vec::is_empty).then(|| view! { <p class="empty">{t!(i18n, wb_outreach_empty)}</p> })}
            <ul class="wb-list">
                {move || events.get().into_iter().map(|e| {
                    let mut facts = vec![text::md(e.on)];
                    facts.extend(names.with(|n| data::name_of(&n.0, e.village)));
                    facts.push(fill(t_string!(i18n, wb_people), &[("n", e.audience.to_string())]));
                    view! {
                        <li class="wb-row" data-testid="outreach-row">
                            <strong>{e.topic.clone()}</strong>
                            <p class="muted">{facts.join(" · ")}</p>
                            <Thumb of=e.id/>
                            {data::may_remove(&e).then(|| {
                                let id = e.id;
                                view! { <RemoveButton on_remove=Callback::new(move |()| data::said_failure(i18n, said, data::remove::<Outreach>(id)))/> }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <SaidLine said=said/>
            <NewOutreach names=names/>
        </section>
    }
}

/// The form that logs an event (collapsed under its title).
#[component]
fn NewOutreach(names: Memo<(Named, Named)>) -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(text::ymd(data::today()));
    let village = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let audience = RwSignal::new(String::new());
    let photo = RwSignal::new(None);
    let said = said();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = on.get_untracked().parse::<jiff::civil::Date>() else {
            said.set(Some(Err(t_string!(i18n, wb_date_invalid).to_owned())));
            return;
        };
        let villages = names.get_untracked().0;
        let result = data::write(|view, mark| {
            let event = Outreach {
                id: RecordId::new(),
                on: day,
                village: village.with_untracked(|v| data::chosen(&villages, v)),
                topic: topic.get_untracked().trim().to_owned(),
                // Not a number: 0, which core refuses ("at least 1").
                audience: data::ascii_digits(&audience.get_untracked()).parse().unwrap_or(0),
                logged: mark,
            };
            log_outreach(view, &event, photo.get_untracked().as_ref(), data::today())
        });
        if data::settle(i18n, said, result, t_string!(i18n, wb_saved)) {
            topic.set(String::new());
            audience.set(String::new());
            photo.set(None);
        }
    };
    view! {
        <details class="wb-add">
            <summary data-testid="new-outreach">{t!(i18n, wb_new_outreach)}</summary>
            <form class="form" novalidate on:submit=save data-testid="outreach-form">
                <label>{t!(i18n, wb_field_day)}<input type="date" bind:value=on max=text::ymd(data::today())/></label>
                <label>{t!(i18n, wb_field_village)}
                    <Choice list=Signal::derive(move || names.get().0) value=village/>
                </label>
                <label>{t!(i18n, wb_field_topic)}<input bind:value=topic data-testid="outreach-topic"/></label>
                <label>{t!(i18n, wb_field_audience)}<input inputmode="numeric" bind:value=audience data-testid="outreach-audience"/></label>
                <PhotoPick photo=photo/>
                <SaidLine said=said/>
                <div class="actions"><button class="button" type="submit" data-testid="save-outreach">{t!(i18n, wb_save)}</button></div>
            </form>
        </details>
    }
}
