//! The connection of one document to the relay: a channel of the shared socket
//! ([`super::mux`], `wss://{host}/sync/mux` with the device's token), speaking the Yjs sync
//! protocol and awareness (y-websocket wire format, as on the relay's `/sync/{id}` for
//! stock clients) plus three
//! relay features the app asks for: `progress` (large differences come in pieces after a
//! header, so a slow link shows progress), `ack` (the relay's state vector after each
//! stored change, from which "saved to relay" is derived) and `deflate` (frames above a
//! few hundred bytes travel compressed both ways, a catch-up as one compressed run,
//! [`super::deflate`]).
//!
//! Liveness: when nothing arrived for [`PROBE_AFTER_MS`] the app sends sync step 1; the
//! relay always answers. Only a link silent for [`DEAD_AFTER_MS`] counts as dead. Data
//! still arriving keeps a link alive however long a download takes; on a 50 kbit/s link a
//! piece of 64 KiB arrives every ~10 s. Reconnects back off with jitter; when the relay
//! refuses the token the app says so and waits instead of looping.
//!
//! Coming back promptly: a connection on which the relay spoke resets the backoff and wakes
//! every document waiting to reconnect (they start at once, attempt 0), as do the
//! browser's `online` event and the page becoming visible. While the link is down only the
//! directory's connection keeps trying often ([`backoff::SCOUT_CAP_MS`]); the others back
//! off to a minute and are woken by the first that gets through, so the offline period's
//! failures never lengthen the wait once the link is back.

use std::rc::Rc;

use futures::{FutureExt, StreamExt};
use gloo::timers::future::TimeoutFuture;
use leptos::prelude::{Update as _, WithUntracked as _};
use yrs::encoding::read::Read;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, Transact};

use super::backoff;
use super::doc::{DocSync, ORIGIN_RELAY};
use super::state::Shared;
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
    /// It was open and closed (or went silent); `heard`: the relay sent something first.
    Closed { heard: bool },
    /// The document is no longer wanted (sign-out).
    Stopped,
}

/// The relay's base URL for WebSockets, from the page's own address.
pub(super) fn ws_base() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}", location.host().ok()?))
}

/// Keeps `doc` connected to the relay until sign-out.
pub async fn run(doc: Rc<DocSync>, shared: Shared) {
    let generation = shared.generation();
    let mut attempt: u32 = 0;
    let scout =
        doc.id == liandong_core::DocumentId::directory(&shared.session().map(|s| s.claims.county).unwrap_or_default());
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
        let cap = if scout { backoff::SCOUT_CAP_MS } else { backoff::CAP_MS };
        let mut delay = backoff::delay_ms_capped(attempt, js_sys::Math::random(), cap);
        match ended {
            Ended::Stopped => return,
            // The relay spoke on this connection (a cut mid catch-up included): the link
            // works, so come back after the shortest delay.
            Ended::Closed { heard: true } => {
                attempt = 0;
                delay = backoff::delay_ms(0, js_sys::Math::random());
            }
            // Never heard: the socket failed to open, or was closed before the relay said
            // anything (a refused upgrade can look like either): ask whether the token is
            // the reason, so an expired sign-in is never shown as "offline".
            Ended::Closed { heard: false } | Ended::NeverOpened => {
                attempt += 1;
                if super::verdict::refused(&session).await {
                    doc.status.update(|s| s.refused = Some(Refusal::SignInExpired));
                    delay = backoff::REFUSED_MS;
                }
            }
        }
        if wait(&shared, delay, generation).await {
            attempt = 0;
        }
    }
}

/// Sleeps `ms`, waking early on sign-out or when woken ([`super::state::Inner::wake`]: the
/// browser came back online, the page became visible, another document's connection got
/// through). Returns whether it was woken.
async fn wait(shared: &Shared, ms: f64, generation: u32) -> bool {
    let woken = shared.wake.notified().fuse();
    let slept = TimeoutFuture::new(ms as u32).fuse();
    futures::pin_mut!(woken, slept);
    futures::select_biased! {
        () = woken => true,
        () = slept => shared.generation() != generation,
    }
}

/// `message` as a frame for the relay: compressed when that makes it smaller.
async fn encode(message: &Message) -> Vec<u8> {
    let frame = message.encode_v1();
    super::deflate::compress(&frame).await.unwrap_or(frame)
}

/// One connection, from open to close.
async fn connect(doc: &Rc<DocSync>, shared: &Shared, session: &Session, generation: u32) -> Ended {
    let Some(mut channel) = super::mux::open(&doc.id.to_string(), session) else { return Ended::NeverOpened };
    let (to_relay, mut local) = futures::channel::mpsc::unbounded::<Vec<u8>>();
    *doc.to_relay.borrow_mut() = Some(to_relay);
    let (probe, mut probe_now) = futures::channel::mpsc::unbounded::<()>();
    *doc.probe.borrow_mut() = Some(probe);

    // Waits for the shared socket to open (false when it fails or hangs).
    let step1 = Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector()));
    if !channel.opened().await || !channel.send(encode(&step1).await) {
        doc.to_relay.borrow_mut().take();
        doc.probe.borrow_mut().take();
        return Ended::NeverOpened;
    }
    super::doc::mark(&format!("liandong:open:{}", doc.id));
    crate::pwa::relay_reachable();
    let presence = {
        let mut awareness = doc.awareness.borrow_mut();
        let mut state = String::new();
        yrs::Any::from(std::collections::HashMap::from([
            ("name".to_owned(), yrs::Any::from(session.claims.name.as_str())),
            ("badge".to_owned(), yrs::Any::from(session.claims.badge.as_str())),
        ]))
        .to_json(&mut state);
        awareness.set_local_state_raw(state);
        awareness.update().ok().map(Message::Awareness)
    };
    if let Some(presence) = presence {
        channel.send(encode(&presence).await);
    }

    let mut last_heard = js_sys::Date::now();
    let mut last_sent = js_sys::Date::now();
    let mut catching_up = false;
    let mut heard = false;
    let mut run = super::deflate::Run::default();
    let ended = loop {
        let tick = TimeoutFuture::new(5_000).fuse();
        futures::pin_mut!(tick);
        futures::select_biased! {
            incoming = channel.next().fuse() => match incoming {
                Some(bytes) => {
                    last_heard = js_sys::Date::now();
                    if !std::mem::replace(&mut heard, true) {
                        // The link works: documents waiting to reconnect try at once.
                        shared.wake.notify_all();
                    }
                    let wire = bytes.len() as u64;
                    let bytes = if bytes.first() == Some(&super::deflate::MSG_DEFLATE_RUN) {
                        match run.inflate(&bytes).await {
                            Ok(plain) => plain,
                            Err(e) => {
                                // The rest of the run cannot inflate either: a new connection
                                // starts a new catch-up from what arrived.
                                leptos::logging::warn!("{}: a catch-up's compressed run does not inflate: {e}", doc.id);
                                break Ended::Closed { heard };
                            }
                        }
                    } else if super::deflate::is_compressed(&bytes) {
                        match super::deflate::inflate(&bytes).await {
                            Ok(plain) => plain,
                            Err(e) => {
                                leptos::logging::warn!("{}: a compressed message does not inflate: {e}", doc.id);
                                continue;
                            }
                        }
                    } else {
                        bytes
                    };
                    if let Some(reply) = handle(doc, shared, &bytes, wire, &mut catching_up).await {
                        last_sent = js_sys::Date::now();
                        if !channel.send(encode(&reply).await) { break Ended::Closed { heard }; }
                    }
                }
                None => break Ended::Closed { heard },
            },
            update = local.next() => match update {
                Some(update) => {
                    last_sent = js_sys::Date::now();
                    if !channel.send(encode(&Message::Sync(SyncMessage::Update(update))).await) {
                        break Ended::Closed { heard };
                    }
                }
                None => break Ended::Stopped,
            },
            _ = probe_now.next() => {
                last_sent = js_sys::Date::now();
                let probe = Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector()));
                if !channel.send(encode(&probe).await) { break Ended::Closed { heard }; }
            }
            _ = tick => {
                if shared.generation() != generation {
                    break Ended::Stopped;
                }
                let now = js_sys::Date::now();
                if now - last_heard > DEAD_AFTER_MS {
                    break Ended::Closed { heard };
                }
                if now - last_heard > PROBE_AFTER_MS && now - last_sent > PROBE_AFTER_MS {
                    last_sent = now;
                    let probe = Message::Sync(SyncMessage::SyncStep1(doc.doc.transact().state_vector()));
                    if !channel.send(encode(&probe).await) { break Ended::Closed { heard }; }
                }
            }
        }
    };
    doc.to_relay.borrow_mut().take();
    doc.probe.borrow_mut().take();
    drop(channel);
    ended
}

/// Handles one message from the relay (`bytes`, inflated if it came compressed; `wire`:
/// its size on the wire, what a catch-up's progress counts); returns the reply, if any.
async fn handle(
    doc: &Rc<DocSync>,
    shared: &Shared,
    bytes: &[u8],
    wire: u64,
    catching_up: &mut bool,
) -> Option<Message> {
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
            let len = wire;
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
