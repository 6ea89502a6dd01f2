//! Tabs of one browser share local changes at once through a `BroadcastChannel`, also
//! offline. Each tab keeps its own Yjs client id and its own relay connection; a change
//! received from another tab is applied but not stored again (that tab stored it).

use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use liandong_core::DocumentId;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, MessageEvent};

use super::doc::ORIGIN_TAB;
use super::state::Shared;

/// Name of the channel.
const CHANNEL: &str = "liandong-updates";

/// The channel and its listener, kept alive for the page's lifetime.
pub struct Tabs {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

/// Opens the channel; changes from other tabs are applied to the open documents.
pub fn open(shared: Shared) -> Option<Tabs> {
    let channel = BroadcastChannel::new(CHANNEL).ok()?;
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let doc = Reflect::get(&data, &"doc".into()).ok().and_then(|v| v.as_string());
        let update = Reflect::get(&data, &"update".into()).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok());
        let (Some(doc), Some(update)) = (doc, update) else { return };
        let Ok(id) = doc.parse::<DocumentId>() else { return };
        if let Some(open) = shared.doc(&id)
            && let Err(e) = open.apply(ORIGIN_TAB, &update.to_vec())
        {
            leptos::logging::warn!("{id}: a change from another tab does not apply: {e}");
        }
    });
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    Some(Tabs { channel, _listener: listener })
}

/// Tells other tabs about a local change of `doc`.
pub fn broadcast(shared: &Shared, doc: &DocumentId, update: &[u8]) {
    let Some(tabs) = shared.tabs.borrow().as_ref().map(|t: &Rc<Tabs>| t.clone()) else { return };
    let message = Object::new();
    let _ = Reflect::set(&message, &"doc".into(), &doc.to_string().into());
    let _ = Reflect::set(&message, &"update".into(), &Uint8Array::from(update).into());
    if let Err(e) = tabs.channel.post_message(&message) {
        leptos::logging::warn!("cannot tell other tabs: {e:?}");
    }
}
