//! The default [`Store`]: one embedded SQLite file (`liandong.db` in the data folder) in
//! WAL mode.
//!
//! One writer thread owns the write connection and commits appends in batches (group
//! commit): every request that arrives while a commit runs goes into the next transaction,
//! and each caller is answered only after its transaction has committed. Loads run on
//! separate read connections, which WAL lets proceed while the writer commits; a load
//! writes nothing. With `synchronous = FULL` (the default) a commit is on disk before it is
//! acknowledged; `NORMAL` survives a crash of the relay but not a power cut.
//!
//! Table: `updates(doc, seq, data)`, the log of each document; compaction replaces runs
//! of entries by their merge, stored under the run's last sequence number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use async_trait::async_trait;
use rusqlite::{Connection, OpenFlags, params};
use tokio::sync::{mpsc, oneshot};

use super::{Store, StoreError, StoredDoc, merge_runs, readable_log};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "liandong.db";
/// Most requests committed in one transaction.
const MAX_BATCH: usize = 512;
/// Page cache of the writer, in KiB (SQLite's default is 2,000 KiB per connection). An
/// append touches the last leaf of its document and the pages above it; 1 MiB holds
/// those of a few thousand documents.
const WRITER_CACHE_KIB: u32 = 1024;
/// Page cache of each read connection, in KiB: a load reads a document's log once, start
/// to end, so pages are rarely read twice.
const READER_CACHE_KIB: u32 = 256;
/// Read connections kept open for reuse.
const IDLE_READERS: usize = 2;

/// How hard SQLite works to keep a commit across failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Durability {
    /// `synchronous = FULL`: committed means on disk, also across a power cut.
    Full,
    /// `synchronous = NORMAL`: committed survives a relay crash, not a power cut.
    Normal,
}

fn db_error(e: rusqlite::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

enum WriteOp {
    Append { doc: String, update: Vec<u8>, reply: oneshot::Sender<Result<u64, StoreError>> },
    Compact { doc: String, upto: u64, reply: oneshot::Sender<Result<(), StoreError>> },
    Flush { reply: oneshot::Sender<Result<(), StoreError>> },
    Rename { from: String, to: String, reply: oneshot::Sender<Result<(), StoreError>> },
}

/// Observer of commit latency (seconds per batch), for metrics.
pub type LatencyObserver = Box<dyn Fn(f64) + Send + Sync>;

/// The SQLite store.
pub struct SqliteStore {
    path: PathBuf,
    writer: mpsc::UnboundedSender<WriteOp>,
    readers: Mutex<Vec<Connection>>,
}

fn configure(conn: &Connection, durability: Durability) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", if durability == Durability::Full { "FULL" } else { "NORMAL" })?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS updates (
             doc  TEXT    NOT NULL,
             seq  INTEGER NOT NULL,
             data BLOB    NOT NULL,
             PRIMARY KEY (doc, seq)
         ) WITHOUT ROWID;",
    )
}

impl SqliteStore {
    /// Opens (creating if needed) `liandong.db` in `data`, and starts the writer thread.
    /// `on_commit` is told how long each batch took to commit.
    pub fn open(data: &Path, durability: Durability, on_commit: Option<LatencyObserver>) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data).map_err(|e| StoreError::Database(format!("{}: {e}", data.display())))?;
        let path = data.join(DB_FILE);
        let conn = Connection::open(&path).map_err(db_error)?;
        configure(&conn, durability).map_err(db_error)?;
        conn.pragma_update(None, "cache_size", -i64::from(WRITER_CACHE_KIB)).map_err(db_error)?;
        let (tx, rx) = mpsc::unbounded_channel();
        std::thread::Builder::new()
            .name("liandong-store".into())
            .spawn(move || writer(conn, rx, on_commit))
            .map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(Self { path, writer: tx, readers: Mutex::new(Vec::new()) })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn reader(&self) -> Result<Connection, StoreError> {
        if let Some(conn) = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(conn);
        }
        let conn =
            Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(db_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(db_error)?;
        conn.pragma_update(None, "cache_size", -i64::from(READER_CACHE_KIB)).map_err(db_error)?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        let mut readers = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if readers.len() < IDLE_READERS {
            readers.push(conn);
        }
    }

    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = self.reader()?;
        let (conn, result) = tokio::task::spawn_blocking(move || {
            let result = f(&conn);
            (conn, result)
        })
        .await
        .map_err(|e| StoreError::Database(e.to_string()))?;
        self.give_back(conn);
        result.map_err(db_error)
    }

    async fn request<T>(
        &self,
        op: impl FnOnce(oneshot::Sender<Result<T, StoreError>>) -> WriteOp,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.writer.send(op(reply)).map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

/// Copies the database in `data` to `to` as one consistent snapshot, also while a relay is
/// serving from it (SQLite `VACUUM INTO` reads one transaction's view). `to` must not exist.
pub fn backup(data: &Path, to: &Path) -> Result<(), StoreError> {
    if to.exists() {
        return Err(StoreError::Database(format!("{} already exists; choose a new file", to.display())));
    }
    let conn = Connection::open_with_flags(data.join(DB_FILE), OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(db_error)?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(db_error)?;
    conn.execute("VACUUM INTO ?1", params![to.to_string_lossy()]).map_err(db_error)?;
    Ok(())
}

fn last_seq(conn: &Connection, doc: &str) -> rusqlite::Result<u64> {
    let log: Option<i64> = conn.query_row("SELECT max(seq) FROM updates WHERE doc = ?1", [doc], |r| r.get(0))?;
    Ok(log.unwrap_or(0).max(0) as u64)
}

/// The writer thread: batches requests into transactions until every sender is gone.
fn writer(mut conn: Connection, mut rx: mpsc::UnboundedReceiver<WriteOp>, on_commit: Option<LatencyObserver>) {
    let mut next: HashMap<String, u64> = HashMap::new();
    while let Some(first) = rx.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(op) => batch.push(op),
                Err(_) => break,
            }
        }
        let started = Instant::now();
        let (ops, flushes): (Vec<WriteOp>, Vec<WriteOp>) =
            batch.into_iter().partition(|op| !matches!(op, WriteOp::Flush { .. }));
        let outcome = commit(&mut conn, &mut next, &ops);
        if let Some(observe) = &on_commit {
            observe(started.elapsed().as_secs_f64());
        }
        match outcome {
            Ok(results) => {
                for (op, result) in ops.into_iter().zip(results) {
                    match (op, result) {
                        (WriteOp::Append { reply, .. }, Ok(seq)) => drop(reply.send(Ok(seq))),
                        (WriteOp::Compact { reply, .. } | WriteOp::Rename { reply, .. }, Ok(_)) => {
                            drop(reply.send(Ok(())))
                        }
                        (WriteOp::Append { reply, .. }, Err(e)) => drop(reply.send(Err(e))),
                        (WriteOp::Compact { reply, .. } | WriteOp::Rename { reply, .. }, Err(e)) => {
                            drop(reply.send(Err(e)))
                        }
                        (WriteOp::Flush { .. }, _) => {}
                    }
                }
            }
            Err(e) => {
                // Nothing of the batch is committed; forget cached sequence numbers.
                next.clear();
                tracing::error!(error = %e, "storage commit failed");
                for op in ops {
                    let err = || StoreError::Database(e.to_string());
                    match op {
                        WriteOp::Append { reply, .. } => drop(reply.send(Err(err()))),
                        WriteOp::Compact { reply, .. } | WriteOp::Rename { reply, .. } => drop(reply.send(Err(err()))),
                        WriteOp::Flush { .. } => {}
                    }
                }
            }
        }
        for op in flushes {
            if let WriteOp::Flush { reply } = op {
                let result = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(db_error);
                let _ = reply.send(result);
            }
        }
    }
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// Runs `ops` in one transaction; per-op results (an op can fail alone, e.g. a stale
/// compaction), or the error that rolled the whole batch back.
fn commit(
    conn: &mut Connection,
    next: &mut HashMap<String, u64>,
    ops: &[WriteOp],
) -> rusqlite::Result<Vec<Result<u64, StoreError>>> {
    if ops.is_empty() {
        return Ok(Vec::new());
    }
    let tx = conn.transaction()?;
    let mut results = Vec::with_capacity(ops.len());
    {
        let mut insert = tx.prepare_cached("INSERT INTO updates (doc, seq, data) VALUES (?1, ?2, ?3)")?;
        for op in ops {
            match op {
                WriteOp::Append { doc, update, .. } => {
                    let seq = match next.get(doc) {
                        Some(seq) => *seq,
                        None => last_seq(&tx, doc)? + 1,
                    };
                    insert.execute(params![doc, seq as i64, update])?;
                    next.insert(doc.clone(), seq + 1);
                    results.push(Ok(seq));
                }
                WriteOp::Compact { doc, upto, .. } => {
                    let entries: Vec<(u64, Vec<u8>)> = {
                        let mut stmt = tx.prepare_cached(
                            "SELECT seq, data FROM updates WHERE doc = ?1 AND seq <= ?2 ORDER BY seq",
                        )?;
                        stmt.query_map(params![doc, *upto as i64], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))?
                            .collect::<rusqlite::Result<_>>()?
                    };
                    for run in merge_runs(&entries) {
                        let Some((last, earlier)) = run.seqs.split_last() else { continue };
                        for seq in earlier {
                            tx.execute("DELETE FROM updates WHERE doc = ?1 AND seq = ?2", params![doc, *seq as i64])?;
                        }
                        tx.execute(
                            "UPDATE updates SET data = ?3 WHERE doc = ?1 AND seq = ?2",
                            params![doc, *last as i64, run.update],
                        )?;
                    }
                    results.push(Ok(*upto));
                }
                WriteOp::Rename { from, to, .. } => {
                    if last_seq(&tx, to)? > 0 {
                        results.push(Err(StoreError::Database(format!("{to} already has entries"))));
                        continue;
                    }
                    tx.execute("UPDATE updates SET doc = ?2 WHERE doc = ?1", params![from, to])?;
                    next.remove(from);
                    next.remove(to);
                    results.push(Ok(0));
                }
                WriteOp::Flush { .. } => results.push(Ok(0)),
            }
        }
    }
    tx.commit()?;
    Ok(results)
}

#[async_trait]
impl Store for SqliteStore {
    async fn load(&self, doc: &str) -> Result<StoredDoc, StoreError> {
        let id = doc.to_owned();
        let doc = doc.to_owned();
        let mut stored = self
            .read(move |conn| {
                let mut stmt = conn.prepare_cached("SELECT seq, data FROM updates WHERE doc = ?1 ORDER BY seq")?;
                let log: Vec<(i64, Vec<u8>)> =
                    stmt.query_map(params![doc], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                let last_seq = log.last().map_or(0, |(s, _)| *s).max(0) as u64;
                let log_len = log.len();
                Ok(StoredDoc { updates: log.into_iter().map(|(_, data)| data).collect(), last_seq, log_len })
            })
            .await?;
        stored.updates = readable_log(&id, std::mem::take(&mut stored.updates));
        Ok(stored)
    }

    async fn append(&self, doc: &str, update: Vec<u8>) -> Result<u64, StoreError> {
        let doc = doc.to_owned();
        self.request(|reply| WriteOp::Append { doc, update, reply }).await
    }

    async fn compact(&self, doc: &str, upto: u64) -> Result<(), StoreError> {
        let doc = doc.to_owned();
        self.request(|reply| WriteOp::Compact { doc, upto, reply }).await
    }

    async fn flush(&self) -> Result<(), StoreError> {
        self.request(|reply| WriteOp::Flush { reply }).await
    }

    async fn rename(&self, from: &str, to: &str) -> Result<(), StoreError> {
        let (from, to) = (from.to_owned(), to.to_owned());
        self.request(|reply| WriteOp::Rename { from, to, reply }).await
    }

    async fn documents(&self) -> Result<Vec<String>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare("SELECT DISTINCT doc FROM updates ORDER BY 1")?;
            let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(ids)
        })
        .await
    }
}
