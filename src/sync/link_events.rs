//! What the browser knows about the link before a socket does: `online`, `offline` and the
//! page coming back to the front. Listened to for the page's lifetime.

use leptos::prelude::Update as _;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::Shared;
use super::status::Link;

/// Listens to the browser's `online`, `offline` and `visibilitychange` events.
pub fn listen(shared: &Shared) {
    let Some(window) = web_sys::window() else { return };
    let back = shared.clone();
    let online = Closure::<dyn FnMut()>::new(move || link_may_be_back(&back));
    let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    online.forget();
    // A phone's page coming back to the front: its sockets may have died meanwhile.
    let back = shared.clone();
    let shown = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            link_may_be_back(&back);
        }
    });
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", shown.as_ref().unchecked_ref());
    }
    shown.forget();
    // The browser knows the network is gone before a socket does (the liveness probe
    // takes up to 90 s): show it at once. The sockets end on their own; a message from
    // the relay sets a document online again if the link was only briefly lost.
    let lost = shared.clone();
    let offline = Closure::<dyn FnMut()>::new(move || {
        for doc in lost.docs.borrow().values() {
            doc.status.update(|s| {
                if s.link != Link::Offline {
                    s.offline_since = Some(js_sys::Date::now());
                    s.link = Link::Offline;
                }
            });
        }
    });
    let _ = window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
    offline.forget();
}

/// The link may work again: a socket still opening is opened afresh, connected documents
/// probe the relay, waiting reconnects start now.
fn link_may_be_back(shared: &Shared) {
    super::mux::link_may_be_back();
    shared.probe_all();
    shared.wake.notify_all();
}
