//! One document in memory, owned by one task (an actor).
//!
//! Every change to the document goes through this task in arrival order: it applies a
//! connection's update, then fans the effective delta out to the other connections. The
//! task also answers sync step 1, relays awareness, and removes the awareness states a
//! connection introduced when it leaves. When the room has had no connections for the idle
//! time it asks [`crate::rooms::Rooms`] to forget it and ends.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, watch};
use yrs::block::ClientID;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

use crate::protocol::{self, CLOSE_PROTOCOL_ERROR, CLOSE_TOO_SLOW};

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
    /// Encoded frames waiting to be written to the socket.
    pub frames: mpsc::Sender<Vec<u8>>,
    /// Set once to close the connection with a reason.
    pub close: watch::Sender<Option<CloseReason>>,
}

impl Outbox {
    /// Queues `frame`; returns `false` (and closes the connection) when the queue is full or
    /// the connection is gone. A full queue means the reader fell behind: closing makes its
    /// client reconnect and resync, so it never silently misses an update.
    fn push(&self, frame: Vec<u8>) -> bool {
        if self.frames.try_send(frame).is_ok() {
            return true;
        }
        self.close.send_replace(Some(CloseReason {
            code: CLOSE_TOO_SLOW,
            reason: "outbound queue full; reconnect to resync".into(),
        }));
        false
    }

    /// Closes the connection with `code` and `reason`.
    pub fn close(&self, code: u16, reason: impl Into<String>) {
        self.close.send_replace(Some(CloseReason { code, reason: reason.into() }));
    }
}

/// Messages a connection sends to its room.
#[derive(Debug)]
pub enum Command {
    /// A connection joins; the room answers with sync step 1 and the awareness states.
    Join {
        /// The joining connection.
        conn: ConnId,
        /// How to reach it.
        outbox: Outbox,
        /// Answered once the room has registered the connection.
        joined: oneshot::Sender<()>,
    },
    /// A decoded message from a connection.
    Message {
        /// The sender.
        conn: ConnId,
        /// What it sent.
        message: Message,
    },
    /// A connection ended (closed, dropped or refused).
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
    commands: mpsc::UnboundedSender<Command>,
}

impl RoomHandle {
    /// Sends `command` to the room; `false` when the room has already ended.
    pub fn send(&self, command: Command) -> bool {
        self.commands.send(command).is_ok()
    }

    /// Whether the room's task is still running.
    pub fn is_alive(&self) -> bool {
        !self.commands.is_closed()
    }
}

struct Peer {
    outbox: Outbox,
    /// Awareness client ids this connection introduced; removed when it leaves.
    awareness_clients: HashSet<ClientID>,
}

/// The state owned by a room's task.
pub struct Room {
    doc_id: Arc<str>,
    awareness: Awareness,
    peers: HashMap<ConnId, Peer>,
}

impl Room {
    /// Starts the task of a room for `doc_id` and returns its handle. `on_idle` is called
    /// from the task after `idle` without connections, with a check of whether commands are
    /// pending that it must run under the registry's lock; the room ends when it returns
    /// `true` (the registry has forgotten it and no command is pending).
    pub fn spawn(
        doc_id: Arc<str>,
        idle: Duration,
        on_idle: impl Fn(&RoomHandle, &dyn Fn() -> bool) -> bool + Send + 'static,
    ) -> RoomHandle {
        let (tx, rx) = mpsc::unbounded_channel();
        let handle = RoomHandle { doc_id: doc_id.clone(), commands: tx };
        let room = Room { doc_id, awareness: Awareness::new(Doc::new()), peers: HashMap::new() };
        tokio::spawn(room.run(rx, handle.clone(), idle, on_idle));
        handle
    }

    async fn run(
        mut self,
        mut rx: mpsc::UnboundedReceiver<Command>,
        handle: RoomHandle,
        idle: Duration,
        on_idle: impl Fn(&RoomHandle, &dyn Fn() -> bool) -> bool + Send + 'static,
    ) {
        loop {
            let command = if self.peers.is_empty() {
                match tokio::time::timeout(idle, rx.recv()).await {
                    Ok(command) => command,
                    Err(_) => {
                        if on_idle(&handle, &|| rx.is_empty()) {
                            tracing::debug!(doc = %self.doc_id, "room unloaded after idle time");
                            return;
                        }
                        continue;
                    }
                }
            } else {
                rx.recv().await
            };
            match command {
                Some(command) => self.handle(command),
                None => return,
            }
        }
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Join { conn, outbox, joined } => self.join(conn, outbox, joined),
            Command::Message { conn, message } => self.message(conn, message),
            Command::Leave { conn } => self.leave(conn),
        }
    }

    fn join(&mut self, conn: ConnId, outbox: Outbox, joined: oneshot::Sender<()>) {
        let mut ok = outbox.push(protocol::sync_step1(&self.awareness));
        if let Some(frame) = self.awareness_frame() {
            ok = ok && outbox.push(frame);
        }
        if ok {
            self.peers.insert(conn, Peer { outbox, awareness_clients: HashSet::new() });
        }
        let _ = joined.send(());
    }

    fn message(&mut self, conn: ConnId, message: Message) {
        if !self.peers.contains_key(&conn) {
            return; // left or was closed while this message was in flight
        }
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let frame = protocol::sync_step2(&self.awareness, &sv);
                self.send_to(conn, frame);
            }
            Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
                self.apply_update(conn, &bytes)
            }
            Message::Awareness(update) => self.apply_awareness(conn, update),
            Message::AwarenessQuery => {
                if let Some(frame) = self.awareness_frame() {
                    self.send_to(conn, frame);
                }
            }
            Message::Auth(_) | Message::Custom(..) => {}
        }
    }

    /// Applies a connection's update and forwards what actually changed to the others.
    fn apply_update(&mut self, conn: ConnId, bytes: &[u8]) {
        let update = match Update::decode_v1(bytes) {
            Ok(update) => update,
            Err(e) => return self.refuse(conn, format!("malformed update: {e}")),
        };
        let delta = {
            let mut txn = self.awareness.doc().transact_mut();
            if let Err(e) = txn.apply_update(update) {
                drop(txn);
                return self.refuse(conn, format!("update could not be applied: {e}"));
            }
            txn.encode_update_v1()
        };
        if is_empty_update(&delta) {
            return;
        }
        let frame = protocol::update(delta);
        self.broadcast(Some(conn), &frame);
    }

    fn apply_awareness(&mut self, conn: ConnId, update: AwarenessUpdate) {
        let introduced: Vec<ClientID> = update.clients.keys().copied().collect();
        let frame = protocol::encode(&Message::Awareness(update.clone()));
        match self.awareness.apply_update_summary(update) {
            Ok(_) => {
                if let Some(peer) = self.peers.get_mut(&conn) {
                    peer.awareness_clients.extend(introduced);
                }
                self.broadcast(Some(conn), &frame);
            }
            Err(e) => self.refuse(conn, format!("malformed awareness update: {e}")),
        }
    }

    fn leave(&mut self, conn: ConnId) {
        let Some(peer) = self.peers.remove(&conn) else { return };
        let gone: Vec<ClientID> = peer.awareness_clients.into_iter().collect();
        if gone.is_empty() {
            return;
        }
        for client in &gone {
            self.awareness.remove_state(*client);
        }
        if let Ok(update) = self.awareness.update_with_clients(gone) {
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
        let slow: Vec<ConnId> = self
            .peers
            .iter()
            .filter(|(id, _)| Some(**id) != except)
            .filter(|(_, peer)| !peer.outbox.push(frame.to_vec()))
            .map(|(id, _)| *id)
            .collect();
        for conn in slow {
            self.leave(conn);
        }
    }
}

/// Whether an encoded v1 update carries nothing (no structs, empty delete set).
fn is_empty_update(update: &[u8]) -> bool {
    update == [0, 0]
}
