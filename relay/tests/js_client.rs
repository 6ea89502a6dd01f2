//! Interop with the reference JavaScript client (npm `yjs` + `y-websocket`): text and map
//! edits travel both ways through the relay.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{Client, TestRelay, desheng_officer, map_insert};
use yrs::sync::{Message, SyncMessage};
use yrs::{Map, Transact};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[tokio::test]
async fn the_reference_javascript_client_syncs_both_ways() {
    let root = repo_root();
    assert!(
        root.join("node_modules/y-websocket").exists(),
        "npm packages missing: run scripts/setup.sh (it installs yjs and y-websocket)"
    );
    let relay = TestRelay::start().await;
    let token = desheng_officer(&relay);
    let room = "region/desheng/bulletins";
    let mut rust = Client::connect(&relay.url(room, &token)).await;
    rust.synced().await;
    rust.append("from-rust").await;
    let update = map_insert(&rust.doc, "rust", "1");
    rust.send(Message::Sync(SyncMessage::Update(update))).await;

    let node = tokio::process::Command::new("node")
        .arg(root.join("relay/tests/js/interop.mjs"))
        .arg(format!("ws://{}/sync", relay.addr))
        .arg(room)
        .arg(&token)
        .current_dir(&root)
        .output();
    let out = node.await.expect("run node");
    assert!(
        out.status.success(),
        "node failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json line");
    assert_eq!(seen["sawFromRust"], "from-rust");
    assert_eq!(seen["final"], "from-rust+from-js");
    assert_eq!(seen["map"], serde_json::json!({"rust": "1", "js": "2"}));

    assert!(rust.pump_until(Duration::from_secs(5), |c| c.text() == "from-rust+from-js").await, "{:?}", rust.text());
    let m = rust.doc.get_or_insert_map("m");
    let js = m.get(&rust.doc.transact(), "js").map(|v| v.to_string(&rust.doc.transact()));
    assert_eq!(js.as_deref(), Some("2"));
}
