//! Closing an incident with its result (处置结果).

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::edit;
use liandong_core::model::Closure;

use super::super::context::Ctx;
use super::super::data;
use super::super::said::{SaidLine, said};
use crate::components::fmt;
use crate::i18n::*;

/// The close form.
#[component]
pub fn Close(ctx: Ctx, incident: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    let result = RwSignal::new(String::new());
    let said = said();
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(region) = ctx.region.get_untracked() else { return };
        let state = ctx.state.get_untracked();
        let outcome = data::write(&region, |view, mark| {
            edit::close_incident(
                view,
                &state,
                incident,
                Closure { mark, result: result.get_untracked().trim().to_owned() },
            )
        });
        if let Err(e) = outcome {
            said.set(Some(Err(fmt::write_failure(i18n, &e))));
        }
    };
    view! {
        <form class="card form" on:submit=close data-testid="close-incident">
            <h2>{t!(i18n, cmd_close)}</h2>
            <label>{t!(i18n, cmd_result)}<textarea rows="3" bind:value=result data-testid="incident-result-input"></textarea></label>
            <SaidLine said=said/>
            <button class="button secondary" type="submit">{t!(i18n, cmd_close)}</button>
        </form>
    }
}
