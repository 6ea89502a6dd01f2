//! The registry of rooms: at most one in-memory copy of each document.
//!
//! A connection asks for its document's room with [`Rooms::join`]; the lookup, the
//! creation of a missing room and the queueing of the join happen under one lock, and a
//! room only removes itself under the same lock after checking that no command is pending.
//! So many clients opening a new document at once share one room, and a client that
//! reconnects while its document is unloading either reaches the old room before it
//! decides to end, or a fresh one after it has gone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::room::{Command, ConnId, Outbox, Room, RoomHandle};

/// All rooms of the relay.
#[derive(Clone)]
pub struct Rooms {
    inner: Arc<Mutex<HashMap<Arc<str>, RoomHandle>>>,
    idle: Duration,
}

impl Rooms {
    /// An empty registry whose rooms unload after `idle` without connections.
    pub fn new(idle: Duration) -> Self {
        Self { inner: Arc::new(Mutex::new(HashMap::new())), idle }
    }

    /// Number of documents in memory.
    pub fn loaded(&self) -> usize {
        self.lock().len()
    }

    /// Joins connection `conn` to the room of `doc_id`, loading the room if needed. Returns
    /// the room's handle once the room has registered the connection (and queued sync step 1).
    pub async fn join(&self, doc_id: &str, conn: ConnId, outbox: Outbox) -> RoomHandle {
        loop {
            let (joined_tx, joined_rx) = oneshot::channel();
            let handle = {
                let mut rooms = self.lock();
                let handle = match rooms.get(doc_id) {
                    Some(handle) if handle.is_alive() => handle.clone(),
                    _ => {
                        let handle = self.spawn_room(doc_id);
                        rooms.insert(handle.doc_id.clone(), handle.clone());
                        handle
                    }
                };
                let command = Command::Join { conn, outbox: outbox.clone(), joined: joined_tx };
                if !handle.send(command) {
                    rooms.remove(doc_id);
                    continue;
                }
                handle
            };
            if joined_rx.await.is_ok() {
                return handle;
            }
        }
    }

    fn spawn_room(&self, doc_id: &str) -> RoomHandle {
        let registry = self.inner.clone();
        Room::spawn(Arc::from(doc_id), self.idle, move |handle, queue_empty| {
            let mut rooms = registry.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if !queue_empty() {
                return false;
            }
            // Commands are only queued under this lock, so none can arrive after this check.
            if let Some(current) = rooms.get(&handle.doc_id)
                && Arc::ptr_eq(&current.doc_id, &handle.doc_id)
            {
                rooms.remove(&handle.doc_id);
            }
            true
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Arc<str>, RoomHandle>> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
