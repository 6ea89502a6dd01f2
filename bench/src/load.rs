//! The fan-out workload: N clients over M documents, each sending one small update at a
//! fixed rate; every client measures how long the others' updates take to reach it.
//!
//! Client `i` (0-based) of round `r` opens document `i % M` with the Yjs client id
//! `FIRST_CLIENT_ID + r·N + i` (fresh ids each round, as the documents keep their history).
//! Its update number `seq` sets key `"{client id}:{seq}"` of the Y.Map [`MAP`] to the send
//! time in microseconds on the bench's monotonic clock. A receiver decodes the update's state
//! vector to learn the sender, applies it, reads the new keys and records receive − send
//! time. Sends start at a spread phase per client; after a warm-up only updates sent
//! inside the measured window count: expected deliveries are, per such update, the other
//! clients of its document; what did not arrive by the end of the drain time is lost.
//! The relay's CPU time is read from /proc at the window's start and end.

use std::collections::HashMap;
use std::time::Duration;

use futures::StreamExt;
use tokio::task::JoinSet;
use tokio::time::{Instant, MissedTickBehavior};
use yrs::{Any, Doc, Map, Out, Transact};

use crate::BoxError;
use crate::client::{Event, Peer};
use crate::procfs::{self, CpuTime, Pid};
use crate::stats::Latencies;
use crate::target::Target;

/// Name of the Y.Map the bench writes in every document.
pub const MAP: &str = "bench";
/// Yjs client id of client 0 in round 0 (ids are small and distinct, so receivers can
/// tell senders).
const FIRST_CLIENT_ID: u64 = 1_000;
/// Time one client may take to connect and sync.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The workload's shape.
#[derive(Debug, Clone)]
pub struct Workload {
    /// Number of clients (N).
    pub clients: usize,
    /// Number of documents (M); client `i` opens document `i % M`.
    pub documents: usize,
    /// Updates per second each client sends.
    pub rate: f64,
    /// Sending time before the measured window.
    pub warmup: Duration,
    /// The measured window of one round.
    pub measure: Duration,
    /// Rounds per relay; the relays take turns (ours, reference, reference, ours, ...), so
    /// both meet the same background load of a shared machine.
    pub rounds: usize,
    /// Reading time after the last send, for late deliveries.
    pub drain: Duration,
    /// Connections opened at the same time while clients join.
    pub connect_concurrency: usize,
}

impl Workload {
    /// The region code of document `d` (`bench-{d}`).
    pub fn document_code(d: usize) -> String {
        format!("bench-{d}")
    }

    /// The document ids the workload writes (`region/bench-{d}/bulletins`).
    pub fn document_ids(&self) -> Vec<String> {
        (0..self.documents).map(|d| format!("region/{}/bulletins", Self::document_code(d))).collect()
    }

    /// Number of clients on document `d`.
    fn clients_on(&self, d: usize) -> usize {
        (0..self.clients).filter(|i| i % self.documents == d).count()
    }
}

/// What one workload run measured (or several rounds of it, merged).
#[derive(Debug)]
pub struct LoadResult {
    /// Updates sent in the whole run.
    pub sent_total: u64,
    /// Updates sent inside the measured window.
    pub sent_in_window: u64,
    /// Deliveries owed for those updates (each to every other client of its document).
    pub expected: u64,
    /// Deliveries of those updates that arrived.
    pub delivered: u64,
    /// Fan-out latency of each arrived delivery.
    pub latencies: Latencies,
    /// Length of the measured window (summed over rounds).
    pub window: Duration,
    /// Relay CPU time during the window.
    pub relay_cpu: CpuTime,
    /// Relay peak resident set at the end of the window (the largest of the rounds), in bytes.
    pub relay_peak_rss: u64,
    /// The load generator's own CPU time during the window.
    pub generator_cpu: Duration,
    /// Clients whose connection failed or was closed before the end, with why (first few).
    pub failures: Vec<String>,
    /// Number of such clients.
    pub failed_clients: usize,
}

impl LoadResult {
    /// Adds the figures of another round on the same relay.
    pub fn merge(&mut self, other: LoadResult) {
        self.sent_total += other.sent_total;
        self.sent_in_window += other.sent_in_window;
        self.expected += other.expected;
        self.delivered += other.delivered;
        self.latencies.merge(other.latencies);
        self.window += other.window;
        self.relay_cpu += other.relay_cpu;
        self.relay_peak_rss = self.relay_peak_rss.max(other.relay_peak_rss);
        self.generator_cpu += other.generator_cpu;
        self.failed_clients += other.failed_clients;
        self.failures.extend(other.failures);
        self.failures.truncate(5);
    }
}

/// When things happen, shared by every client task.
#[derive(Debug, Clone, Copy)]
struct Schedule {
    /// Zero of the send-time stamps.
    clock: Instant,
    /// First sends (each client adds its phase).
    send_from: Instant,
    window_start: Instant,
    window_end: Instant,
    /// Time between two sends of one client.
    period: Duration,
    /// End of reading (window end + drain).
    stop: Instant,
}

impl Schedule {
    fn micros(&self, at: Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.clock).as_micros()).unwrap_or(u64::MAX)
    }

    fn in_window(&self, stamp_us: u64) -> bool {
        (self.micros(self.window_start)..self.micros(self.window_end)).contains(&stamp_us)
    }
}

/// What one client task counted.
#[derive(Debug, Default)]
struct ClientOutcome {
    sent_total: u64,
    sent_in_window: u64,
    delivered_in_window: u64,
    latencies: Latencies,
    failure: Option<String>,
}

/// Runs round `round` of the workload against `target` and returns its figures. Fails if a
/// client cannot connect and sync; a client that loses its connection later only counts as
/// lost deliveries and a failure.
pub async fn run(target: &Target, w: &Workload, round: usize) -> Result<LoadResult, BoxError> {
    if w.clients == 0 || w.documents == 0 || w.rate <= 0.0 {
        return Err("the workload needs clients, documents and a positive rate".into());
    }
    let first_id = FIRST_CLIENT_ID + (round * w.clients) as u64;
    let peers = connect_all(target, w, first_id).await?;

    let period = Duration::from_secs_f64(1.0 / w.rate);
    let clock = Instant::now();
    let send_from = clock + Duration::from_millis(200);
    let window_start = send_from + w.warmup;
    let window_end = window_start + w.measure;
    let schedule = Schedule { clock, send_from, window_start, window_end, period, stop: window_end + w.drain };

    let mut tasks = JoinSet::new();
    for (i, peer) in peers.into_iter().enumerate() {
        let ids = Ids { first: first_id, count: w.clients as u64, me: first_id + i as u64 };
        tasks.spawn(client_task(peer, i, ids, schedule));
    }

    tokio::time::sleep_until(window_start).await;
    let relay_cpu0 = target.cpu_time()?;
    let generator_cpu0 = procfs::cpu_time(Pid::Myself)?;
    tokio::time::sleep_until(window_end).await;
    let relay_cpu = target.cpu_time()?.since(relay_cpu0);
    let generator_cpu = procfs::cpu_time(Pid::Myself)?.since(generator_cpu0).total();
    let relay_peak_rss = target.peak_rss()?;

    let mut outcomes: Vec<(usize, ClientOutcome)> = Vec::with_capacity(w.clients);
    while let Some(joined) = tasks.join_next().await {
        outcomes.push(joined.map_err(|e| format!("client task failed: {e}"))?);
    }
    Ok(summarise(w, outcomes, window_end - window_start, relay_cpu, relay_peak_rss, generator_cpu))
}

fn summarise(
    w: &Workload,
    outcomes: Vec<(usize, ClientOutcome)>,
    window: Duration,
    relay_cpu: CpuTime,
    relay_peak_rss: u64,
    generator_cpu: Duration,
) -> LoadResult {
    let per_doc: Vec<u64> = (0..w.documents).map(|d| w.clients_on(d) as u64).collect();
    let expected_per_receiver = outcomes.iter().map(|(i, o)| o.sent_in_window * (per_doc[i % w.documents] - 1));
    let expected = expected_per_receiver.sum();
    let mut result = LoadResult {
        sent_total: 0,
        sent_in_window: 0,
        expected,
        delivered: 0,
        latencies: Latencies::with_capacity(usize::try_from(expected).unwrap_or(0)),
        window,
        relay_cpu,
        relay_peak_rss,
        generator_cpu,
        failures: Vec::new(),
        failed_clients: 0,
    };
    for (i, outcome) in outcomes {
        result.sent_total += outcome.sent_total;
        result.sent_in_window += outcome.sent_in_window;
        result.delivered += outcome.delivered_in_window;
        result.latencies.merge(outcome.latencies);
        if let Some(failure) = outcome.failure {
            result.failed_clients += 1;
            if result.failures.len() < 5 {
                result.failures.push(format!("client {i}: {failure}"));
            }
        }
    }
    result
}

/// Connects and syncs every client, a few at a time; returns them in client order.
async fn connect_all(target: &Target, w: &Workload, first_id: u64) -> Result<Vec<Peer>, BoxError> {
    let urls: Vec<String> = (0..w.documents).map(|d| target.url(&Workload::document_code(d))).collect();
    let mut peers: Vec<(usize, Peer)> = futures::stream::iter(0..w.clients)
        .map(|i| {
            let url = &urls[i % w.documents];
            async move {
                let doc = Doc::with_client_id(first_id + i as u64);
                Peer::connect_synced(url, doc, CONNECT_TIMEOUT)
                    .await
                    .map(|peer| (i, peer))
                    .map_err(|e| format!("client {i} could not join: {e}"))
            }
        })
        .buffer_unordered(w.connect_concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    peers.sort_by_key(|(i, _)| *i);
    Ok(peers.into_iter().map(|(_, peer)| peer).collect())
}

/// The Yjs client ids of one round: `first..first + count`, this client's being `me`.
#[derive(Debug, Clone, Copy)]
struct Ids {
    first: u64,
    count: u64,
    me: u64,
}

/// One client: sends on its schedule, applies and times what arrives, until `stop`.
async fn client_task(mut peer: Peer, index: usize, ids: Ids, s: Schedule) -> (usize, ClientOutcome) {
    let mut outcome = ClientOutcome::default();
    let map = peer.doc.get_or_insert_map(MAP);
    // Phases spread evenly over one period, so the relay sees a steady stream, not bursts.
    let phase = s.period.mul_f64((ids.me - ids.first) as f64 / ids.count as f64);
    let mut ticks = tokio::time::interval_at(s.send_from + phase, s.period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Burst); // keep the total load fixed
    let stop_sending = s.window_end;
    let mut sending = true;
    let mut seq: u64 = 0;
    // Sender's client id → the next of its sequence numbers this client has not seen yet.
    let mut next_seen: HashMap<u64, u64> = HashMap::new();
    let stop = tokio::time::sleep_until(s.stop);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            // Stop first, then sends (at most one per period, so they cannot starve reads),
            // then reads.
            biased;
            _ = &mut stop => break,
            _ = ticks.tick(), if sending => {
                let now = Instant::now();
                if now >= stop_sending {
                    sending = false;
                    continue;
                }
                let sent_us = s.micros(now);
                let update = {
                    let mut txn = peer.doc.transact_mut();
                    // Exact: microsecond stamps stay far below 2^53.
                    map.insert(&mut txn, key(ids.me, seq), sent_us as f64);
                    txn.encode_update_v1()
                };
                seq += 1;
                if let Err(e) = peer.send_update(update).await {
                    outcome.failure = Some(format!("send failed: {e}"));
                    break;
                }
                outcome.sent_total += 1;
                if s.in_window(sent_us) {
                    outcome.sent_in_window += 1;
                }
            }
            frame = peer.recv() => {
                let received = Instant::now();
                match peer.handle(frame).await {
                    Ok(Event::Applied { senders, .. }) => {
                        let txn = peer.doc.transact();
                        for (client, _) in senders.iter() {
                            let sender = client.get();
                            if sender == ids.me || !(ids.first..ids.first + ids.count).contains(&sender) {
                                continue; // our own update echoed back (the reference does this)
                            }
                            let next = next_seen.entry(sender).or_insert(0);
                            while let Some(sent_us) = map.get(&txn, &key(sender, *next)).and_then(stamp) {
                                *next += 1;
                                if s.in_window(sent_us) {
                                    outcome.delivered_in_window += 1;
                                    let latency = s.micros(received).saturating_sub(sent_us);
                                    outcome.latencies.record(Duration::from_micros(latency));
                                }
                            }
                        }
                    }
                    Ok(Event::Other) => {}
                    Ok(Event::Closed(code, reason)) => {
                        outcome.failure = Some(format!("closed by the relay: {code} {reason}"));
                        break;
                    }
                    Err(e) => {
                        outcome.failure = Some(e.to_string());
                        break;
                    }
                }
            }
        }
    }
    peer.close(Duration::from_millis(500)).await;
    (index, outcome)
}

/// A send-time stamp (µs) read back from the map. Integers or floats: a relay that decodes
/// and re-encodes updates (the reference does) may change how the number is encoded.
fn stamp(value: Out) -> Option<u64> {
    match value {
        Out::Any(Any::Number(n)) => n.as_i64().and_then(|us| u64::try_from(us).ok()),
        _ => None,
    }
}

/// The map key of update `seq` of the client with Yjs client id `sender`.
fn key(sender: u64, seq: u64) -> String {
    format!("{sender}:{seq}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_spread_over_documents() {
        let w = Workload {
            clients: 7,
            documents: 3,
            rate: 1.0,
            warmup: Duration::ZERO,
            measure: Duration::ZERO,
            drain: Duration::ZERO,
            rounds: 1,
            connect_concurrency: 1,
        };
        assert_eq!((0..3).map(|d| w.clients_on(d)).collect::<Vec<_>>(), vec![3, 2, 2]);
        assert_eq!(w.document_ids()[2], "region/bench-2/bulletins");
    }
}
