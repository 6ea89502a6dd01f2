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
//! runtime has nothing else to do: runs are fast and repeatable. The harness (slots, playing
//! the clients, unload and reload) is `common/room_harness.rs`, shared with the `update`
//! target; this file holds the slots' setup, the input format and the catch-up check.
#![no_main]

#[path = "common/room_harness.rs"]
mod room_harness;

use liandong_core::access::Rights;
use liandong_relay::room::Features;
use libfuzzer_sys::fuzz_target;
use room_harness::{Harness, Setup, runtime, snapshot_of};
use yrs::sync::{Message, SyncMessage};
use yrs::{Doc, ReadTxn, StateVector, Text, Transact};

const MAX_STEPS: usize = 64;

/// Slot 0: plain (no features), 1: `progress,ack`, 2: `ack`, 3: read-only with `progress`.
const ROOM: Setup = Setup {
    doc: "fuzz-doc",
    // Generous enough for a catch-up in pieces, small enough that a flood overflows it.
    queue: 32,
    // Log entries before the room compacts: small, so compaction happens often.
    compact_after: 3,
    slots: &[
        (Rights::Write, Features { progress: false, ack: false }),
        (Rights::Write, Features { progress: true, ack: true }),
        (Rights::Write, Features { progress: false, ack: true }),
        (Rights::Read, Features { progress: true, ack: false }),
    ],
};

/// Whether `have` covers `want` (every client's clock at least as far).
fn covers(have: &StateVector, want: &StateVector) -> bool {
    want.iter().all(|(client, clock)| have.get(client) >= *clock)
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
    let mut h = Harness::start(ROOM).await;

    for _ in 0..MAX_STEPS {
        let Some((&tag, rest)) = data.split_first() else { break };
        data = rest;
        let slot = usize::from(tag & 3);
        match (tag >> 2) & 7 {
            4 => h.reconnect(slot).await,
            5 => {
                h.unload().await;
                h.connect_all().await;
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
                // The reader closes on a bad frame (the slot reconnects).
                h.send_frame(slot, frame).await;
            }
        }
        h.settle().await;
    }

    // Every client catches up: sync step 1 with its own state vector, up to 3 rounds.
    let room = snapshot_of(&h.room_state().await).state_map;
    for slot in 0..h.slots() {
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
    h.check_reload().await;
}

fuzz_target!(|data: &[u8]| {
    runtime().block_on(run(data));
});
