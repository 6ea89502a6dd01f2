//! What the last action on a screen did, shown under it: saved, or why not.

use leptos::prelude::*;

/// The outcome of the last action: `Ok(text)` or `Err(reason)`.
pub type Said = RwSignal<Option<Result<String, String>>>;

/// A new, empty outcome.
pub fn said() -> Said {
    RwSignal::new(None)
}

/// Shows the outcome, if any (`role=status`, so screen readers say it).
#[component]
pub fn SaidLine(said: Said) -> impl IntoView {
    move || {
        said.get().map(|r| match r {
            Ok(text) => view! { <p class="said ok" role="status" data-testid="said">{text}</p> }.into_any(),
            Err(text) => view! { <p class="said field-error" role="alert" data-testid="said">{text}</p> }.into_any(),
        })
    }
}
