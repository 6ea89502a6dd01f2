//! Target `room`: a room (the relay's per-document actor) driven by a few connections.
//!
//! The input is a list of steps. Each step starts with one byte `tag`:
//! - `tag & 3` picks the connection slot 0..=3 (slot 3 may only read, the others write);
//! - `(tag >> 2) & 3`: 0 or 1 = a frame follows as a little-endian u16 length and that many
//!   bytes (cut short at the end of the input); 2 = the slot disconnects and reconnects;
//!   3 = every slot disconnects, the room unloads, and all reconnect (a reload from the
//!   store).
//!
//! Frames go through `protocol::decode` as the connection's reader does: a frame that does
//! not decode closes that connection (it reconnects); a decoded message goes to the room.
//! After every step the harness lets the room run, reads every connection's outbound queue
//! and reconnects any connection the room closed, as a client would.
//!
//! Checked besides "no panic": every frame the room sends decodes with the relay's own
//! decoder, every update it sends decodes as a Yjs update, and at the end a document the
//! room unloaded and reloaded from the store holds the same state as before it unloaded.
//!
//! Time is tokio's paused clock (runtime built with `start_paused`), so the room's idle timer
//! fires as soon as the runtime has nothing else to do: runs are fast and repeatable.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use liandong_core::access::Rights;
use liandong_relay::metrics::Metrics;
use liandong_relay::protocol;
use liandong_relay::room::{CloseReason, ConnId, Data, Outbox, RoomContext, RoomHandle};
use liandong_relay::rooms::Rooms;
use liandong_relay::store::memory::MemoryStore;
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, watch};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Snapshot, StateVector, Transact, Update};

const DOC: &str = "fuzz-doc";
const SLOTS: usize = 4;
const MAX_STEPS: usize = 64;
/// Small, so a step that makes many frames can overflow a queue (the "too slow" close).
const OUTBOUND_QUEUE: usize = 8;
/// Room idle time; the clock is paused, so this costs no real time.
const IDLE: Duration = Duration::from_secs(10);
/// Log entries before the room compacts: small, so compaction happens often.
const COMPACT_AFTER: usize = 3;

fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap()
    })
}

fn metrics() -> Arc<Metrics> {
    static METRICS: OnceLock<Arc<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Arc::new(Metrics::new())).clone()
}

struct Client {
    conn: ConnId,
    handle: RoomHandle,
    frames: mpsc::Receiver<Vec<u8>>,
    close: watch::Receiver<Option<CloseReason>>,
}

struct Harness {
    rooms: Rooms,
    next_conn: ConnId,
    clients: Vec<Option<Client>>,
}

fn rights(slot: usize) -> Rights {
    if slot == 3 { Rights::Read } else { Rights::Write }
}

impl Harness {
    async fn connect(&mut self, slot: usize) {
        self.next_conn += 1;
        let conn = self.next_conn;
        let (frames_tx, frames) = mpsc::channel(OUTBOUND_QUEUE);
        let (close_tx, close) = watch::channel(None);
        let outbox = Outbox { frames: frames_tx, close: close_tx };
        let handle = self.rooms.join(DOC, conn, outbox, rights(slot)).await.expect("memory store loads");
        self.clients[slot] = Some(Client { conn, handle, frames, close });
    }

    async fn disconnect(&mut self, slot: usize) {
        if let Some(client) = self.clients[slot].take() {
            client.handle.send(Data::Leave { conn: client.conn }).await;
        }
    }

    /// Lets the room handle what was sent, then plays each client: reads its queue, checks
    /// what the relay sent, and reconnects it if the room closed it.
    async fn settle(&mut self) {
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        for slot in 0..SLOTS {
            let Some(client) = self.clients[slot].as_mut() else { continue };
            while let Ok(frame) = client.frames.try_recv() {
                check_outbound(&frame);
            }
            let closed = client.close.borrow().is_some() || !client.handle.is_alive();
            if closed {
                self.disconnect(slot).await;
                self.connect(slot).await;
            }
        }
    }

    /// Disconnects everyone and waits (on the paused clock) until the room has unloaded.
    async fn unload(&mut self) {
        let handle = self.clients.iter().flatten().next().map(|c| c.handle.clone());
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
        // Let a compaction spawned as the room ended finish.
        tokio::task::yield_now().await;
    }

    /// The document as a fresh reader sees it: sync step 2 for an empty state vector.
    async fn full_state(&mut self) -> Vec<u8> {
        let slot = 0;
        self.disconnect(slot).await;
        self.connect(slot).await;
        let client = self.clients[slot].as_mut().unwrap();
        let step1 = Message::Sync(SyncMessage::SyncStep1(StateVector::default()));
        client.handle.send(Data::Message { conn: client.conn, message: step1 }).await;
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
        let mut state = None;
        while let Ok(frame) = client.frames.try_recv() {
            if let Message::Sync(SyncMessage::SyncStep2(update)) = check_outbound(&frame) {
                state = Some(update);
            }
        }
        state.expect("the room answers sync step 1 with sync step 2")
    }
}

/// A frame the relay sends must decode with its own decoder, and an update in it as Yjs.
fn check_outbound(frame: &[u8]) -> Message {
    let message = match protocol::decode(frame) {
        Ok(message) => message,
        Err(e) => panic!("the relay sent a frame its decoder refuses ({e}): {frame:02x?}"),
    };
    if let Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) = &message
        && let Err(e) = Update::decode_v1(u)
    {
        panic!("the relay sent an update that does not decode ({e}): {u:02x?}");
    }
    message
}

/// The snapshot (state vector and delete set) of a fresh document holding `update`.
fn snapshot_of(update: &[u8]) -> Snapshot {
    let doc = Doc::new();
    doc.transact_mut().apply_update(Update::decode_v1(update).unwrap()).unwrap();
    doc.transact().snapshot()
}

async fn run(mut data: &[u8]) {
    let ctx = RoomContext { store: Arc::new(MemoryStore::new()), metrics: metrics(), idle: IDLE, compact_after: COMPACT_AFTER };
    let mut h = Harness { rooms: Rooms::new(ctx), next_conn: 0, clients: (0..SLOTS).map(|_| None).collect() };
    for slot in 0..SLOTS {
        h.connect(slot).await;
    }
    h.settle().await;

    let mut steps = 0;
    while let Some((&tag, rest)) = data.split_first() {
        data = rest;
        steps += 1;
        if steps > MAX_STEPS {
            break;
        }
        let slot = usize::from(tag & 3);
        match (tag >> 2) & 3 {
            0 | 1 => {
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
                    Ok(message) => {
                        let client = h.clients[slot].as_ref().unwrap();
                        client.handle.send(Data::Message { conn: client.conn, message }).await;
                    }
                    // The connection's reader closes on a frame it cannot decode.
                    Err(_) => {
                        h.disconnect(slot).await;
                        h.connect(slot).await;
                    }
                }
            }
            2 => {
                h.disconnect(slot).await;
                h.connect(slot).await;
            }
            _ => {
                h.unload().await;
                for slot in 0..SLOTS {
                    h.connect(slot).await;
                }
            }
        }
        h.settle().await;
    }

    // What the room holds now must be what the store gives back after an unload.
    let before = h.full_state().await;
    h.unload().await;
    let after = h.full_state().await;
    h.unload().await;
    assert_eq!(
        snapshot_of(&before),
        snapshot_of(&after),
        "the document reloaded from the store differs from the one the room held"
    );
}

fuzz_target!(|data: &[u8]| {
    runtime().block_on(run(data));
});
