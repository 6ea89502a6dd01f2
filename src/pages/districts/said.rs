//! The outcome of an edit shown next to the form that made it ([`data::Place`]): a refusal
//! takes the focus, so a phone scrolled far down the page shows it at once.

use leptos::prelude::*;

use super::data::{self, Place};

/// The outcome of the last edit, when it was made at `place`.
#[component]
pub fn Said(ctx: data::Context, place: Place) -> impl IntoView {
    let outcome = ctx.outcome;
    move || {
        outcome.get().filter(|s| s.place == place).map(|said| {
            let node = NodeRef::<leptos::html::P>::new();
            if !said.ok {
                // Focus (and so scroll to) the refusal once it is on the page.
                Effect::new(move |_| {
                    if let Some(p) = node.get() {
                        let _ = p.focus();
                    }
                });
            }
            view! {
                <p node_ref=node tabindex="-1" class=if said.ok { "said ok" } else { "said field-error" }
                    role=if said.ok { "status" } else { "alert" } data-testid="district-outcome">{said.text}</p>
            }
        })
    }
}
