//! Evidence of what our relay did with storage: its commit figures from `/metrics` while it
//! runs, and what its SQLite database holds after it was killed.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use liandong_relay::store::Store;
use liandong_relay::store::sqlite::{Durability, SqliteStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, Transact, Update};

use crate::BoxError;

/// Totals of the relay's storage commits so far (each commit is one SQLite transaction,
/// holding every update that arrived while the previous one ran).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Commits {
    /// Number of commits.
    pub count: u64,
    /// Seconds spent committing, summed.
    pub seconds: f64,
    /// The relay's histogram of commit times: (upper bound in seconds, commits up to it),
    /// cumulative, in increasing order of bound.
    pub buckets: Vec<(f64, u64)>,
}

impl Commits {
    /// The commits between `earlier` and `self`.
    pub fn since(&self, earlier: &Commits) -> Commits {
        let before = |le: f64| earlier.buckets.iter().find(|(b, _)| *b == le).map_or(0, |(_, n)| *n);
        Commits {
            count: self.count.saturating_sub(earlier.count),
            seconds: (self.seconds - earlier.seconds).max(0.0),
            buckets: self.buckets.iter().map(|&(le, n)| (le, n.saturating_sub(before(le)))).collect(),
        }
    }

    /// An upper bound of the `q`-quantile (0..=1) of commit time in seconds: the smallest
    /// histogram bound that holds that share of the commits (infinite past the last bound).
    pub fn quantile_bound(&self, q: f64) -> Option<f64> {
        let wanted = (q * self.count as f64).ceil() as u64;
        (self.count > 0).then(|| self.buckets.iter().find(|(_, n)| *n >= wanted).map_or(f64::INFINITY, |(le, _)| *le))
    }
}

/// Reads `liandong_relay_storage_commit_seconds` (count and sum) from `http://{addr}/metrics`.
pub async fn commits(addr: SocketAddr) -> Result<Commits, BoxError> {
    let fetch = async {
        let mut stream = TcpStream::connect(addr).await?;
        let request = format!("GET /metrics HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut body = String::new();
        stream.read_to_string(&mut body).await?;
        Ok::<_, std::io::Error>(body)
    };
    let text = tokio::time::timeout(Duration::from_secs(5), fetch).await.map_err(|_| "/metrics timed out")??;
    let value = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.trim().parse::<f64>().ok())
            .ok_or_else(|| format!("/metrics has no {name}"))
    };
    Ok(Commits {
        count: value("liandong_relay_storage_commit_seconds_count")? as u64,
        seconds: value("liandong_relay_storage_commit_seconds_sum")?,
        buckets: buckets(&text),
    })
}

/// The finite buckets of the commit histogram: lines like
/// `liandong_relay_storage_commit_seconds_bucket{le="0.0016"} 15051`.
fn buckets(text: &str) -> Vec<(f64, u64)> {
    let mut buckets: Vec<(f64, u64)> = text
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("liandong_relay_storage_commit_seconds_bucket{le=\"")?;
            let (le, count) = rest.split_once("\"} ")?;
            Some((le.parse::<f64>().ok().filter(|le| le.is_finite())?, count.trim().parse::<f64>().ok()? as u64))
        })
        .collect();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    buckets
}

/// Entries of the Y.Map `map` summed over the documents `docs`, as stored in the SQLite
/// database in `data`. Call only once the relay has ended: it opens the database itself.
pub async fn stored_entries(data: &Path, docs: &[String], map: &str) -> Result<u64, BoxError> {
    let store = SqliteStore::open(data, Durability::Normal, None)?;
    let mut total = 0u64;
    for doc_id in docs {
        let stored = store.load(doc_id).await?;
        let doc = Doc::new();
        let mut txn = doc.transact_mut();
        for bytes in &stored.updates {
            txn.apply_update(Update::decode_v1(bytes)?)?;
        }
        drop(txn);
        total += u64::from(doc.get_or_insert_map(map).len(&doc.transact()));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_between_two_readings() {
        let a = Commits { count: 10, seconds: 1.0, buckets: vec![(0.001, 8), (0.002, 10)] };
        let b = Commits { count: 25, seconds: 1.5, buckets: vec![(0.001, 20), (0.002, 24)] };
        let d = b.since(&a);
        assert_eq!((d.count, d.seconds), (15, 0.5));
        assert_eq!(d.buckets, vec![(0.001, 12), (0.002, 14)]);
        assert_eq!(d.quantile_bound(0.5), Some(0.001));
        assert_eq!(d.quantile_bound(0.9), Some(0.002));
        assert_eq!(d.quantile_bound(0.99), Some(f64::INFINITY)); // one commit past the last bound
    }

    #[test]
    fn histogram_lines_are_read() {
        let text = "# TYPE x histogram\nliandong_relay_storage_commit_seconds_bucket{le=\"0.0002\"} 7\n\
                    liandong_relay_storage_commit_seconds_bucket{le=\"0.0001\"} 5\n\
                    liandong_relay_storage_commit_seconds_bucket{le=\"+Inf\"} 9\n";
        assert_eq!(buckets(text), vec![(0.0001, 5), (0.0002, 7)]);
    }
}
