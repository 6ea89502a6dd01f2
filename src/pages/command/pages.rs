//! Which command page a `/command/…` path shows. Every command path is one lazy route
//! (`src/routes.rs`, `CommandRoute`); this picks the page from the path, and the page reads
//! its `:id` from the route's params.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::incidents::detail::IncidentDetail;
use super::incidents::form::{EditIncident, NewIncident};
use super::incidents::{list::IncidentList, print::DispatchOrder};
use super::requests::{detail::RequestDetail, form::NewRequest};
use super::{CommandBoard, plans::Plans, pool::Pool};

/// The command pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/command`
    Board,
    /// `/command/incidents`
    Incidents,
    /// `/command/incidents/new`
    NewIncident,
    /// `/command/incidents/:id`
    Incident,
    /// `/command/incidents/:id/print`
    DispatchOrder,
    /// `/command/incidents/:id/edit`
    EditIncident,
    /// `/command/requests/new`
    NewRequest,
    /// `/command/requests/:id`
    Request,
    /// `/command/pool`
    Pool,
    /// `/command/plans`
    Plans,
}

/// The page of `path` (the board for anything unknown under `/command`).
pub fn page_of(path: &str) -> Page {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["command", "incidents"] => Page::Incidents,
        ["command", "incidents", "new"] => Page::NewIncident,
        ["command", "incidents", _, "print"] => Page::DispatchOrder,
        ["command", "incidents", _, "edit"] => Page::EditIncident,
        ["command", "incidents", _] => Page::Incident,
        ["command", "requests", "new"] => Page::NewRequest,
        ["command", "requests", _] => Page::Request,
        ["command", "pool"] => Page::Pool,
        ["command", "plans"] => Page::Plans,
        _ => Page::Board,
    }
}

/// The page the current path names; built again only when the page changes.
#[component]
pub fn CommandPages() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| page_of(&location.pathname.get()));
    move || match page.get() {
        Page::Board => view! { <CommandBoard/> }.into_any(),
        Page::Incidents => view! { <IncidentList/> }.into_any(),
        Page::NewIncident => view! { <NewIncident/> }.into_any(),
        Page::Incident => view! { <IncidentDetail/> }.into_any(),
        Page::DispatchOrder => view! { <DispatchOrder/> }.into_any(),
        Page::EditIncident => view! { <EditIncident/> }.into_any(),
        Page::NewRequest => view! { <NewRequest/> }.into_any(),
        Page::Request => view! { <RequestDetail/> }.into_any(),
        Page::Pool => view! { <Pool/> }.into_any(),
        Page::Plans => view! { <Plans/> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn every_command_path_has_its_page() {
        assert_eq!(page_of("/command"), Page::Board);
        assert_eq!(page_of("/command/incidents"), Page::Incidents);
        assert_eq!(page_of("/command/incidents/new"), Page::NewIncident);
        assert_eq!(page_of("/command/incidents/0190a1b2-0000-7000-8000-000000000000"), Page::Incident);
        assert_eq!(page_of("/command/incidents/x/print"), Page::DispatchOrder);
        assert_eq!(page_of("/command/incidents/x/edit"), Page::EditIncident);
        assert_eq!(page_of("/command/requests/new"), Page::NewRequest);
        assert_eq!(page_of("/command/requests/x"), Page::Request);
        assert_eq!(page_of("/command/pool/"), Page::Pool);
        assert_eq!(page_of("/command/plans"), Page::Plans);
    }
}
