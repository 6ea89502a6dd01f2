//! The relay's figures in Prometheus text format at `/metrics`: connections, loaded
//! documents, updates and bytes in and out, refused updates and connections, and storage
//! commit latency.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// Every metric of the relay.
pub struct Metrics {
    registry: Registry,
    /// Open WebSocket connections.
    pub connections: Gauge,
    /// Documents open on multiplexed connections ([`crate::mux`]).
    pub channels: Gauge,
    /// Documents in memory.
    pub documents_loaded: Gauge,
    /// Updates received that changed a document.
    pub updates_in: Counter,
    /// Frames delivered to connections.
    pub frames_out: Counter,
    /// Bytes received in binary frames.
    pub bytes_in: Counter,
    /// Bytes sent in binary frames.
    pub bytes_out: Counter,
    /// Updates refused because the device may only read the document.
    pub refused_updates: Counter,
    /// Connections refused at the upgrade (bad token, no right) or closed for bad input.
    pub refused_connections: Counter,
    /// Seconds per storage commit (a batch of updates).
    pub storage_commit_seconds: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("liandong_relay");
        let metrics = Self {
            connections: Gauge::default(),
            channels: Gauge::default(),
            documents_loaded: Gauge::default(),
            updates_in: Counter::default(),
            frames_out: Counter::default(),
            bytes_in: Counter::default(),
            bytes_out: Counter::default(),
            refused_updates: Counter::default(),
            refused_connections: Counter::default(),
            storage_commit_seconds: Histogram::new(exponential_buckets(0.0001, 2.0, 16)),
            registry: Registry::default(),
        };
        registry.register("connections", "Open WebSocket connections", metrics.connections.clone());
        registry.register("channels", "Documents open on multiplexed connections", metrics.channels.clone());
        registry.register("documents_loaded", "Documents in memory", metrics.documents_loaded.clone());
        registry.register("updates_in", "Updates received that changed a document", metrics.updates_in.clone());
        registry.register("frames_out", "Frames delivered to connections", metrics.frames_out.clone());
        registry.register("bytes_in", "Bytes received", metrics.bytes_in.clone());
        registry.register("bytes_out", "Bytes sent", metrics.bytes_out.clone());
        registry.register("refused_updates", "Updates refused from read-only devices", metrics.refused_updates.clone());
        registry.register(
            "refused_connections",
            "Connections refused or closed for bad input",
            metrics.refused_connections.clone(),
        );
        registry.register(
            "storage_commit_seconds",
            "Seconds per storage commit",
            metrics.storage_commit_seconds.clone(),
        );
        Self { registry, ..metrics }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = encode(&mut out, &self.registry);
        out
    }
}
