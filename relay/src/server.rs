//! The HTTP side of the relay: routes, WebSocket upgrade, the built app, graceful shutdown.
//!
//! Routes:
//! - `GET /sync/{document id}`: WebSocket upgrade into the document's room.
//! - `GET /healthz`: `ok` while the relay serves.
//! - anything else: a file of the built app, or `index.html` for the app's own routes.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use liandong_core::DocumentId;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower_http::services::{ServeDir, ServeFile};

use crate::config::ServeConfig;
use crate::connection;
use crate::rooms::Rooms;

/// Shared state of the HTTP handlers.
#[derive(Clone)]
struct AppState {
    config: Arc<ServeConfig>,
    rooms: Rooms,
    shutdown: CancellationToken,
    tasks: TaskTracker,
}

/// Builds the router for `config`. `shutdown` is cancelled to close every connection.
fn router(config: Arc<ServeConfig>, rooms: Rooms, shutdown: CancellationToken, tasks: TaskTracker) -> Router {
    let state = AppState { config: config.clone(), rooms, shutdown, tasks };
    let mut app =
        Router::new().route("/sync/{*doc_id}", get(sync)).route("/healthz", get(|| async { "ok" })).with_state(state);
    if let Some(dir) = &config.static_dir {
        let index = ServeFile::new(dir.join("index.html"));
        app = app.fallback_service(ServeDir::new(dir).fallback(index));
    }
    app
}

async fn sync(State(state): State<AppState>, Path(doc_id): Path<String>, ws: WebSocketUpgrade) -> Response {
    if let Err(e) = doc_id.parse::<DocumentId>() {
        return (StatusCode::NOT_FOUND, e.to_string()).into_response();
    }
    let max = state.config.max_frame_bytes;
    let queue = state.config.outbound_queue;
    let tasks = state.tasks.clone();
    ws.max_frame_size(max)
        .max_message_size(max)
        .on_upgrade(move |socket| {
            tasks.track_future(connection::serve(socket, doc_id, state.rooms, queue, state.shutdown))
        })
        .into_response()
}

/// A relay bound to its address, ready to serve.
pub struct Relay {
    listener: TcpListener,
    config: Arc<ServeConfig>,
}

impl Relay {
    /// Binds `config.addr` (port 0 picks a free port) and creates the data folder.
    ///
    /// Errors: the address is taken or not allowed, or the data folder cannot be created.
    pub async fn bind(config: ServeConfig) -> std::io::Result<Self> {
        std::fs::create_dir_all(&config.data)?;
        let listener = TcpListener::bind(config.addr).await?;
        Ok(Self { listener, config: Arc::new(config) })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `stop` resolves, then stops accepting, closes every WebSocket with
    /// "going away" (1001) and waits for the connections to finish.
    pub async fn serve(self, stop: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let shutdown = CancellationToken::new();
        let tasks = TaskTracker::new();
        let rooms = Rooms::new(Duration::from_secs(30));
        let app = router(self.config.clone(), rooms, shutdown.clone(), tasks.clone());
        let token = shutdown.clone();
        axum::serve(self.listener, app)
            .with_graceful_shutdown(async move {
                stop.await;
                token.cancel();
            })
            .await?;
        shutdown.cancel();
        tasks.close();
        tasks.wait().await;
        Ok(())
    }
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
