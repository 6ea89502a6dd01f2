//! Target `room`: a room (the relay's per-document actor) driven by four connections.
//!
//! Slots: 0 = plain y-websocket client (no features), 1 = `progress,ack`, 2 = `ack`,
//! 3 = read-only with `progress`. The input is a list of steps (at most 64); each starts with
//! a byte `tag`, slot = `tag & 3`, op = `(tag >> 2) & 7`:
//! - 0..=3, 7: a frame follows (u16 little-endian length, then that many bytes, cut short at
//!   the end of the input). It goes through `protocol::decode` like the connection's
//!   reader: a frame that does not decode closes the connection (it reconnects), a decoded
//!   message goes to the room.
//! - 4: the slot disconnects and reconnects.
//! - 5: everyone disconnects, the room unloads, everyone reconnects (reload from the store).
//! - 6: the slot sends a large edit made here with yrs (next byte `b`: client id 1000 + b,
//!   ((b >> 4) + 1) * 8 KiB of text), so documents grow past the 64 KiB catch-up threshold
//!   that 4 KiB fuzz inputs could not reach.
//!
//! After each step the harness lets the room run, then plays each client: it reads its
//! outbound queue, applies every update it got to that client's own yrs document (kept
//! across reconnects, as a device keeps its copy), and reconnects a connection the room
//! closed. Checked besides "no panic anywhere" (libfuzzer-sys turns a panic in the room's
//! task into an abort too):
//! - every frame the relay sends decodes (the progress header, custom message 100, aside),
//!   and every update in one decodes and applies to the client's document;
//! - at the end, after at most 3 rounds of sync step 1 (a progress client resends it after
//!   pieces), each client's document holds everything the room holds (state vectors);
//! - a document unloaded and reloaded from the store equals what the room held (state
//!   vector and delete set).
//!
//! Time is tokio's paused clock (`start_paused`), so idle timers fire as soon as the
//! runtime has nothing else to do: runs are fast and repeatable.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use liandong_core::access::Rights;
use liandong_relay::catch_up::MSG_PROGRESS;
use liandong_relay::metrics::Metrics;
use liandong_relay::protocol::{self, FrameError};
use liandong_relay::room::{CloseReason, ConnId, Data, Features, Outbox, RoomContext, RoomHandle};
use liandong_relay::rooms::Rooms;
use liandong_relay::store::memory::MemoryStore;
use libfuzzer_sys::fuzz_target;
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, watch};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Snapshot, StateVector, Text, Transact, Update};

const DOC: &str = "fuzz-doc";
const SLOTS: usize = 4;
const MAX_STEPS: usize = 64;
/// Generous enough for a catch-up in pieces, small enough that a flood overflows it.
const OUTBOUND_QUEUE: usize = 32;
/// Room idle time; the clock is paused, so this costs no real time.
const IDLE: Duration = Duration::from_secs(10);
/// Log entries before the room compacts: small, so compaction happens often.
const COMPACT_AFTER: usize = 3;

fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap())
}

fn metrics() -> Arc<Metrics> {
    static METRICS: OnceLock<Arc<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Arc::new(Metrics::new())).clone()
}

fn rights(slot: usize) -> Rights {
    if slot == 3 { Rights::Read } else { Rights::Write }
}

fn features(slot: usize) -> Features {
    Features { progress: slot == 1 || slot == 3, ack: slot == 1 || slot == 2 }
}

struct Conn {
    conn: ConnId,
    handle: RoomHandle,
    frames: mpsc::Receiver<Vec<u8>>,
    close: watch::Receiver<Option<CloseReason>>,
}

struct Harness {
    rooms: Rooms,
    next_conn: ConnId,
    conns: Vec<Option<Conn>>,
    /// Each slot's own copy of the document, built only from what the relay sent it.
    docs: Vec<Doc>,
}

async fn let_run() {
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
}

impl Harness {
    async fn connect(&mut self, slot: usize) {
        self.next_conn += 1;
        let conn = self.next_conn;
        let (frames_tx, frames) = mpsc::channel(OUTBOUND_QUEUE);
        let (close_tx, close) = watch::channel(None);
        let outbox = Outbox { frames: frames_tx, close: close_tx };
        let handle =
            self.rooms.join(DOC, conn, outbox, rights(slot), features(slot)).await.expect("memory store loads");
        self.conns[slot] = Some(Conn { conn, handle, frames, close });
    }

    async fn disconnect(&mut self, slot: usize) {
        if let Some(c) = self.conns[slot].take() {
            c.handle.send(Data::Leave { conn: c.conn }).await;
        }
    }

    async fn reconnect(&mut self, slot: usize) {
        self.disconnect(slot).await;
        self.connect(slot).await;
    }

    async fn send(&mut self, slot: usize, message: Message) {
        let c = self.conns[slot].as_ref().unwrap();
        c.handle.send(Data::Message { conn: c.conn, message }).await;
    }

    /// Lets the room handle what was sent, then plays each client.
    async fn settle(&mut self) {
        let_run().await;
        for slot in 0..SLOTS {
            let Some(c) = self.conns[slot].as_mut() else { continue };
            while let Ok(frame) = c.frames.try_recv() {
                receive(&self.docs[slot], &frame);
            }
            if c.close.borrow().is_some() || !c.handle.is_alive() {
                self.reconnect(slot).await;
            }
        }
    }

    /// Disconnects everyone and waits (on the paused clock) until the room has unloaded.
    async fn unload(&mut self) {
        let handle = self.conns.iter().flatten().next().map(|c| c.handle.clone());
        for slot in 0..SLOTS {
            self.disconnect(slot).await;
        }
        if let Some(handle) = handle {
            for _ in 0..100 {
                if !handle.is_alive() {
                    break;
                }
                tokio::time::sleep(IDLE).await;
            }
            assert!(!handle.is_alive(), "room did not unload after its idle time");
        }
        let_run().await; // a compaction spawned as the room ended
    }

    /// The whole document as the room holds it: a fresh connection's sync step 2 for an
    /// empty state vector (slot 0 has no `progress`, so it is one frame).
    async fn room_state(&mut self) -> Vec<u8> {
        self.reconnect(0).await;
        self.send(0, Message::Sync(SyncMessage::SyncStep1(StateVector::default()))).await;
        let_run().await;
        let c = self.conns[0].as_mut().unwrap();
        let mut state = None;
        while let Ok(frame) = c.frames.try_recv() {
            if let Message::Sync(SyncMessage::SyncStep2(u)) = receive(&self.docs[0], &frame) {
                state = Some(u);
            }
        }
        state.expect("the room answers sync step 1 with sync step 2")
    }
}

/// A client receiving `frame`: it must decode, and an update in it must apply to `doc`.
fn receive(doc: &Doc, frame: &[u8]) -> Message {
    let message = match protocol::decode(frame) {
        Ok(message) => message,
        Err(FrameError::Unsupported(MSG_PROGRESS)) => return Message::Custom(MSG_PROGRESS, Vec::new()),
        Err(e) => panic!("the relay sent a frame its decoder refuses ({e}): {frame:02x?}"),
    };
    if let Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) = &message {
        let update = Update::decode_v1(u).unwrap_or_else(|e| panic!("the relay sent an undecodable update ({e})"));
        if let Err(e) = doc.transact_mut().apply_update(update) {
            panic!("the relay sent an update a client cannot apply: {e}");
        }
    }
    message
}

/// Whether `have` covers `want` (every client's clock at least as far).
fn covers(have: &StateVector, want: &StateVector) -> bool {
    want.iter().all(|(client, clock)| have.get(client) >= *clock)
}

/// The snapshot (state vector and delete set) of a fresh document holding `update`.
fn snapshot_of(update: &[u8]) -> Snapshot {
    let doc = Doc::new();
    doc.transact_mut().apply_update(Update::decode_v1(update).unwrap()).unwrap();
    doc.transact().snapshot()
}

/// A large edit made here: `8 KiB * ((b >> 4) + 1)` of text from client `1000 + b`.
fn big_edit(b: u8) -> Message {
    let doc = Doc::with_client_id(1000 + u64::from(b));
    let text = doc.get_or_insert_text("notes");
    let mut txn = doc.transact_mut();
    let line = format!("通报 {b:3} ");
    text.insert(&mut txn, 0, &line.repeat(8 * 1024 * (usize::from(b >> 4) + 1) / line.len()));
    Message::Sync(SyncMessage::Update(txn.encode_update_v1()))
}

async fn run(mut data: &[u8]) {
    let ctx = RoomContext {
        store: Arc::new(MemoryStore::new()),
        metrics: metrics(),
        idle: IDLE,
        compact_after: COMPACT_AFTER,
    };
    let mut h = Harness {
        rooms: Rooms::new(ctx),
        next_conn: 0,
        conns: (0..SLOTS).map(|_| None).collect(),
        docs: (0..SLOTS).map(|_| Doc::new()).collect(),
    };
    for slot in 0..SLOTS {
        h.connect(slot).await;
    }
    h.settle().await;

    for _ in 0..MAX_STEPS {
        let Some((&tag, rest)) = data.split_first() else { break };
        data = rest;
        let slot = usize::from(tag & 3);
        match (tag >> 2) & 7 {
            4 => h.reconnect(slot).await,
            5 => {
                h.unload().await;
                for slot in 0..SLOTS {
                    h.connect(slot).await;
                }
            }
            6 => {
                let Some((&b, rest)) = data.split_first() else { break };
                data = rest;
                h.send(slot, big_edit(b)).await;
            }
            _ => {
                let len = match data {
                    [a, b, rest @ ..] => {
                        data = rest;
                        usize::from(u16::from_le_bytes([*a, *b]))
                    }
                    _ => std::mem::take(&mut data).len(),
                };
                let (frame, rest) = data.split_at(len.min(data.len()));
                data = rest;
                match protocol::decode(frame) {
                    Ok(message) => h.send(slot, message).await,
                    Err(_) => h.reconnect(slot).await, // the reader closes on a bad frame
                }
            }
        }
        h.settle().await;
    }

    // Every client catches up: sync step 1 with its own state vector, up to 3 rounds.
    let room = snapshot_of(&h.room_state().await).state_map;
    for slot in 0..SLOTS {
        for _ in 0..3 {
            let sv = h.docs[slot].transact().state_vector();
            if covers(&sv, &room) {
                break;
            }
            h.send(slot, Message::Sync(SyncMessage::SyncStep1(sv))).await;
            h.settle().await;
        }
        let sv = h.docs[slot].transact().state_vector();
        assert!(covers(&sv, &room), "slot {slot} did not catch up: has {sv:?}, the room has {room:?}");
    }

    // What the room holds must be what the store gives back after an unload.
    let before = h.room_state().await;
    h.unload().await;
    let after = h.room_state().await;
    h.unload().await;
    assert_eq!(snapshot_of(&before), snapshot_of(&after), "the document reloaded from the store differs");
}

fuzz_target!(|data: &[u8]| {
    runtime().block_on(run(data));
});
