//! Test helpers: a relay on an ephemeral 127.0.0.1 port (in-process, or the real binary as
//! a child process; plain or HTTPS with a trial certificate), tokens, a minimal Yjs
//! WebSocket client (`ws://` or `wss://`), and a minimal HTTP(S) GET.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use liandong_core::model::Role;
use liandong_relay::auth::{Claims, Keys, now_secs};
use liandong_relay::commands::tls::TrialFiles;
use liandong_relay::config::ServeConfig;
use liandong_relay::metrics::Metrics;
use liandong_relay::server::Relay;
use liandong_relay::store::Store;
use liandong_relay::store::sqlite::{Durability, SqliteStore};
use liandong_relay::tls::TlsPaths;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{Connector, MaybeTlsStream, WebSocketStream, connect_async, connect_async_tls_with_config};
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
    /// With HTTPS: the trial certificate files the relay serves with.
    pub trial: Option<TrialFiles>,
    done: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestRelay {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut ServeConfig)) -> Self {
        Self::start_inner(None, adjust).await
    }

    /// A relay serving HTTPS with a trial certificate for `hosts` (plus localhost and
    /// 127.0.0.1), made by the `tls self-signed` command's function into the data folder.
    pub async fn start_tls(hosts: &[&str]) -> Self {
        Self::start_inner(Some(hosts), |_| {}).await
    }

    async fn start_inner(tls_hosts: Option<&[&str]>, adjust: impl FnOnce(&mut ServeConfig)) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let mut config = ServeConfig::new("127.0.0.1:0".parse().expect("addr"), data.path().to_path_buf());
        config.durability = Durability::Normal;
        let trial = tls_hosts.map(|hosts| trial_certificate(hosts, &data.path().join("tls")));
        config.tls = trial.as_ref().map(|t| TlsPaths { cert: t.cert.clone(), key: t.key.clone() });
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
        Self { addr, stop: Some(stop), data, keys, store, metrics, trial, done: Some(done) }
    }

    /// Seeds the demo county (directory, rosters, bulletins).
    pub async fn seed_demo(&self) {
        liandong_relay::commands::county::seed_demo(self.store.as_ref()).await.expect("seed");
    }

    /// The sync URL of `doc`: `wss://` with HTTPS, else `ws://`.
    pub fn url(&self, doc: &str, token: &str) -> String {
        let scheme = if self.trial.is_some() { "wss" } else { "ws" };
        format!("{scheme}://{}/sync/{}?token={}", self.addr, doc, token)
    }

    /// A client of `doc`, over `wss://` trusting the trial CA when the relay serves HTTPS.
    pub async fn connect(&self, doc: &str, token: &str) -> Client {
        let url = self.url(doc, token);
        match &self.trial {
            Some(trial) => Client::connect_tls(&url, tls_client_config(&trial.ca, &[])).await,
            None => Client::connect(&url).await,
        }
    }

    /// Two clients of `doc` edit at once and converge; a third joining later receives
    /// everything. Panics (failing the test) otherwise.
    pub async fn two_converge_and_a_late_joiner_catches_up(&self, doc: &str, token: &str) {
        let mut a = self.connect(doc, token).await;
        let mut b = self.connect(doc, token).await;
        a.synced().await;
        b.synced().await;

        a.append("得胜所通报：五一期间流窜诈骗。").await;
        b.append("大庙所补充：嫌疑车辆为白色面包车。").await;
        let both = |c: &Client| c.text().contains("流窜诈骗") && c.text().contains("白色面包车");
        assert!(a.pump_until(Duration::from_secs(5), both).await, "A has {:?}", a.text());
        assert!(b.pump_until(Duration::from_secs(5), both).await, "B has {:?}", b.text());
        assert_eq!(a.text(), b.text());

        let mut c = self.connect(doc, token).await;
        assert!(c.pump_until(Duration::from_secs(5), |c| c.text() == a.text()).await, "C has {:?}", c.text());
    }

    /// GET `path` over HTTPS (trusting the trial CA, as 127.0.0.1) or plain HTTP.
    pub async fn get(&self, path: &str) -> HttpResponse {
        match &self.trial {
            Some(trial) => https_get(self.addr, "127.0.0.1", path, tls_client_config(&trial.ca, &[])).await,
            None => http_get(self.addr, path).await,
        }
    }

    /// A token for an officer of `station` in `region` with `role`, valid for an hour.
    pub fn token(&self, role: Role, station: Option<&str>, region: Option<&str>) -> String {
        self.keys.issue(&claims(role, station, region, now_secs() + 3600))
    }

    /// Stops the relay gracefully and waits for it.
    pub async fn shutdown(mut self) {
        self.stop().await;
    }

    /// Stops the relay gracefully and waits for it, keeping its data folder.
    pub async fn stop(&mut self) {
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
        Self::start_with(data, port, &[])
    }

    /// Like [`RelayProcess::start`] with more arguments for `serve`; standard output is
    /// piped (`child.stdout`).
    pub fn start_with(data: &Path, port: u16, extra: &[&std::ffi::OsStr]) -> Self {
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_liandong-relay"))
            .args(["serve", "--addr", &addr.to_string(), "--durability", "full"])
            .arg("--data")
            .arg(data)
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(if extra.is_empty() { Stdio::null() } else { Stdio::piped() })
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
    /// Binary bytes received on the wire (compressed messages counted as they came).
    pub wire_bytes: usize,
    /// Compressed messages (feature `deflate`) received; each is inflated and handled.
    pub compressed: usize,
    /// Inflates the compressed runs of catch-ups (feature `deflate`).
    run: liandong_relay::deflate::RunInflater,
}

/// How long the helpers wait for an answer of the relay before failing the test.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(5);

impl Client {
    /// Connects and sends sync step 1.
    pub async fn connect(url: &str) -> Self {
        Self::connect_with(url, Doc::new()).await
    }

    /// Connects over `wss://` with a TLS client configuration (see [`tls_client_config`]).
    pub async fn connect_tls(url: &str, tls: Arc<rustls::ClientConfig>) -> Self {
        let (ws, _) =
            connect_async_tls_with_config(url, None, true, Some(Connector::Rustls(tls))).await.expect("connect wss");
        Self::started(ws, Doc::new()).await
    }

    /// Connects with an existing document (e.g. one edited offline).
    pub async fn connect_with(url: &str, doc: Doc) -> Self {
        let (ws, _) = connect_async(url).await.expect("connect");
        Self::started(ws, doc).await
    }

    /// Wraps a connected socket and sends sync step 1.
    async fn started(ws: WebSocketStream<MaybeTlsStream<TcpStream>>, doc: Doc) -> Self {
        let mut client = Self {
            doc,
            ws,
            denied: Vec::new(),
            awareness: Vec::new(),
            closed: None,
            kinds: Vec::new(),
            relay_svs: Vec::new(),
            wire_bytes: 0,
            compressed: 0,
            run: liandong_relay::deflate::RunInflater::default(),
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

    /// Reads until the relay has answered this connection: its sync step 1 (answered here
    /// with what the relay lacks) and its sync step 2 (everything the relay had). Panics
    /// after 5 s. (A device with feature `progress` lacking a lot gets pieces instead of
    /// one sync step 2; do not use this for it.)
    pub async fn synced(&mut self) {
        let done = self.pump_until(ANSWER_WITHIN, |c| c.kinds.contains(&"step1") && c.kinds.contains(&"step2")).await;
        assert!(done, "the relay did not answer the connection; received {:?}", self.kinds);
    }

    /// One round trip through the document's room: sends sync step 1 and reads until the
    /// relay's sync step 2 answers it. The room handles a connection's messages one after
    /// the other, storing an update before it takes the next, so by then the relay has
    /// handled and stored everything this client sent before (or refused it), and this
    /// client has read everything the room sent it before. Works for a device that may
    /// only read and without feature `ack`. Panics after 5 s.
    pub async fn round_trip(&mut self) {
        self.synced().await;
        let answers = |c: &Self| c.kinds.iter().filter(|k| **k == "step2").count();
        let before = answers(self);
        let sv = self.state_vector();
        self.send(Message::Sync(SyncMessage::SyncStep1(sv))).await;
        let done = self.pump_until(ANSWER_WITHIN, |c| answers(c) > before).await;
        assert!(done, "the relay did not answer sync step 1; received {:?}", self.kinds);
    }

    /// Reads for `d`, handling everything that arrives. Only for "nothing more comes"
    /// checks, after a condition (e.g. [`Self::round_trip`]) proved the client up to date.
    pub async fn settle(&mut self, d: Duration) {
        self.pump_until(d, |_| false).await;
    }

    async fn handle(&mut self, bytes: &[u8]) {
        self.wire_bytes += bytes.len();
        let inflated;
        let bytes = if liandong_relay::deflate::is_compressed(bytes) {
            self.compressed += 1;
            let inflated_frame = if bytes.first() == Some(&liandong_relay::deflate::MSG_DEFLATE_RUN) {
                self.run.inflate(bytes, 64 << 20)
            } else {
                liandong_relay::deflate::inflate(bytes, 64 << 20)
            };
            match inflated_frame {
                Ok(plain) => {
                    inflated = plain;
                    &inflated[..]
                }
                Err(_) => return,
            }
        } else {
            bytes
        };
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

/// The storage key of document `doc_id` of the test county (`demo`, the county of
/// [`claims`]).
pub fn stored_key(doc_id: &str) -> String {
    liandong_relay::store::keys::key("demo", &doc_id.parse().expect("document id"))
}

/// The text `"t"` of `doc_id` as stored in `data` (read directly from the database).
pub async fn stored_text(data: &Path, doc_id: &str) -> String {
    let store = SqliteStore::open(data, Durability::Normal, None).expect("store");
    let stored = store.load(&stored_key(doc_id)).await.expect("load");
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

/// A trial certificate for `hosts` in `dir`, made as `liandong-relay tls self-signed` does.
pub fn trial_certificate(hosts: &[&str], dir: &Path) -> TrialFiles {
    let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
    liandong_relay::commands::tls::self_signed(&hosts, 30, dir).expect("trial certificate")
}

/// A TLS client trusting only the CA certificates of `ca` (PEM), offering `alpn`.
pub fn tls_client_config(ca: &Path, alpn: &[&[u8]]) -> Arc<rustls::ClientConfig> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(ca).expect("read CA") {
        roots.add(cert.expect("CA certificate")).expect("add CA");
    }
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(config)
}

/// An HTTP response read to its end.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The ALPN protocol agreed, over TLS.
    pub alpn: Option<Vec<u8>>,
}

impl HttpResponse {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Asks the relay at `addr` for `/metrics` until it has the line `line` (e.g.
/// `liandong_relay_connections 0`: every connection closed and handled). Panics after 5 s.
pub async fn wait_for_metric(addr: SocketAddr, line: &str) {
    let deadline = tokio::time::Instant::now() + ANSWER_WITHIN;
    loop {
        let metrics = http_get(addr, "/metrics").await.text();
        if metrics.lines().any(|l| l == line) {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "no {line:?} in /metrics:\n{metrics}");
        tokio::time::sleep(Duration::from_millis(20)).await; // polling interval
    }
}

/// A plain HTTP/1.1 GET over a TCP socket (keeps the tests free of an HTTP client crate).
pub async fn http_get(addr: SocketAddr, path: &str) -> HttpResponse {
    http_get_with(addr, path, "").await
}

/// A plain HTTP/1.1 GET with more header lines (`extra`, each ending in `\r\n`).
pub async fn http_get_with(addr: SocketAddr, path: &str, extra: &str) -> HttpResponse {
    let stream = TcpStream::connect(addr).await.expect("connect");
    get_over(stream, &addr.to_string(), path, extra).await
}

/// An HTTPS GET to `addr`, verifying the certificate for `server_name` with `tls`.
/// Panics if the handshake fails; see [`tls_handshake`] to see why it failed.
pub async fn https_get(
    addr: SocketAddr,
    server_name: &str,
    path: &str,
    tls: Arc<rustls::ClientConfig>,
) -> HttpResponse {
    let stream = tls_handshake(addr, server_name, tls).await.expect("TLS handshake");
    let alpn = stream.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
    let mut response = get_over(stream, server_name, path, "").await;
    response.alpn = alpn;
    response
}

/// A TLS connection to `addr`, verifying the certificate for `server_name`.
pub async fn tls_handshake(
    addr: SocketAddr,
    server_name: &str,
    tls: Arc<rustls::ClientConfig>,
) -> std::io::Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let name = rustls::pki_types::ServerName::try_from(server_name.to_owned()).expect("server name");
    let tcp = TcpStream::connect(addr).await?;
    tokio_rustls::TlsConnector::from(tls).connect(name, tcp).await
}

/// The bytes a plain HTTP GET to `addr` receives within 5 s (for a port that may not speak
/// plain HTTP).
pub async fn http_get_raw(addr: SocketAddr, path: &str) -> Vec<u8> {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let host = addr.to_string();
    tokio::time::timeout(Duration::from_secs(5), get_bytes(stream, &host, path, "")).await.unwrap_or_default()
}

async fn get_bytes(mut stream: impl AsyncRead + AsyncWrite + Unpin, host: &str, path: &str, extra: &str) -> Vec<u8> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n");
    let _ = stream.write_all(request.as_bytes()).await;
    let mut raw = Vec::new();
    // A TLS peer may end without close_notify after `Connection: close`; what came is enough.
    let _ = stream.read_to_end(&mut raw).await;
    raw
}

async fn get_over(stream: impl AsyncRead + AsyncWrite + Unpin, host: &str, path: &str, extra: &str) -> HttpResponse {
    let raw = get_bytes(stream, host, path, extra).await;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    HttpResponse { status, headers, body, alpn: None }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).expect("chunk size");
        if size == 0 {
            break;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
    body
}
