//! Test helpers: a relay on an ephemeral 127.0.0.1 port (in-process, or the real binary as
//! a child process), tokens, and a minimal Yjs WebSocket client.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use liandong_core::model::Role;
use liandong_relay::auth::{Claims, Keys, now_secs};
use liandong_relay::config::ServeConfig;
use liandong_relay::metrics::Metrics;
use liandong_relay::server::Relay;
use liandong_relay::store::Store;
use liandong_relay::store::sqlite::{Durability, SqliteStore};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, Map, ReadTxn, StateVector, Text, Transact, Update};

/// A relay running in this test's runtime; stopped when dropped.
pub struct TestRelay {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    pub data: tempfile::TempDir,
    pub keys: Keys,
    pub store: Arc<dyn Store>,
    pub metrics: Arc<Metrics>,
    done: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestRelay {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut ServeConfig)) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut config = ServeConfig::new("127.0.0.1:0".parse().expect("addr"), data.path().to_path_buf());
        config.durability = Durability::Normal;
        adjust(&mut config);
        let metrics = Arc::new(Metrics::new());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(data.path(), config.durability, None).expect("store"));
        let relay = Relay::bind_with_store(config, store.clone(), metrics.clone()).await.expect("bind");
        let addr = relay.local_addr().expect("addr");
        let keys = relay.keys().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(relay.serve(async move {
            let _ = stopped.await;
        }));
        Self { addr, stop: Some(stop), data, keys, store, metrics, done: Some(done) }
    }

    /// Seeds the demo county (directory, rosters, bulletins).
    pub async fn seed_demo(&self) {
        liandong_relay::commands::county::seed_demo(self.store.as_ref()).await.expect("seed");
    }

    pub fn url(&self, doc: &str, token: &str) -> String {
        format!("ws://{}/sync/{}?token={}", self.addr, doc, token)
    }

    /// A token for an officer of `station` in `region` with `role`, valid for an hour.
    pub fn token(&self, role: Role, station: Option<&str>, region: Option<&str>) -> String {
        self.keys.issue(&claims(role, station, region, now_secs() + 3600))
    }

    /// Stops the relay gracefully and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(done) = self.done.take() {
            let _ = done.await;
        }
    }
}

pub fn claims(role: Role, station: Option<&str>, region: Option<&str>, exp: u64) -> Claims {
    Claims {
        sub: format!("test-{role:?}-{station:?}"),
        badge: "000000".into(),
        name: "测试".into(),
        role,
        county: "demo".into(),
        station: station.map(Into::into),
        station_name: None,
        region: region.map(Into::into),
        region_name: None,
        iat: now_secs(),
        exp,
    }
}

/// An officer of Desheng station in the Desheng region (writes the region's bulletins).
pub fn desheng_officer(relay: &TestRelay) -> String {
    relay.token(Role::Officer, Some("desheng"), Some("desheng"))
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The relay binary as a child process on a free port, with its own data folder.
pub struct RelayProcess {
    pub child: Child,
    pub addr: SocketAddr,
    pub data: PathBuf,
}

impl RelayProcess {
    /// Starts `liandong-relay serve` on `data` and waits until it listens.
    pub fn start(data: &Path, port: u16) -> Self {
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
            .args(["serve", "--addr", &addr.to_string(), "--durability", "full"])
            .arg("--data")
            .arg(data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn relay");
        for _ in 0..200 {
            if std::net::TcpStream::connect(addr).is_ok() {
                return Self { child, addr, data: data.to_path_buf() };
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("relay did not start on {addr}");
    }

    /// Sends `signal` (e.g. "TERM", "KILL") and waits for the process to end.
    pub fn signal(&mut self, signal: &str) -> std::process::ExitStatus {
        Command::new("kill").arg(format!("-{signal}")).arg(self.child.id().to_string()).status().expect("kill");
        self.child.wait().expect("wait")
    }

    pub fn url(&self, doc: &str, token: &str) -> String {
        format!("ws://{}/sync/{}?token={}", self.addr, doc, token)
    }

    /// A token signed with the key in this relay's data folder.
    pub fn token(&self, role: Role, station: Option<&str>, region: Option<&str>) -> String {
        Keys::load_or_create(&self.data).expect("keys").issue(&claims(role, station, region, now_secs() + 3600))
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A Yjs peer over a real WebSocket: its own `Doc`, speaking the y-websocket protocol.
pub struct Client {
    pub doc: Doc,
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Reasons of auth "permission denied" messages received.
    pub denied: Vec<String>,
    /// Awareness updates received (client ids and whether the state was removed).
    pub awareness: Vec<(u64, bool)>,
    /// The close frame received, if any.
    pub closed: Option<(u16, String)>,
    /// Kinds of the messages received, in order ("step1", "step2", "update", "progress", ...).
    pub kinds: Vec<&'static str>,
    /// State vectors received in sync step 1 messages.
    pub relay_svs: Vec<StateVector>,
}

impl Client {
    /// Connects and sends sync step 1.
    pub async fn connect(url: &str) -> Self {
        Self::connect_with(url, Doc::new()).await
    }

    /// Connects with an existing document (e.g. one edited offline).
    pub async fn connect_with(url: &str, doc: Doc) -> Self {
        let (ws, _) = connect_async(url).await.expect("connect");
        let mut client = Self {
            doc,
            ws,
            denied: Vec::new(),
            awareness: Vec::new(),
            closed: None,
            kinds: Vec::new(),
            relay_svs: Vec::new(),
        };
        let sv = client.doc.transact().state_vector();
        client.send(Message::Sync(SyncMessage::SyncStep1(sv))).await;
        client
    }

    pub async fn send(&mut self, msg: Message) {
        let _ = self.ws.send(WsMessage::Binary(msg.encode_v1().into())).await;
    }

    pub async fn send_raw(&mut self, frame: WsMessage) {
        let _ = self.ws.send(frame).await;
    }

    /// Inserts `text` at the end of the shared text `"t"` and sends the update.
    pub async fn append(&mut self, text: &str) {
        let update = append_offline(&self.doc, text);
        self.send(Message::Sync(SyncMessage::Update(update))).await;
    }

    pub fn text(&self) -> String {
        let t = self.doc.get_or_insert_text("t");
        t.get_string(&self.doc.transact())
    }

    /// Reads frames, applying sync messages and answering sync step 1, until `done` holds
    /// or `timeout` passes. Returns whether `done` held.
    pub async fn pump_until(&mut self, timeout: Duration, done: impl Fn(&Self) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while !done(self) {
            let frame = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Ok(Some(Ok(frame))) => frame,
                Ok(Some(Err(_))) | Ok(None) => return done(self),
                Err(_) => return done(self),
            };
            match frame {
                WsMessage::Binary(bytes) => self.handle(&bytes).await,
                WsMessage::Close(frame) => {
                    self.closed =
                        Some(frame.map_or((1005, String::new()), |f| (u16::from(f.code), f.reason.to_string())));
                }
                _ => {}
            }
        }
        true
    }

    /// Reads for `d`, handling everything that arrives.
    pub async fn settle(&mut self, d: Duration) {
        self.pump_until(d, |_| false).await;
    }

    async fn handle(&mut self, bytes: &[u8]) {
        let Ok(msg) = Message::decode_v1(bytes) else { return };
        self.kinds.push(match &msg {
            Message::Sync(SyncMessage::SyncStep1(_)) => "step1",
            Message::Sync(SyncMessage::SyncStep2(_)) => "step2",
            Message::Sync(SyncMessage::Update(_)) => "update",
            Message::Custom(100, _) => "progress",
            Message::Awareness(_) => "awareness",
            _ => "other",
        });
        match msg {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                self.relay_svs.push(sv.clone());
                let diff = self.doc.transact().encode_state_as_update_v1(&sv);
                self.send(Message::Sync(SyncMessage::SyncStep2(diff))).await;
            }
            Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) => {
                if let Ok(update) = Update::decode_v1(&u) {
                    let _ = self.doc.transact_mut().apply_update(update);
                }
            }
            Message::Auth(Some(reason)) => self.denied.push(reason),
            Message::Awareness(update) => {
                for (client, entry) in update.clients {
                    self.awareness.push((client.get(), &*entry.json == "null"));
                }
            }
            _ => {}
        }
    }

    pub fn state_vector(&self) -> StateVector {
        self.doc.transact().state_vector()
    }

    /// Drops the TCP connection without a close frame.
    pub fn drop_connection(self) -> Doc {
        let doc = self.doc.clone();
        drop(self.ws);
        doc
    }

    pub async fn close(mut self) {
        let _ = self
            .ws
            .close(Some(tokio_tungstenite::tungstenite::protocol::CloseFrame {
                code: CloseCode::Normal,
                reason: "".into(),
            }))
            .await;
    }
}

/// Edits `doc` without any connection; returns the update.
pub fn append_offline(doc: &Doc, text: &str) -> Vec<u8> {
    let t = doc.get_or_insert_text("t");
    let mut txn = doc.transact_mut();
    let len = t.len(&txn);
    t.insert(&mut txn, len, text);
    txn.encode_update_v1()
}

/// The text `"t"` of `doc_id` as stored in `data` (read directly from the database).
pub async fn stored_text(data: &Path, doc_id: &str) -> String {
    let store = SqliteStore::open(data, Durability::Normal, None).expect("store");
    let stored = store.load(doc_id).await.expect("load");
    let doc = Doc::new();
    {
        let mut txn = doc.transact_mut();
        for u in stored.updates {
            txn.apply_update(Update::decode_v1(&u).expect("decode")).expect("apply");
        }
    }
    let t = doc.get_or_insert_text("t");

    t.get_string(&doc.transact())
}

pub fn map_insert(doc: &Doc, key: &str, value: &str) -> Vec<u8> {
    let m = doc.get_or_insert_map("m");
    let mut txn = doc.transact_mut();
    m.insert(&mut txn, key, value);
    txn.encode_update_v1()
}
