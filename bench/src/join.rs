//! The join test: one client writes a large document (about 1 MB of text), then many clients
//! open it at the same moment; each is timed until it holds the whole document.
//!
//! The writer stays connected, so the document is in the relay's memory for both relays
//! (the reference never loads from disk). The document is ready when a separate client
//! that connects afterwards receives all of it.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;
use yrs::{Doc, Text, Transact};

use crate::BoxError;
use crate::client::{Event, Peer};
use crate::procfs::{self, Pid};
use crate::stats::Latencies;
use crate::target::Target;

/// Region code of the joined document.
const DOCUMENT: &str = "bench-join";
/// Name of the Y.Text the writer fills.
const TEXT: &str = "t";
/// Bytes per update while the writer fills the document.
const CHUNK: usize = 64 * 1024;
/// Time the writer and each joiner may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The test's shape.
#[derive(Debug, Clone)]
pub struct JoinTest {
    /// Clients that open the document at once.
    pub joiners: usize,
    /// Size of the document's text, in bytes (ASCII, so also characters).
    pub size: usize,
}

/// What the join test measured.
#[derive(Debug)]
pub struct JoinResult {
    /// Time each joiner took from the common start until it held the whole document.
    pub times: Latencies,
    /// Joiners that failed, with why (first few).
    pub failures: Vec<String>,
    /// Relay CPU time from the common start until the last joiner was done.
    pub relay_cpu: Duration,
    /// Relay peak resident set afterwards, in bytes.
    pub relay_peak_rss: u64,
    /// The load generator's own CPU time meanwhile (receiving and applying the copies).
    pub generator_cpu: Duration,
}

/// Writes the document to `target`, then lets `test.joiners` clients join it at once.
pub async fn run(target: &Target, test: &JoinTest) -> Result<JoinResult, BoxError> {
    let url = target.url(DOCUMENT);
    let writer = write_document(&url, test.size).await?;

    let check = Peer::connect_synced(&url, Doc::new(), TIMEOUT).await?;
    let check = wait_for_full(check, test.size).await.map_err(|e| format!("the written document: {e}"))?;
    check.close(Duration::from_millis(500)).await;

    let cpu0 = target.cpu_time()?;
    let generator_cpu0 = procfs::cpu_time(Pid::Myself)?;
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..test.joiners {
        let (url, size) = (url.clone(), test.size);
        tasks.spawn(async move {
            let peer = Peer::connect_synced(&url, Doc::new(), TIMEOUT).await?;
            let peer = wait_for_full(peer, size).await?;
            let took = start.elapsed();
            peer.close(Duration::from_millis(500)).await;
            Ok::<_, BoxError>(took)
        });
    }
    let mut times = Latencies::with_capacity(test.joiners);
    let mut failures = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(took)) => times.record(took),
            Ok(Err(e)) => failures.push(e.to_string()),
            Err(e) => failures.push(format!("joiner task failed: {e}")),
        }
    }
    let relay_cpu = target.cpu_time()?.since(cpu0).total();
    let generator_cpu = procfs::cpu_time(Pid::Myself)?.since(generator_cpu0).total();
    let relay_peak_rss = target.peak_rss()?;
    writer.close(Duration::from_millis(500)).await;
    failures.truncate(5);
    Ok(JoinResult { times, failures, relay_cpu, relay_peak_rss, generator_cpu })
}

/// Connects a writer and sends `size` bytes of text in chunks of [`CHUNK`].
async fn write_document(url: &str, size: usize) -> Result<Peer, BoxError> {
    let mut writer = Peer::connect_synced(url, Doc::new(), TIMEOUT).await?;
    let text = writer.doc.get_or_insert_text(TEXT);
    let mut written = 0;
    while written < size {
        let n = CHUNK.min(size - written);
        // Varied content, so nothing about the document is unusually compressible.
        let chunk: String = (0..n).map(|k| char::from(b'a' + ((written + k) % 26) as u8)).collect();
        let update = {
            let mut txn = writer.doc.transact_mut();
            let at = text.len(&txn);
            text.insert(&mut txn, at, &chunk);
            txn.encode_update_v1()
        };
        writer.send_update(update).await?;
        written += n;
    }
    Ok(writer)
}

/// Reads until the peer's text has `size` bytes.
async fn wait_for_full(mut peer: Peer, size: usize) -> Result<Peer, BoxError> {
    let text = peer.doc.get_or_insert_text(TEXT);
    let wait = async {
        loop {
            let have = text.len(&peer.doc.transact()) as usize;
            if have >= size {
                return if have == size { Ok(()) } else { Err(format!("document has {have} bytes, expected {size}")) };
            }
            let frame = peer.recv().await;
            match peer.handle(frame).await {
                Ok(Event::Closed(code, reason)) => return Err(format!("closed: {code} {reason}")),
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    };
    tokio::time::timeout(TIMEOUT, wait).await.map_err(|_| format!("document incomplete after {TIMEOUT:?}"))??;
    Ok(peer)
}
