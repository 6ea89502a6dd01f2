//! liandong-relay: the county bureau's Yjs relay.
//!
//! A map of the crate:
//! - [`commands`]: the operator's one-shot subcommands (import, token, backup, coverage,
//!   trial TLS certificates).
//! - [`auth`]: access tokens (JWT) and who may open which document.
//! - [`store`]: durable storage behind one trait; SQLite by default; [`store::keys`]
//!   qualifies every document with its county.
//! - [`metrics`]: Prometheus figures.
//! - [`config`]: what an operator sets (address, data folder, static folder, TLS, limits).
//! - [`server`]: the HTTP side: routes (`/sync/{document id}`, `/healthz`, the built app),
//!   WebSocket upgrade, graceful shutdown, over plain HTTP or HTTPS.
//! - [`tls`]: reads the operator's certificate and key for HTTPS.
//! - [`app_files`]: cache headers and content types of the built app's files.
//! - [`etags`]: strong ETags (content hashes) of the built app's files, for `304` answers.
//! - [`connection`]: one WebSocket: reads frames into its room, writes the room's messages
//!   out through a bounded queue.
//! - [`protocol`]: the y-websocket wire format (yrs `sync` messages) and close codes; the
//!   one door for a device's bytes (counts, nesting and awareness checked before yrs).
//! - [`deflate`]: compressed messages (feature `deflate`): raw DEFLATE of one ordinary
//!   frame, inflated with a size limit.
//! - [`rooms`]: the registry that keeps at most one [`room::Room`] per document.
//! - [`catch_up`]: large differences in pieces with progress, for slow links.
//! - [`room`]: one document in memory, owned by one task that applies, stores, then fans
//!   out updates.
//!
//! The relay knows almost nothing of the domain: it syncs documents. Document ids and who
//! may open them come from `liandong-core`. How it protects itself and the data from any
//! frame a device can send: `docs/relay.md`.

pub mod app_files;
pub mod auth;
pub mod catch_up;
pub mod commands;
pub mod config;
pub mod connection;
pub mod deflate;
pub mod etags;
pub mod metrics;
pub mod mux;
pub mod protocol;
pub mod room;
pub mod rooms;
pub mod server;
pub mod store;
pub mod tls;
