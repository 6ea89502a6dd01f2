//! Bringing a device that is far behind up to date in pieces, so a slow rural link shows
//! progress and never looks dead (docs/architecture.md "How it moves", "Slow links").
//!
//! A device that asks for it (feature `progress`) and lacks more than [`CHUNK_THRESHOLD`]
//! bytes is answered, instead of one sync step 2, with:
//! 1. a progress header: custom message [`MSG_PROGRESS`] carrying two lib0 varuints, the
//!    bytes and the number of pieces that follow;
//! 2. the stored log entries it lacks, each trimmed to what it lacks and sent as an
//!    update message (at most [`crate::store::BUCKET_BYTES`] each after compaction);
//! 3. a sync step 2 with whatever remains (at least the delete set).
//!
//! A device that also asked for `deflate` gets the pieces and the final step 2 compressed
//! as one run ([`crate::deflate::Run`]), and the header counts the compressed bytes: what
//! it waits for.
//!
//! The device then sends sync step 1 again and gets the exact remainder, so nothing
//! depends on the estimate of what the pieces covered.

use yrs::encoding::write::Write;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::{Encode, Encoder, EncoderV1};
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::protocol;

/// Differences up to this size are sent as one sync step 2 (64 KiB).
pub const CHUNK_THRESHOLD: usize = 64 * 1024;
/// Tag of the progress header message (custom y-protocol message type).
pub const MSG_PROGRESS: u8 = 100;

/// The frames that bring a device with state vector `sv` up to date with `doc`, given the
/// document's stored log `entries` (oldest first): progress header, pieces, final step 2.
/// With `deflate`, pieces and the final step 2 are compressed as one run
/// ([`crate::deflate::Run`]) and the header's byte count is of the compressed frames.
pub fn frames(doc: &Doc, entries: &[Vec<u8>], sv: &StateVector, deflate: bool) -> Vec<Vec<u8>> {
    let mut known = sv.clone();
    let mut pieces = Vec::new();
    let encoded_known = |known: &StateVector| known.encode_v1();
    for entry in entries {
        let Ok(update) = Update::decode_v1(entry) else { continue };
        if !update.extends(&known) {
            continue;
        }
        match yrs::diff_updates_v1(entry, &encoded_known(&known)) {
            Ok(piece) if piece.as_slice() != Update::EMPTY_V1 => pieces.push(protocol::update(piece)),
            _ => {}
        }
        // What the device will have contiguously after this piece.
        for (client, ranges) in update.insertions(true).iter() {
            for range in ranges.iter() {
                if range.start <= known.get(client) && range.end > known.get(client) {
                    known.set_max(*client, range.end);
                }
            }
        }
    }
    let rest = doc.transact().encode_state_as_update_v1(&known);
    let mut last = protocol::encode(&Message::Sync(SyncMessage::SyncStep2(rest)));
    if deflate {
        // One run for the whole catch-up: a piece refers back to the pieces before it.
        let mut run = crate::deflate::Run::new();
        for frame in pieces.iter_mut().chain(std::iter::once(&mut last)) {
            match run.frame(frame) {
                Some(compressed) => *frame = compressed,
                // The compressor failed: the run cannot go on; the rest goes out plain
                // (frames of a run already made stay valid, they come first).
                None => break,
            }
        }
    }
    let total: usize = pieces.iter().map(Vec::len).sum::<usize>() + last.len();
    let mut header = EncoderV1::new();
    header.write_var(total as u64);
    header.write_var(pieces.len() as u64 + 1);
    let mut out = Vec::with_capacity(pieces.len() + 2);
    out.push(protocol::encode(&Message::Custom(MSG_PROGRESS, header.to_vec())));
    out.extend(pieces);
    out.push(last);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{GetString, Text};

    fn apply(doc: &Doc, frame: &[u8]) {
        match Message::decode_v1(frame) {
            Ok(Message::Sync(SyncMessage::Update(u) | SyncMessage::SyncStep2(u))) => {
                doc.transact_mut().apply_update(Update::decode_v1(&u).expect("update")).expect("apply");
            }
            Ok(Message::Custom(MSG_PROGRESS, _)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn pieces_bring_a_device_up_to_date_and_skip_what_it_has() {
        let relay = Doc::new();
        let t = relay.get_or_insert_text("t");
        let mut entries = Vec::new();
        for i in 0..50 {
            let mut txn = relay.transact_mut();
            let len = t.len(&txn);
            t.insert(&mut txn, len, &format!("第{i}条通报内容；"));
            if i % 7 == 3 {
                let first = t.get_string(&txn).chars().next().map_or(0, char::len_utf8) as u32;
                t.remove_range(&mut txn, 0, first); // one character (offsets are in bytes)
            }
            entries.push(txn.encode_update_v1());
        }
        // The device has the first 20 entries.
        let device = Doc::new();
        for e in &entries[..20] {
            device.transact_mut().apply_update(Update::decode_v1(e).expect("u")).expect("apply");
        }
        let sv = device.transact().state_vector();
        let first = device.transact().encode_state_as_update_v1(&StateVector::default());
        let text = |d: &Doc| d.get_or_insert_text("t").get_string(&d.transact());
        for deflate in [false, true] {
            let device = Doc::new();
            device.transact_mut().apply_update(Update::decode_v1(&first).expect("u")).expect("apply");
            let frames = frames(&relay, &entries, &sv, deflate);
            assert_eq!(frames.len(), 2 + 30, "header, 30 lacking entries, final step 2");
            let (runs, plain): (Vec<Vec<u8>>, Vec<Vec<u8>>) =
                frames.into_iter().partition(|f| crate::deflate::is_compressed(f));
            assert_eq!((runs.len(), plain.len()), if deflate { (31, 1) } else { (0, 32) }, "only the header plain");
            for f in plain.iter().chain(&crate::deflate::tests::inflate_runs(&runs)) {
                apply(&device, f);
            }
            assert_eq!(text(&device), text(&relay), "deflate: {deflate}");
        }
    }
}
