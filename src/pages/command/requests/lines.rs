//! A request's lines with how far each is filled (`民警 × 4：已调派 2，缺 2`).

use leptos::prelude::*;
use liandong_core::RecordId;
use liandong_core::command::fill;

use super::super::context::Ctx;
use super::super::names::Namer;
use crate::components::fmt;
use crate::i18n::*;

/// The lines of request `request`.
#[component]
pub fn Lines(ctx: Ctx, request: RecordId) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (org, state) = (ctx.org.get(), ctx.state.get());
        let names = Namer { org: &org, state: &state, locale: i18n.get_locale() };
        let Some(r) = state.request(request) else { return ().into_any() };
        view! {
            <ul class="plain-list" data-testid="request-lines">
                {fill::lines(&state, r).into_iter().map(|l| {
                    let need = r.items.get(l.item as usize).map(|i| names.need(&i.need)).unwrap_or_default();
                    view! {
                        <li data-testid="request-line" class:short={l.short() > 0 && r.cancelled.is_none()}>
                            {fmt::fill(t_string!(i18n, cmd_line_fill), &[
                                ("need", need),
                                ("wanted", l.wanted.to_string()),
                                ("committed", l.committed.to_string()),
                                ("missing", l.short().to_string()),
                            ])}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
