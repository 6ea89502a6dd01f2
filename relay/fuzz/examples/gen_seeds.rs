//! Writes the seed corpus: `cargo run --example gen_seeds` from relay/fuzz (writes into
//! corpus/frame and corpus/room; the files are checked in, so this is only needed to change
//! them).
//!
//! frame seeds: one valid frame each (sync step 1 with an empty state vector, sync step 2,
//! an update made by yrs inserting text, an awareness update, an awareness query, an auth
//! message). room seeds: those frames laid out as `room` steps (see fuzz_targets/room.rs).

use std::fs;
use std::path::Path;

use liandong_relay::protocol;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, ReadTxn, StateVector, Text, Transact};

fn main() {
    // An update: client 1 inserts text, then deletes part of it; client 2 appends.
    let doc = Doc::with_client_id(1);
    let text = doc.get_or_insert_text("notes");
    let insert = {
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, 0, "联动 hello");
        txn.encode_update_v1()
    };
    let delete = {
        let mut txn = doc.transact_mut();
        text.remove_range(&mut txn, 0, 3); // "联" (offsets are in UTF-8 bytes)
        txn.encode_update_v1()
    };
    let doc2 = Doc::with_client_id(2);
    let text2 = doc2.get_or_insert_text("notes");
    doc2.transact_mut().apply_update(yrs::Update::decode_v1(&insert).unwrap()).unwrap();
    let append = {
        let mut txn = doc2.transact_mut();
        let len = text2.len(&txn);
        text2.insert(&mut txn, len, " world");
        txn.encode_update_v1()
    };
    assert_eq!(text2.get_string(&doc2.transact()), "联动 hello world"); // doc2 has not seen the delete
    let full = doc.transact().encode_state_as_update_v1(&StateVector::default());

    let mut clients = std::collections::HashMap::new();
    clients.insert(
        yrs::block::ClientID::new(7),
        AwarenessUpdateEntry { clock: 1, json: r#"{"user":{"name":"警员 7"}}"#.into() },
    );
    let awareness = Message::Awareness(AwarenessUpdate { clients: clients.clone() });
    let mut gone = clients;
    gone.get_mut(&yrs::block::ClientID::new(7)).unwrap().clock = 2;
    gone.get_mut(&yrs::block::ClientID::new(7)).unwrap().json = "null".into();
    let awareness_gone = Message::Awareness(AwarenessUpdate { clients: gone });

    let step1 = protocol::encode(&Message::Sync(SyncMessage::SyncStep1(StateVector::default())));
    // Sync step 1 with an empty state vector is [0, 0, 1, 0] (the state vector is a
    // length-prefixed buffer holding varint 0); [0, 0, 0] (an empty buffer) does not decode.
    assert_eq!(step1, [0, 0, 1, 0]);
    assert!(protocol::decode(&[0, 0, 0]).is_err());
    let step1_doc = protocol::sync_step1(&Awareness::new(doc));
    let frames: Vec<(&str, Vec<u8>)> = vec![
        ("step1-empty", step1),
        ("step1-doc", step1_doc),
        ("step2-full", protocol::encode(&Message::Sync(SyncMessage::SyncStep2(full)))),
        ("update-insert", protocol::update(insert)),
        ("update-delete", protocol::update(delete)),
        ("update-append", protocol::update(append)),
        ("awareness", protocol::encode(&awareness)),
        ("awareness-gone", protocol::encode(&awareness_gone)),
        ("awareness-query", protocol::encode(&Message::AwarenessQuery)),
        ("auth-denied", protocol::encode(&Message::Auth(Some(protocol::READ_ONLY_REASON.into())))),
    ];
    for (_, frame) in &frames {
        protocol::decode(frame).expect("seed frames are valid");
    }

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    fs::create_dir_all(dir.join("frame")).unwrap();
    fs::create_dir_all(dir.join("room")).unwrap();
    for (name, frame) in &frames {
        fs::write(dir.join("frame").join(format!("seed-{name}")), frame).unwrap();
    }

    // room steps: (tag, frame). Tag: slot in the low 2 bits, op in the next 2.
    let step = |slot: u8, frame: &[u8]| {
        let mut out = vec![slot & 3];
        out.extend_from_slice(&(frame.len() as u16).to_le_bytes());
        out.extend_from_slice(frame);
        out
    };
    let get = |name: &str| frames.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    let leave = |slot: u8| vec![(4 << 2) | (slot & 3)];
    let reload = vec![5 << 2];
    let big = |slot: u8, b: u8| vec![(6 << 2) | (slot & 3), b];
    let seeds: Vec<(&str, Vec<Vec<u8>>)> = vec![
        // A writer edits, another syncs and appends, a third asks for everything.
        (
            "edit-sync",
            vec![
                step(0, &get("update-insert")),
                step(1, &get("step1-empty")),
                step(1, &get("update-append")),
                step(0, &get("update-delete")),
                step(2, &get("step1-doc")),
            ],
        ),
        // The read-only slot tries to change the document, then syncs.
        (
            "read-only",
            vec![step(3, &get("update-insert")), step(3, &get("step1-empty")), step(3, &get("update-insert"))],
        ),
        // Awareness: set, query, leave (the room removes the state), reset.
        (
            "awareness",
            vec![
                step(1, &get("awareness")),
                step(2, &get("awareness-query")),
                leave(1),
                step(2, &get("awareness")),
                step(2, &get("awareness-gone")),
            ],
        ),
        // Edits, compaction (after 3 log entries), an unload and reload, more edits.
        (
            "reload",
            vec![
                step(0, &get("update-insert")),
                step(0, &get("update-delete")),
                step(1, &get("update-append")),
                reload.clone(),
                step(2, &get("step2-full")),
                step(0, &get("auth-denied")),
            ],
        ),
        // Large edits (past the 64 KiB catch-up threshold), compaction, then the `progress`
        // slots (1 and 3) and a reconnecting plain slot ask for everything.
        (
            "catch-up",
            vec![
                big(0, 0x70),
                step(2, &get("update-insert")),
                big(2, 0x31),
                step(0, &get("update-append")),
                step(1, &get("step1-empty")),
                step(3, &get("step1-empty")),
                leave(0),
                reload.clone(),
                step(1, &get("step1-doc")),
            ],
        ),
        // An update whose dependencies are missing (pending), then the missing part.
        ("pending", vec![step(1, &get("update-append")), step(0, &get("update-insert"))]),
    ];
    for (name, steps) in seeds {
        fs::write(dir.join("room").join(format!("seed-{name}")), steps.concat()).unwrap();
    }
    println!("wrote seeds into {}", dir.display());
}
