//! Joint analysis (研判): the notes on a bulletin, and adding one at the center station.

use jiff::Timestamp;
use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::bulletins::draft;

use super::super::data;
use crate::components::fmt;
use crate::i18n::*;

/// Joint-analysis notes, and adding one at the center station.
#[component]
pub fn Assessments(bulletin: RecordId, center: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let org = crate::data::directory_org();
    let notes = Memo::new(move |_| data::assessments(bulletin));
    let name = move |id: RecordId| org.officers.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(doc), Some(me)) = (data::region_doc(), data::me()) else { return };
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
