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
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Commits {
    /// Number of commits.
    pub count: u64,
    /// Seconds spent committing, summed.
    pub seconds: f64,
}

impl Commits {
    /// The commits between `earlier` and `self`.
    pub fn since(self, earlier: Commits) -> Commits {
        Commits { count: self.count.saturating_sub(earlier.count), seconds: (self.seconds - earlier.seconds).max(0.0) }
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
    })
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
        let a = Commits { count: 10, seconds: 1.0 };
        let b = Commits { count: 25, seconds: 1.5 };
        assert_eq!(b.since(a), Commits { count: 15, seconds: 0.5 });
    }
}
