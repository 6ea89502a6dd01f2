//! The room harness the `room` and `update` targets share: one relay room driven by a few connection slots.
//!
//! A room (`rooms::Rooms` + `room::Room`, on a `store::memory::MemoryStore`) runs on a tokio
//! current-thread runtime with a paused clock ([`runtime`]), so idle timers fire as soon as
//! the runtime has nothing else to do: unloads cost no real time and runs repeat exactly. Each
//! slot is one connection with its own rights and features ([`Setup::slots`]) and its own yrs
//! document, built only from what the relay sent it and kept across reconnects (as a device
//! keeps its copy). Checked here (by panicking), whatever the target sends:
//! - every frame the relay sends decodes (the progress header, custom message 100, aside),
//!   and every update in one decodes and applies to the slot's document ([`receive`]);
//! - the room unloads after its idle time once everyone left ([`Harness::unload`]);
//! - the room answers sync step 1 with sync step 2 ([`Harness::room_state`]);
//! - a document unloaded and reloaded from the store equals what the room held (state vector
//!   and delete set, [`Harness::check_reload`]).
//!
//! Used by the targets as `#[path = "common/room_harness.rs"] mod room_harness;`.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use liandong_core::access::Rights;
use liandong_relay::catch_up::MSG_PROGRESS;
use liandong_relay::metrics::Metrics;
use liandong_relay::protocol::{self, FrameError};
use liandong_relay::room::{CloseReason, ConnId, Data, Features, Outbox, RoomContext, RoomHandle};
use liandong_relay::rooms::Rooms;
use liandong_relay::store::memory::MemoryStore;
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, watch};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Snapshot, StateVector, Transact, Update};

/// Room idle time; the clock is paused, so this costs no real time.
pub const IDLE: Duration = Duration::from_secs(10);

/// What differs between the targets' rooms.
#[derive(Clone, Copy)]
pub struct Setup {
    /// The document's name.
    pub doc: &'static str,
    /// Capacity of each connection's outbound queue.
    pub queue: usize,
    /// Log entries before the room compacts.
    pub compact_after: usize,
    /// Each slot's rights and features. Slot 0 must not ask for `progress`: the room's
    /// answer to its sync step 1 is then one frame ([`Harness::room_state`]).
    pub slots: &'static [(Rights, Features)],
}

/// The runtime every run uses: current thread, time enabled, clock paused.
pub fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap())
}

fn metrics() -> Arc<Metrics> {
    static METRICS: OnceLock<Arc<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| Arc::new(Metrics::new())).clone()
}

struct Conn {
    conn: ConnId,
    handle: RoomHandle,
    frames: mpsc::Receiver<Bytes>,
    close: watch::Receiver<Option<CloseReason>>,
}

pub struct Harness {
    setup: Setup,
    rooms: Rooms,
    next_conn: ConnId,
    conns: Vec<Option<Conn>>,
    /// Each slot's own copy of the document, built only from what the relay sent it.
    pub docs: Vec<Doc>,
}

async fn let_run() {
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
}

impl Harness {
    /// A room on a fresh memory store, every slot connected, and the first frames played.
    pub async fn start(setup: Setup) -> Harness {
        let ctx = RoomContext {
            store: Arc::new(MemoryStore::new()),
            metrics: metrics(),
            idle: IDLE,
            compact_after: setup.compact_after,
        };
        let slots = setup.slots.len();
        let mut h = Harness {
            setup,
            rooms: Rooms::new(ctx),
            next_conn: 0,
            conns: (0..slots).map(|_| None).collect(),
            docs: (0..slots).map(|_| Doc::new()).collect(),
        };
        h.connect_all().await;
        h.settle().await;
        h
    }

    /// How many slots there are.
    pub fn slots(&self) -> usize {
        self.setup.slots.len()
    }

    async fn connect(&mut self, slot: usize) {
        self.next_conn += 1;
        let conn = self.next_conn;
        let (frames_tx, frames) = mpsc::channel(self.setup.queue);
        let (close_tx, close) = watch::channel(None);
        let outbox = Outbox { frames: frames_tx, close: close_tx };
        let (rights, features) = self.setup.slots[slot];
        let handle = self.rooms.join(self.setup.doc, conn, outbox, rights, features).await.expect("memory store loads");
        self.conns[slot] = Some(Conn { conn, handle, frames, close });
    }

    /// Connects every slot (in order).
    pub async fn connect_all(&mut self) {
        for slot in 0..self.slots() {
            self.connect(slot).await;
        }
    }

    async fn disconnect(&mut self, slot: usize) {
        if let Some(c) = self.conns[slot].take() {
            c.handle.send(Data::Leave { conn: c.conn }).await;
        }
    }

    pub async fn reconnect(&mut self, slot: usize) {
        self.disconnect(slot).await;
        self.connect(slot).await;
    }

    pub async fn send(&mut self, slot: usize, message: Message) {
        let c = self.conns[slot].as_ref().unwrap();
        c.handle.send(Data::Message { conn: c.conn, message }).await;
    }

    /// Sends `frame` as the connection's reader would: decoded, or the connection closes
    /// (and the slot reconnects).
    pub async fn send_frame(&mut self, slot: usize, frame: &[u8]) {
        match protocol::decode(frame) {
            Ok(message) => self.send(slot, message).await,
            Err(_) => self.reconnect(slot).await,
        }
    }

    /// Lets the room handle what was sent, then plays each client: reads its outbound queue
    /// ([`receive`] into its document), and reconnects a connection the room closed.
    pub async fn settle(&mut self) {
        let_run().await;
        for slot in 0..self.slots() {
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
    pub async fn unload(&mut self) {
        let handle = self.conns.iter().flatten().next().map(|c| c.handle.clone());
        for slot in 0..self.slots() {
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
    pub async fn room_state(&mut self) -> Vec<u8> {
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

    /// What the room holds must be what the store gives back after an unload; leaves the
    /// room unloaded.
    pub async fn check_reload(&mut self) {
        let before = self.room_state().await;
        self.unload().await;
        let after = self.room_state().await;
        self.unload().await;
        assert_eq!(snapshot_of(&before), snapshot_of(&after), "the document reloaded from the store differs");
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

/// The snapshot (state vector and delete set) of a fresh document holding `update`.
pub fn snapshot_of(update: &[u8]) -> Snapshot {
    let doc = Doc::new();
    doc.transact_mut().apply_update(Update::decode_v1(update).unwrap()).unwrap();
    doc.transact().snapshot()
}
