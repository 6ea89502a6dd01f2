//! The connection of one document to the relay: `wss://{host}/sync/{id}` with the device's
//! token, speaking the Yjs sync protocol and awareness (y-websocket wire format) plus two
//! relay features the app asks for: `progress` (large differences come in pieces after a
//! header, so a slow link shows progress) and `ack` (the relay's state vector after each
//! stored change, from which "saved to relay" is derived).
//!
//! Liveness: when nothing arrived for [`PROBE_AFTER_MS`] the app sends sync step 1; the
//! relay always answers. Only a link silent for [`DEAD_AFTER_MS`] counts as dead. Data
//! still arriving keeps a link alive however long a download takes; on a 50 kbit/s link a
//! piece of 64 KiB arrives every ~10 s. Reconnects back off with jitter; when the relay
//! refuses the token the app says so and waits instead of looping.

use std::rc::Rc;

use futures::{FutureExt, SinkExt, StreamExt};
use gloo::net::websocket::Message as WsMessage;
use gloo::net::websocket::WebSocketError;
use gloo::net::websocket::futures::WebSocket;
use gloo::timers::future::TimeoutFuture;
use leptos::prelude::{Update as _, WithUntracked as _};
use yrs::encoding::read::Read;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, Transact};

use super::Shared;
use super::backoff;
use super::doc::{DocSync, ORIGIN_RELAY};
use super::status::{Link, Refusal};
use crate::session::Session;

/// Custom message type of the relay's progress header.
const MSG_PROGRESS: u8 = 100;
/// Silence after which the app probes the relay with sync step 1, in ms.
pub const PROBE_AFTER_MS: f64 = 30_000.0;
/// Silence after which the link counts as dead, in ms.
pub const DEAD_AFTER_MS: f64 = 90_000.0;
/// Time a socket may take to open, in ms (a slow link's TLS and upgrade included).
pub const OPEN_TIMEOUT_MS: u32 = 30_000;

/// How one connection attempt ended.
enum Ended {
    /// It never opened (network down, relay unreachable or refusing).
    NeverOpened,
    /// It was open and closed (or went silent).
    Closed,
    /// The document is no longer wanted (sign-out).
    Stopped,
}

/// The relay's base URL for WebSockets, from the page's own address.
fn ws_base() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}", location.host().ok()?))
}

/// Keeps `doc` connected to the relay until sign-out.
pub async fn run(doc: Rc<DocSync>, shared: Shared) {
    let generation = shared.generation();
    let mut attempt: u32 = 0;
    loop {
        if shared.generation() != generation {
            return;
        }
        let Some(session) = shared.session() else { return };
        doc.status.update(|s| s.link = Link::Connecting);
        let ended = connect(&doc, &shared, &session, generation).await;
        let was_online = doc.status.with_untracked(|s| s.link == Link::Online);
        doc.status.update(|s| {
            if s.link != Link::Offline && was_online {
                s.offline_since = Some(js_sys::Date::now());
            }
            s.link = Link::Offline;
            s.progress = None;
        });
        let mut delay = backoff::delay_ms(attempt, js_sys::Math::random());
        match ended {
            Ended::Stopped => return,
            Ended::Closed if was_online => attempt = 0,
            // Never online: the socket failed to open, or was closed before the relay said
            // anything (a refused upgrade can look like either): ask whether the token is
            // the reason, so an expired sign-in is never shown as "offline".
            Ended::Closed | Ended::NeverOpened => {
                attempt += 1;
                if super::verdict::refused(&session).await {
                    doc.status.update(|s| s.refused = Some(Refusal::SignInExpired));
                    delay = backoff::REFUSED_MS;
                }
            }
        }
        wait(&shared, delay, generation).await;
    }
}

/// Sleeps `ms`, waking early when the browser comes back online or on sign-out.
async fn wait(shared: &Shared, ms: f64, generation: u32) {
    let wake = shared.wake.get();
    let until = js_sys::Date::now() + ms;
    while js_sys::Date::now() < until && shared.wake.get() == wake && shared.generation() == generation {
        // Checked every 100 ms: a link that comes back is used within a tenth of a second.
        TimeoutFuture::new(100).await;
    }
}

fn encode(message: &Message) -> WsMessage {
    WsMessage::Bytes(message.encode_v1())
}

/// One connection, from open to close.
async fn connect(doc: &Rc<DocSync>, shared: &Shared, session: &Session, generation: u32) -> Ended {
    let Some(base) = ws_base() else { return Ended::NeverOpened };
    // The token travels as a subprotocol, not in the address, so the browser's console
    // (which prints the address of every failed socket) never shows it.
    let url = format!("{base}/sync/{}?features=progress,ack", doc.id);
    let protocols = ["liandong".to_owned(), format!("liandong.token.{}", session.token)];
    let Ok(socket) = WebSocket::open_with_protocols(&url, &protocols) else { return Ended::NeverOpened };
    let (mut sink, mut stream) = socket.split();
    let (to_relay, mut local) = futures::channel::mpsc::unbounded::<Vec<u8>>();
    *doc.to_relay.borrow_mut() = Some(to_relay);

    // The first send waits for the socket to open; a socket that fails or closes before it
    // opens ends the attempt (the stream reports it), and so does one that hangs.
    let step1 = Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector()));
    let opened = {
        let send = sink.send(encode(&step1)).fuse();
        let failed = stream.next().fuse();
        let hung = TimeoutFuture::new(OPEN_TIMEOUT_MS).fuse();
        futures::pin_mut!(send, failed, hung);
        futures::select_biased! {
            sent = send => sent.is_ok(),
            _ = failed => false,
            _ = hung => false,
        }
    };
    if !opened {
        doc.to_relay.borrow_mut().take();
        return Ended::NeverOpened;
    }
    super::doc::mark(&format!("liandong:open:{}", doc.id));
    crate::pwa::relay_reachable();
    let presence = {
        let mut awareness = doc.awareness.borrow_mut();
        awareness.set_local_state_raw(format!(
            "{{\"name\":{},\"badge\":{}}}",
            serde_json::Value::from(session.claims.name.clone()),
            serde_json::Value::from(session.claims.badge.clone())
        ));
        awareness.update().ok().map(Message::Awareness)
    };
    if let Some(presence) = presence {
        let _ = sink.send(encode(&presence)).await;
    }

    let mut last_heard = js_sys::Date::now();
    let mut last_sent = js_sys::Date::now();
    let mut catching_up = false;
    let ended = loop {
        let tick = TimeoutFuture::new(5_000).fuse();
        futures::pin_mut!(tick);
        futures::select_biased! {
            incoming = stream.next().fuse() => match incoming {
                Some(Ok(WsMessage::Bytes(bytes))) => {
                    last_heard = js_sys::Date::now();
                    if let Some(reply) = handle(doc, shared, &bytes, &mut catching_up).await {
                        last_sent = js_sys::Date::now();
                        if sink.send(encode(&reply)).await.is_err() { break Ended::Closed; }
                    }
                }
                Some(Ok(WsMessage::Text(_))) => {}
                Some(Err(WebSocketError::ConnectionClose(_))) | Some(Err(_)) | None => break Ended::Closed,
            },
            update = local.next() => match update {
                Some(update) => {
                    last_sent = js_sys::Date::now();
                    if sink.send(encode(&Message::Sync(SyncMessage::Update(update)))).await.is_err() {
                        break Ended::Closed;
                    }
                }
                None => break Ended::Stopped,
            },
            _ = tick => {
                if shared.generation() != generation {
                    break Ended::Stopped;
                }
                let now = js_sys::Date::now();
                if now - last_heard > DEAD_AFTER_MS {
                    break Ended::Closed;
                }
                if now - last_heard > PROBE_AFTER_MS && now - last_sent > PROBE_AFTER_MS {
                    last_sent = now;
                    let probe = Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector()));
                    if sink.send(encode(&probe)).await.is_err() { break Ended::Closed; }
                }
            }
        }
    };
    doc.to_relay.borrow_mut().take();
    let _ = sink.close().await;
    ended
}

/// Handles one message from the relay; returns the reply to send, if any.
async fn handle(doc: &Rc<DocSync>, shared: &Shared, bytes: &[u8], catching_up: &mut bool) -> Option<Message> {
    let message = match Message::decode_v1(bytes) {
        Ok(m) => m,
        Err(e) => {
            leptos::logging::warn!("{}: unreadable message from the relay: {e}", doc.id);
            return None;
        }
    };
    match message {
        Message::Sync(SyncMessage::SyncStep1(relay_sv)) => {
            doc.relay_state(shared, &relay_sv).await;
            let diff = doc.doc.transact().encode_state_as_update_v1(&relay_sv);
            Some(Message::Sync(SyncMessage::SyncStep2(diff)))
        }
        Message::Sync(SyncMessage::SyncStep2(update)) => {
            super::doc::mark(&format!("liandong:step2:{}", doc.id));
            if let Err(e) = doc.apply(ORIGIN_RELAY, &update) {
                leptos::logging::warn!("{}: the relay's update does not apply: {e}", doc.id);
            }
            doc.status.update(|s| {
                s.link = Link::Online;
                s.offline_since = None;
                s.progress = None;
                if s.refused == Some(Refusal::SignInExpired) {
                    s.refused = None;
                }
            });
            if doc.status.with_untracked(|s| s.waiting == 0) {
                doc.synced(shared).await;
            }
            if std::mem::take(catching_up) {
                // Views may not have re-read the last pieces yet (refreshes are spaced out
                // during a catch-up).
                doc.refresh();
                // Ask for the exact remainder after a catch-up in pieces.
                return Some(Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector())));
            }
            None
        }
        Message::Sync(SyncMessage::Update(update)) => {
            let len = update.len() as u64;
            if let Err(e) = doc.apply(ORIGIN_RELAY, &update) {
                leptos::logging::warn!("{}: the relay's update does not apply: {e}", doc.id);
            }
            if *catching_up {
                doc.status.update(|s| {
                    if let Some((got, total)) = s.progress.as_mut() {
                        *got = (*got + len).min(*total);
                    }
                });
            }
            None
        }
        Message::Custom(MSG_PROGRESS, data) => {
            let mut decoder = DecoderV1::from(data.as_slice());
            let total: u64 = decoder.read_var().unwrap_or(0);
            super::doc::mark(&format!("liandong:catch-up:{}", doc.id));
            *catching_up = true;
            doc.status.update(|s| s.progress = Some((0, total)));
            None
        }
        Message::Awareness(update) => {
            let _ = doc.awareness.borrow_mut().apply_update(update);
            None
        }
        Message::AwarenessQuery => doc.awareness.borrow().update().ok().map(Message::Awareness),
        Message::Auth(Some(_reason)) => {
            doc.status.update(|s| s.refused = Some(Refusal::ReadOnly));
            None
        }
        Message::Auth(None) | Message::Custom(..) => None,
    }
}
