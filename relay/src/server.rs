//! The HTTP side of the relay: routes, access check at the WebSocket upgrade, the built
//! app, and graceful shutdown, over plain HTTP or, with a certificate, HTTPS (`wss://`).
//!
//! Routes:
//! - `GET /sync/{document id}`: WebSocket upgrade into the document's room, after checking
//!   the token (401 when missing, malformed, forged or expired) and the right to read the
//!   document (403), or 404 for a path that names no document.
//! - `GET /sync/mux`: one WebSocket for all of a device's documents, each on a channel
//!   ([`crate::mux`]); the token is checked at the upgrade, the right to each document
//!   when it is opened.
//! - `GET /session`: 200 with the token's claims, or 401 with why it is refused.
//! - `GET /healthz`: `ok` while the relay serves.
//! - `GET /metrics`: Prometheus text.
//! - anything else: a file of the built app, or `index.html` for the app's own routes,
//!   with the cache headers of [`crate::app_files`].
//!
//! The four routes above answer with `Cache-Control: no-store`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use liandong_core::DocumentId;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::auth::access::Access;
use crate::auth::{self, Keys, SUBPROTOCOL};
use crate::config::ServeConfig;
use crate::connection::{self, Limits, Session};
use crate::metrics::Metrics;
use crate::room::{Features, RoomContext};
use crate::rooms::Rooms;
use crate::store::sqlite::SqliteStore;
use crate::store::{Store, keys as storage_keys};
use crate::tls::{self, TlsError};

/// Shared state of the HTTP handlers.
#[derive(Clone)]
struct AppState {
    config: Arc<ServeConfig>,
    rooms: Rooms,
    keys: Keys,
    access: Access,
    metrics: Arc<Metrics>,
    shutdown: CancellationToken,
    tasks: TaskTracker,
}

fn router(state: AppState) -> Router {
    let static_dir = state.config.static_dir.clone();
    let mut app = Router::new()
        .route("/sync/mux", get(mux))
        .route("/sync/{*doc_id}", get(sync))
        .route("/healthz", get(|| async { "ok" }))
        .route("/session", get(session))
        .route("/metrics", get(metrics))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .with_state(state);
    if let Some(dir) = static_dir {
        let index = dir.join("index.html");
        let etags = Arc::new(crate::etags::Etags::new(dir.clone()));
        let app_route = get(move |request: axum::extract::Request| crate::app_files::app_route(index.clone(), request));
        let files = Router::new()
            // A browser that accepts Brotli or gzip gets the copy scripts/precompress.mjs
            // wrote beside the file (a third of the Wasm's size), others the file itself.
            .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(app_route))
            .layer(axum::middleware::from_fn_with_state(etags, crate::app_files::headers));
        app = app.fallback_service(files);
    }
    app
}

async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render()).into_response()
}

async fn sync(
    State(state): State<AppState>,
    Path(doc_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    // The path is the client's: logged escaped and cut short, never echoed in the answer.
    let shown = shown(&doc_id);
    let refuse = |status: StatusCode, reason: String| {
        state.metrics.refused_connections.inc();
        tracing::info!(doc = %shown, %status, %reason, "upgrade refused");
        (status, reason).into_response()
    };
    let doc = match doc_id.parse::<DocumentId>() {
        Ok(doc) => doc,
        Err(_) => return refuse(StatusCode::NOT_FOUND, NO_SUCH_DOCUMENT.into()),
    };
    let protocols = headers.get(header::SEC_WEBSOCKET_PROTOCOL).and_then(|v| v.to_str().ok());
    let Some((token, via_subprotocol)) = auth::token_from(query.as_deref(), protocols) else {
        return refuse(StatusCode::UNAUTHORIZED, auth::TokenError::Missing.to_string());
    };
    let claims = match state.keys.verify(&token) {
        Ok(claims) => claims,
        Err(e) => return refuse(StatusCode::UNAUTHORIZED, e.to_string()),
    };
    let rights = state.access.rights(&claims, &doc).await;
    if !rights.can_read() {
        return refuse(StatusCode::FORBIDDEN, format!("{} may not open {doc}", claims.badge));
    }
    let config = &state.config;
    let limits = Limits {
        outbound_queue: config.outbound_queue,
        messages_per_second: config.messages_per_second,
        message_burst: config.message_burst,
        max_frame_bytes: config.max_frame_bytes,
    };
    // A small read buffer: tungstenite's default (128 KiB, zero-filled before every read)
    // cost ~60 MiB and a fifth of the CPU at 500 connections; larger frames still arrive,
    // the buffer grows for them.
    let read_limit = connection::read_limit(config.max_frame_bytes);
    let ws = ws.max_frame_size(read_limit).max_message_size(read_limit).read_buffer_size(4 * 1024);
    let ws = if via_subprotocol { ws.protocols([SUBPROTOCOL]) } else { ws };
    let tasks = state.tasks.clone();
    let session = Session {
        doc_id: storage_keys::key(&claims.county, &doc),
        who: claims.badge.clone(),
        rights,
        features: query_param(query.as_deref(), "features").map(|f| Features::parse(&f)).unwrap_or_default(),
        rooms: state.rooms.clone(),
        limits,
        shutdown: state.shutdown.clone(),
        metrics: state.metrics.clone(),
    };
    ws.on_upgrade(move |socket| tasks.track_future(connection::serve(socket, session))).into_response()
}

/// `GET /sync/mux`: one WebSocket for all the device's documents ([`crate::mux`]), after
/// checking the token (401); the right to each document is checked when it is opened.
async fn mux(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let protocols = headers.get(header::SEC_WEBSOCKET_PROTOCOL).and_then(|v| v.to_str().ok());
    let refuse = |status: StatusCode, reason: String| {
        state.metrics.refused_connections.inc();
        tracing::info!(%status, %reason, "multiplexed upgrade refused");
        (status, reason).into_response()
    };
    let Some((token, via_subprotocol)) = auth::token_from(query.as_deref(), protocols) else {
        return refuse(StatusCode::UNAUTHORIZED, auth::TokenError::Missing.to_string());
    };
    let claims = match state.keys.verify(&token) {
        Ok(claims) => claims,
        Err(e) => return refuse(StatusCode::UNAUTHORIZED, e.to_string()),
    };
    let config = &state.config;
    let limits = Limits {
        outbound_queue: config.outbound_queue,
        messages_per_second: config.messages_per_second,
        message_burst: config.message_burst,
        max_frame_bytes: config.max_frame_bytes,
    };
    let read_limit = connection::read_limit(config.max_frame_bytes);
    let ws = ws.max_frame_size(read_limit).max_message_size(read_limit).read_buffer_size(4 * 1024);
    let ws = if via_subprotocol { ws.protocols([SUBPROTOCOL]) } else { ws };
    let tasks = state.tasks.clone();
    let session = crate::mux::MuxSession {
        claims,
        access: state.access.clone(),
        features: query_param(query.as_deref(), "features").map(|f| Features::parse(&f)).unwrap_or_default(),
        rooms: state.rooms.clone(),
        limits,
        shutdown: state.shutdown.clone(),
        metrics: state.metrics.clone(),
    };
    ws.on_upgrade(move |socket| tasks.track_future(crate::mux::serve(socket, session))).into_response()
}

/// What a path that names no document is answered.
const NO_SUCH_DOCUMENT: &str = "no such document: expected county/{code}/directory, county/{code}/bulletins, \
                                region/{code}/bulletins|command or station/{code}/roster|community";

/// Client input as it may appear in a log line: at most 64 characters, control and
/// non-ASCII characters escaped (so a line cannot be forged or flooded), `…` when cut.
pub(crate) fn shown(input: &str) -> String {
    const MAX: usize = 64;
    let mut out: String = input.chars().take(MAX).flat_map(char::escape_default).collect();
    if input.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// The value of query parameter `name`, percent-decoded: the stock y-websocket client
/// sends `features=progress%2Cack`, which was once read as one unknown feature.
fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

/// `GET /session`: whether the token (query `token` or `Authorization: Bearer`) is good.
/// 200 with the claims as JSON, or 401 with the reason. The app asks this when its
/// WebSocket is refused, because browsers do not show the refusal's status.
async fn session(State(state): State<AppState>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let Some(token) = bearer.or_else(|| auth::token_from(query.as_deref(), None).map(|(t, _)| t)) else {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"error": auth::TokenError::Missing.to_string()})),
        )
            .into_response();
    };
    match state.keys.verify(&token) {
        Ok(claims) => axum::Json(claims).into_response(),
        Err(e) => (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"error": e.to_string(), "expired": e == auth::TokenError::Expired})),
        )
            .into_response(),
    }
}

/// A relay bound to its address with its storage open, ready to serve.
pub struct Relay {
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    config: Arc<ServeConfig>,
    store: Arc<dyn Store>,
    keys: Keys,
    metrics: Arc<Metrics>,
}

/// Why the relay could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The address is taken or not allowed, or a file cannot be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The database cannot be opened.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// The TLS certificate or key cannot be used (the message names the file).
    #[error("{0}")]
    Tls(#[from] TlsError),
}

impl Relay {
    /// Reads the TLS certificate and key if `config.tls` names them (before anything else,
    /// so a bad file starts nothing), opens the data folder (database, signing key; created
    /// on first start) and binds `config.addr` (port 0 picks a free port).
    pub async fn bind(config: ServeConfig) -> Result<Self, StartError> {
        let tls = config.tls.as_ref().map(tls::load).transpose()?;
        let metrics = Arc::new(Metrics::new());
        let histogram = metrics.storage_commit_seconds.clone();
        let store = SqliteStore::open(&config.data, config.durability, Some(Box::new(move |s| histogram.observe(s))))?;
        Self::bind_parts(config, tls, Arc::new(store), metrics).await
    }

    /// Like [`Relay::bind`] with another store (tests).
    pub async fn bind_with_store(
        config: ServeConfig,
        store: Arc<dyn Store>,
        metrics: Arc<Metrics>,
    ) -> Result<Self, StartError> {
        let tls = config.tls.as_ref().map(tls::load).transpose()?;
        Self::bind_parts(config, tls, store, metrics).await
    }

    async fn bind_parts(
        config: ServeConfig,
        tls: Option<Arc<rustls::ServerConfig>>,
        store: Arc<dyn Store>,
        metrics: Arc<Metrics>,
    ) -> Result<Self, StartError> {
        let keys = Keys::load_or_create(&config.data)?;
        storage_keys::migrate(store.as_ref()).await?;
        let listener = TcpListener::bind(config.addr).await?;
        Ok(Self { listener, tls, config: Arc::new(config), store, keys, metrics })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// The signing key.
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The store.
    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Whether the relay serves HTTPS.
    pub fn is_tls(&self) -> bool {
        self.tls.is_some()
    }

    /// Serves (HTTPS if the relay has a certificate) until `stop` resolves, then stops
    /// accepting, closes every WebSocket with "going away" (1001), waits for the
    /// connections and rooms to finish, and flushes storage.
    pub async fn serve(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let shutdown = CancellationToken::new();
        let tasks = TaskTracker::new();
        let ctx = RoomContext {
            store: self.store.clone(),
            metrics: self.metrics.clone(),
            idle: self.config.idle_unload,
            compact_after: self.config.compact_after,
        };
        let state = AppState {
            config: self.config.clone(),
            rooms: Rooms::new(ctx),
            keys: self.keys.clone(),
            access: Access::new(self.store.clone()),
            metrics: self.metrics.clone(),
            shutdown: shutdown.clone(),
            tasks: tasks.clone(),
        };
        let token = shutdown.clone();
        let stop = async move {
            stop.await;
            token.cancel();
        };
        match self.tls {
            None => {
                // TCP_NODELAY: frames sent back to back must not wait for Nagle's algorithm.
                let listener = self.listener.tap_io(|stream| {
                    if let Err(e) = stream.set_nodelay(true) {
                        tracing::debug!(error = %e, "cannot set TCP_NODELAY");
                    }
                });
                axum::serve(listener, router(state)).with_graceful_shutdown(stop).await?;
            }
            Some(tls) => serve_tls(self.listener, tls, router(state), stop).await?,
        }
        shutdown.cancel();
        tasks.close();
        // Connections close at once; a peer that never answers must not hold the relay up.
        if tokio::time::timeout(std::time::Duration::from_secs(10), tasks.wait()).await.is_err() {
            tracing::warn!("some connections did not close within 10 s");
        }
        if let Err(e) = self.store.flush().await {
            tracing::error!(error = %e, "flushing storage at shutdown failed");
        }
        Ok(())
    }
}

/// Serves `app` over TLS on `listener` until `stop` resolves, then stops accepting and
/// waits (at most 10 s) for requests in progress. Upgraded WebSockets are not waited for
/// here: they end through the relay's shutdown token, like on plain HTTP.
async fn serve_tls(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    app: Router,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::<std::net::SocketAddr>::new();
    let on_stop = handle.clone();
    let stopper = tokio::spawn(async move {
        stop.await;
        on_stop.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    // TCP_NODELAY as on plain HTTP, set before the handshake. Not `http1_only()`: it
    // serves connections without upgrades, which would refuse every WebSocket.
    let acceptor =
        axum_server::tls_rustls::RustlsAcceptor::new(axum_server::tls_rustls::RustlsConfig::from_config(tls))
            .acceptor(axum_server::accept::NoDelayAcceptor::new());
    let served = axum_server::Server::from_listener(listener)
        .acceptor(acceptor)
        .handle(handle)
        .accept_error_handler(|peer, e| tracing::debug!(peer = ?peer, error = %e, "TLS connection not accepted"))
        .serve(app.into_make_service())
        .await;
    stopper.abort();
    served
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
