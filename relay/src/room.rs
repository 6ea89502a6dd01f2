//! One document in memory, owned by one task (an actor).
//!
//! The task loads the document from storage, then handles its connections' messages in
//! arrival order: it answers sync step 1, applies an update, commits what actually changed
//! to storage and only then forwards it to the other connections; it relays awareness and
//! removes the awareness states a connection introduced when it leaves. A device that may
//! only read gets the document but its updates are refused (not applied, not stored, not
//! forwarded) and it is told once per connection. Past a number of log entries the room
//! folds the log into a snapshot in the background. After the idle time without
//! connections it asks [`crate::rooms::Rooms`] to forget it and ends. If storage fails the
//! room closes every connection (the clients resync later) and ends, so memory never holds
//! what storage does not.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use liandong_core::access::Rights;
use liandong_core::update_guard::{self, Outline};
use tokio::sync::{mpsc, oneshot, watch};
use yrs::block::ClientID;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ID, IdSet, ReadTxn, StateVector, Transact, Update};

use crate::catch_up;

use crate::metrics::Metrics;
use crate::protocol::{self, CLOSE_INTERNAL_ERROR, CLOSE_PROTOCOL_ERROR, CLOSE_TOO_SLOW};
use crate::store::Store;

/// Identifies one WebSocket connection for the lifetime of the relay process.
pub type ConnId = u64;

/// Why the relay closes a connection: a WebSocket close code and a short reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseReason {
    /// WebSocket close code (see [`crate::protocol`]).
    pub code: u16,
    /// Human-readable reason, at most 123 bytes on the wire.
    pub reason: String,
}

/// The room's way to reach one connection: its bounded outbound queue, and a signal to
/// close it (used when the queue overflows or a frame is refused).
#[derive(Debug, Clone)]
pub struct Outbox {
    /// Encoded frames waiting to be written to the socket (shared, not copied, between
    /// the connections a frame goes to).
    pub frames: mpsc::Sender<Bytes>,
    /// Set once to close the connection with a reason.
    pub close: watch::Sender<Option<CloseReason>>,
}

impl Outbox {
    /// Queues `frame`; returns `false` (and closes the connection) when the queue is full or
    /// the connection is gone. A full queue means the reader fell behind: closing makes its
    /// client reconnect and resync, so it never silently misses an update.
    fn push(&self, frame: impl Into<Bytes>) -> bool {
        if self.frames.try_send(frame.into()).is_ok() {
            return true;
        }
        self.close(CLOSE_TOO_SLOW, "outbound queue full; reconnect to resync");
        false
    }

    /// Closes the connection with `code` and `reason` (the first reason wins).
    pub fn close(&self, code: u16, reason: impl Into<String>) {
        self.close.send_if_modified(|current| {
            if current.is_none() {
                *current = Some(CloseReason { code, reason: reason.into() });
                true
            } else {
                false
            }
        });
    }
}

/// Protocol extensions a client asked for (query parameter `features`, comma-separated).
/// The reference y-websocket client asks for none and gets the plain protocol.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// `progress`: large differences come in pieces after a progress header
    /// ([`crate::catch_up`]).
    pub progress: bool,
    /// `ack`: after each stored update of this client the relay sends it sync step 1 (its
    /// state vector), from which the client knows what reached the relay.
    pub ack: bool,
    /// `deflate`: frames above [`crate::deflate::MIN_BYTES`] go out compressed, and the
    /// device may send compressed frames ([`crate::deflate`]).
    pub deflate: bool,
}

impl Features {
    /// Parses `progress,ack,deflate`; unknown names are ignored.
    pub fn parse(list: &str) -> Self {
        let mut f = Features::default();
        for name in list.split(',').map(str::trim) {
            match name {
                "progress" => f.progress = true,
                "ack" => f.ack = true,
                "deflate" => f.deflate = true,
                _ => {}
            }
        }
        f
    }
}

/// A connection asking to join (sent on the room's unbounded control channel).
#[derive(Debug)]
pub struct Join {
    /// The joining connection.
    pub conn: ConnId,
    /// How to reach it.
    pub outbox: Outbox,
    /// What it may do.
    pub rights: Rights,
    /// Protocol extensions it asked for.
    pub features: Features,
    /// Answered once the room has loaded and registered the connection; `Err` when the
    /// document cannot be loaded.
    pub joined: oneshot::Sender<Result<(), String>>,
}

/// What a joined connection sends to its room (on the bounded data channel, in order).
#[derive(Debug)]
pub enum Data {
    /// A decoded message.
    Message {
        /// The sender.
        conn: ConnId,
        /// What it sent.
        message: Message,
    },
    /// The connection ended (closed, dropped or refused).
    Leave {
        /// The connection that ended.
        conn: ConnId,
    },
}

/// A handle to a room's task; cheap to clone.
#[derive(Debug, Clone)]
pub struct RoomHandle {
    /// The document id this room holds.
    pub doc_id: Arc<str>,
    control: mpsc::UnboundedSender<Join>,
    data: mpsc::Sender<Data>,
}

impl RoomHandle {
    /// Queues a join; `false` when the room has ended.
    pub fn join(&self, join: Join) -> bool {
        self.control.send(join).is_ok()
    }

    /// Sends `data` to the room, waiting while its queue is full (back-pressure on the
    /// sending socket); `false` when the room has ended.
    pub async fn send(&self, data: Data) -> bool {
        self.data.send(data).await.is_ok()
    }

    /// Whether the room's task is still running.
    pub fn is_alive(&self) -> bool {
        !self.control.is_closed()
    }
}

/// What every room shares.
#[derive(Clone)]
pub struct RoomContext {
    /// Where documents live.
    pub store: Arc<dyn Store>,
    /// Figures.
    pub metrics: Arc<Metrics>,
    /// Time without connections after which a room unloads.
    pub idle: Duration,
    /// Log entries after which the room folds the log into a snapshot.
    pub compact_after: usize,
}

/// Capacity of a room's data queue.
const DATA_QUEUE: usize = 256;

struct Peer {
    outbox: Outbox,
    rights: Rights,
    features: Features,
    /// Whether the device was already told its updates are refused.
    told_read_only: bool,
    /// The device's own awareness client: the one client of the first awareness message
    /// it sent (as y-sweet does). Removed when the connection leaves; states it merely
    /// forwarded for other clients are not.
    awareness_client: Claim,
}

/// Which awareness client a connection speaks for, decided by its first awareness message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// No awareness message yet.
    Undecided,
    /// Its own client.
    Own(ClientID),
    /// Its first message carried several clients: it claims none.
    Nobody,
}

/// The state owned by a room's task.
pub struct Room {
    doc_id: Arc<str>,
    awareness: Awareness,
    peers: HashMap<ConnId, Peer>,
    ctx: RoomContext,
    last_seq: u64,
    log_len: usize,
}

/// Checks, under the registry's lock, whether the room may end: called with the handle
/// and a test of whether commands are pending; returns `true` once the registry forgot it.
pub type OnIdle = Box<dyn Fn(&RoomHandle, &dyn Fn() -> bool) -> bool + Send + Sync>;

impl Room {
    /// Starts the task of a room for `doc_id` and returns its handle.
    pub fn spawn(doc_id: Arc<str>, ctx: RoomContext, on_idle: OnIdle) -> RoomHandle {
        let (control_tx, control_rx) = mpsc::unbounded_channel();
        let (data_tx, data_rx) = mpsc::channel(DATA_QUEUE);
        let handle = RoomHandle { doc_id: doc_id.clone(), control: control_tx, data: data_tx };
        let room =
            Room { doc_id, awareness: Awareness::new(Doc::new()), peers: HashMap::new(), ctx, last_seq: 0, log_len: 0 };
        tokio::spawn(room.run(control_rx, data_rx, handle.clone(), on_idle));
        handle
    }

    async fn run(
        mut self,
        mut control: mpsc::UnboundedReceiver<Join>,
        mut data: mpsc::Receiver<Data>,
        handle: RoomHandle,
        on_idle: OnIdle,
    ) {
        if let Err(reason) = self.load().await {
            tracing::error!(doc = %self.doc_id, %reason, "cannot load document");
            control.close();
            while let Ok(join) = control.try_recv() {
                let _ = join.joined.send(Err(reason.clone()));
            }
            return;
        }
        self.ctx.metrics.documents_loaded.inc();
        loop {
            let idle = self.peers.is_empty();
            tokio::select! {
                biased;
                join = control.recv() => match join {
                    Some(join) => self.join(join),
                    None => break,
                },
                item = data.recv() => match item {
                    Some(Data::Message { conn, message }) => {
                        if !self.message(conn, message).await {
                            break; // storage failed: connections are closed, memory is dropped
                        }
                    }
                    Some(Data::Leave { conn }) => self.leave(conn),
                    None => break,
                },
                _ = tokio::time::sleep(self.ctx.idle), if idle => {
                    if on_idle(&handle, &|| control.is_empty() && data.is_empty()) {
                        tracing::debug!(doc = %self.doc_id, "room unloaded after idle time");
                        break;
                    }
                }
            }
        }
        control.close();
        data.close();
        // Joins that raced with the unload are dropped: their senders retry with a new room.
        while control.try_recv().is_ok() {}
        self.compact();
        self.ctx.metrics.documents_loaded.dec();
    }

    /// Replays the stored log into a fresh document, one entry per transaction. An entry
    /// that makes yrs panic (a document poisoned before the guard existed, or a yrs bug the
    /// guard does not know yet) is left out and the replay starts again without it, so one
    /// entry cannot make a document unavailable for good.
    async fn load(&mut self) -> Result<(), String> {
        let stored = self.ctx.store.load(&self.doc_id).await.map_err(|e| e.to_string())?;
        let mut left_out = std::collections::HashSet::new();
        let doc = loop {
            let doc = Doc::new();
            let current = std::cell::Cell::new(0);
            let replay = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                for (index, bytes) in stored.updates.iter().enumerate() {
                    if left_out.contains(&index) {
                        continue;
                    }
                    current.set(index);
                    let result = Update::decode_v1(bytes)
                        .map_err(|e| e.to_string())
                        .and_then(|update| doc.transact_mut().apply_update(update).map_err(|e| e.to_string()));
                    if let Err(e) = result {
                        tracing::error!(doc = %self.doc_id, index, error = %e, "stored update does not apply");
                    }
                }
            }));
            match replay {
                Ok(()) => break doc,
                Err(_) => {
                    tracing::error!(doc = %self.doc_id, index = current.get(), "a stored update makes yrs panic; left out");
                    left_out.insert(current.get());
                }
            }
        };
        self.awareness = Awareness::new(doc);
        self.last_seq = stored.last_seq;
        self.log_len = stored.log_len;
        Ok(())
    }

    /// Runs yrs code on the room's document, catching a panic (a yrs bug the guard does
    /// not know yet: the fuzzer found several, `relay/fuzz/README.md`). After a panic the
    /// document in memory cannot be trusted: every connection is closed with 1011 and the
    /// room ends, so the next connection reloads the document from storage, which holds
    /// nothing of the update that caused it. `None` then, and the room must end.
    fn guarded<T>(&mut self, what: &str, f: impl FnOnce(&Doc) -> T) -> Option<T> {
        let doc = self.awareness.doc().clone();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&doc))) {
            Ok(value) => Some(value),
            Err(_) => {
                tracing::error!(doc = %self.doc_id, what, "yrs panicked; the document is reloaded from storage");
                self.ctx.metrics.refused_updates.inc();
                for peer in self.peers.values() {
                    peer.outbox.close(CLOSE_INTERNAL_ERROR, "the relay reloads this document; reconnect");
                }
                self.peers.clear();
                None
            }
        }
    }

    fn join(&mut self, join: Join) {
        let Join { conn, outbox, rights, features, joined } = join;
        let mut ok = outbox.push(protocol::sync_step1(&self.awareness));
        if let Some(frame) = self.awareness_frame() {
            ok = ok && outbox.push(frame);
        }
        if ok {
            self.peers.insert(
                conn,
                Peer { outbox, rights, features, told_read_only: false, awareness_client: Claim::Undecided },
            );
        }
        let _ = joined.send(Ok(()));
    }

    /// Handles one message; `false` when storage failed and the room must end.
    async fn message(&mut self, conn: ConnId, message: Message) -> bool {
        if !self.peers.contains_key(&conn) {
            return true; // left or was closed while this message was in flight
        }
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => return self.answer_step1(conn, &sv).await,
            Message::Sync(SyncMessage::SyncStep2(bytes)) => return self.apply_update(conn, &bytes, false).await,
            Message::Sync(SyncMessage::Update(bytes)) => return self.apply_update(conn, &bytes, true).await,
            Message::Awareness(update) => self.apply_awareness(conn, update),
            Message::AwarenessQuery => {
                if let Some(frame) = self.awareness_frame() {
                    self.send_to(conn, frame);
                }
            }
            Message::Auth(_) | Message::Custom(..) => {}
        }
        true
    }

    /// Answers sync step 1: one sync step 2, or pieces with progress for a device that asked
    /// for them and lacks a lot ([`catch_up`]).
    /// `false` when yrs panicked and the room must end ([`Room::guarded`]).
    async fn answer_step1(&mut self, conn: ConnId, sv: &StateVector) -> bool {
        let Some(diff) = self.guarded("sync step 2", |doc| doc.transact().encode_state_as_update_v1(sv)) else {
            return false;
        };
        let features = self.peers.get(&conn).map(|p| p.features).unwrap_or_default();
        let wants_pieces = features.progress;
        if !wants_pieces || diff.len() <= catch_up::CHUNK_THRESHOLD {
            self.send_to(conn, protocol::encode(&Message::Sync(SyncMessage::SyncStep2(diff))));
            return true;
        }
        let frames = match self.ctx.store.load(&self.doc_id).await {
            Ok(stored) => catch_up::frames(self.awareness.doc(), &stored.updates, sv, features.deflate),
            Err(e) => {
                tracing::warn!(doc = %self.doc_id, error = %e, "cannot read the log; sending the difference whole");
                vec![protocol::encode(&Message::Sync(SyncMessage::SyncStep2(diff)))]
            }
        };
        for frame in frames {
            self.send_to(conn, frame);
        }
        true
    }

    /// Applies a connection's update, commits what changed, then forwards it. `own_edit`:
    /// the device sent it as an update of its own, not as sync step 2 (its answer to our
    /// step 1). An update that brings nothing new is still acked when it carries changes,
    /// so the device learns they are here: any non-empty own edit, and a step 2 only when
    /// it carries new items, not just the delete set. A step 2's delete set is never empty
    /// once anything was deleted; acking that would have the device answer with another
    /// step 2, for ever.
    ///
    /// Rights come first: the update of a device that may only read is judged from its
    /// outline ([`update_guard`]) and never reaches yrs' decoder. Part of an update that
    /// waits for a missing predecessor is held by yrs in memory only; the update is then
    /// stored as it came as well, so a restart or unload cannot lose it and the log replays
    /// it into the same waiting state ([`waits_for_predecessor`]).
    async fn apply_update(&mut self, conn: ConnId, bytes: &[u8], own_edit: bool) -> bool {
        // The frame passed the guard in `protocol::decode`; this only reads its outline.
        let outline = match update_guard::check(bytes) {
            Ok(outline) => outline,
            Err(e) => {
                self.refuse(conn, e.to_string());
                return true;
            }
        };
        if let Some(peer) = self.peers.get_mut(&conn)
            && !peer.rights.can_write()
        {
            if brings_news(self.awareness.doc(), &outline) {
                self.ctx.metrics.refused_updates.inc();
                if !peer.told_read_only {
                    peer.told_read_only = true;
                    let refusal = Message::Auth(Some(protocol::READ_ONLY_REASON.into()));
                    let _ = peer.outbox.push(protocol::encode(&refusal));
                }
            }
            return true;
        }
        let carries_changes = if own_edit { bytes != Update::EMPTY_V1 } else { !outline.inserts.is_empty() };
        let applied = self.guarded("applying an update", |doc| {
            let update = Update::decode_v1(bytes).map_err(|e| format!("malformed update: {e}"))?;
            let mut txn = doc.transact_mut();
            txn.apply_update(update).map_err(|e| format!("update could not be applied: {e}"))?;
            Ok::<_, String>((txn.encode_update_v1(), waits_for_predecessor(&txn, &outline)))
        });
        let (delta, waiting) = match applied {
            None => return false,
            Some(Err(reason)) => {
                self.refuse(conn, reason);
                return true;
            }
            Some(Ok(applied)) => applied,
        };
        let integrated = delta.as_slice() != Update::EMPTY_V1;
        if !integrated && !waiting {
            // Nothing new: another device (or another tab of the same browser) brought
            // these changes first. A device that asks for acks still learns that they are
            // here, or it would count them as waiting until its next reconnect.
            if carries_changes && self.peers.get(&conn).is_some_and(|p| p.features.ack) {
                self.send_to(conn, protocol::sync_step1(&self.awareness));
            }
            return true;
        }
        let mut entries = Vec::with_capacity(2);
        if integrated {
            entries.push(delta.clone());
        }
        if waiting {
            tracing::debug!(doc = %self.doc_id, conn, "update waits for a predecessor; stored as it came");
            entries.push(bytes.to_vec());
        }
        for entry in entries {
            if !self.store(entry).await {
                return false;
            }
        }
        if integrated {
            self.ctx.metrics.updates_in.inc();
            self.broadcast(Some(conn), &protocol::update(delta));
        }
        if self.peers.get(&conn).is_some_and(|p| p.features.ack) {
            self.send_to(conn, protocol::sync_step1(&self.awareness));
        }
        if self.log_len >= self.ctx.compact_after {
            self.compact();
        }
        true
    }

    /// Appends `entry` to the document's log; `false` (after closing every connection)
    /// when storage failed and the room must end.
    async fn store(&mut self, entry: Vec<u8>) -> bool {
        match self.ctx.store.append(&self.doc_id, entry).await {
            Ok(seq) => {
                self.last_seq = seq;
                self.log_len += 1;
                true
            }
            Err(e) => {
                tracing::error!(doc = %self.doc_id, error = %e, "storage failed; closing the room");
                for peer in self.peers.values() {
                    peer.outbox
                        .close(CLOSE_INTERNAL_ERROR, "relay storage failed; your changes are kept on your device");
                }
                self.peers.clear();
                false
            }
        }
    }

    /// Merges the log into pieces of at most 64 KiB, in the background.
    fn compact(&mut self) {
        if self.log_len < 2 {
            return;
        }
        let (store, doc, upto) = (self.ctx.store.clone(), self.doc_id.clone(), self.last_seq);
        self.log_len = 0;
        tokio::spawn(async move {
            if let Err(e) = store.compact(&doc, upto).await {
                tracing::warn!(%doc, error = %e, "compaction failed; the log stays");
            }
        });
    }

    fn apply_awareness(&mut self, conn: ConnId, update: AwarenessUpdate) {
        let only_client = match update.clients.keys().collect::<Vec<_>>().as_slice() {
            [one] => Some(**one),
            _ => None,
        };
        let frame = protocol::encode(&Message::Awareness(update.clone()));
        match self.awareness.apply_update_summary(update) {
            Ok(_) => {
                if let Some(peer) = self.peers.get_mut(&conn)
                    && peer.awareness_client == Claim::Undecided
                {
                    // A first message of one client is the device's own state; a first
                    // message of several (a device forwarding others) claims none.
                    peer.awareness_client = only_client.map_or(Claim::Nobody, Claim::Own);
                }
                self.broadcast(Some(conn), &frame);
            }
            Err(e) => self.refuse(conn, format!("malformed awareness update: {e}")),
        }
    }

    fn leave(&mut self, conn: ConnId) {
        let Some(peer) = self.peers.remove(&conn) else { return };
        let Claim::Own(client) = peer.awareness_client else { return };
        // Another connection of the same client (a quick reconnect) keeps the state.
        if self.peers.values().any(|p| p.awareness_client == Claim::Own(client)) {
            return;
        }
        self.awareness.remove_state(client);
        if let Ok(update) = self.awareness.update_with_clients([client]) {
            self.broadcast(None, &protocol::encode(&Message::Awareness(update)));
        }
    }

    /// The awareness states of everyone present, or `None` when nobody has set one.
    fn awareness_frame(&self) -> Option<Vec<u8>> {
        let update = self.awareness.update().ok()?;
        (!update.clients.is_empty()).then(|| protocol::encode(&Message::Awareness(update)))
    }

    fn refuse(&mut self, conn: ConnId, reason: String) {
        tracing::info!(doc = %self.doc_id, conn, %reason, "closing connection");
        self.ctx.metrics.refused_connections.inc();
        if let Some(peer) = self.peers.get(&conn) {
            peer.outbox.close(CLOSE_PROTOCOL_ERROR, reason);
        }
        self.leave(conn);
    }

    fn send_to(&mut self, conn: ConnId, frame: Vec<u8>) {
        let slow = self.peers.get(&conn).is_some_and(|peer| !peer.outbox.push(frame));
        if slow {
            self.leave(conn);
        }
    }

    fn broadcast(&mut self, except: Option<ConnId>, frame: &[u8]) {
        let frame = Bytes::copy_from_slice(frame);
        let slow: Vec<ConnId> = self
            .peers
            .iter()
            .filter(|(id, _)| Some(**id) != except)
            .filter(|(_, peer)| !peer.outbox.push(frame.clone()))
            .map(|(id, _)| *id)
            .collect();
        for conn in slow {
            self.leave(conn);
        }
    }
}

/// Whether an update of this outline would change `doc`: items it lacks, or deletions it
/// has not made yet. A read-only device's answer to sync step 1 always carries its whole
/// delete set; only news counts as a refused write.
fn brings_news(doc: &Doc, outline: &Outline) -> bool {
    let txn = doc.transact();
    let sv = txn.state_vector();
    if outline.inserts.iter().any(|(client, _, end)| *end > sv.get(&ClientID::new(*client))) {
        return true;
    }
    let mut deletes = IdSet::new();
    for (client, clock, len) in &outline.deletes {
        if *len > 0 {
            deletes.insert(ID::new(ClientID::new(*client), *clock), *len);
        }
    }
    !deletes.is_empty() && !deletes.diff(&txn.snapshot().delete_set).is_empty()
}

/// Whether part of an update of this outline was left waiting for a predecessor after
/// `txn` applied it: items beyond what the document now holds, or deletions yrs holds
/// back until the items they delete arrive.
fn waits_for_predecessor(txn: &impl ReadTxn, outline: &Outline) -> bool {
    let sv = txn.state_vector();
    let items_wait = outline.inserts.iter().any(|(client, _, end)| *end > sv.get(&ClientID::new(*client)));
    items_wait || (!outline.deletes.is_empty() && txn.store().pending_ds().is_some())
}
