//! The registry of rooms: at most one in-memory copy of each document.
//!
//! A connection asks for its document's room with [`Rooms::join`]; the lookup, the
//! creation of a missing room and the queueing of the join happen under one lock, and a
//! room only removes itself under the same lock after checking that no command is pending.
//! So many clients opening a new document at once share one room (which loads it once),
//! and a client that reconnects while its document is unloading either reaches the old
//! room before it decides to end, or a fresh one after it has gone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use liandong_core::access::Rights;
use tokio::sync::oneshot;

use crate::room::{ConnId, Features, Join, Outbox, Room, RoomContext, RoomHandle};

/// All rooms of the relay.
#[derive(Clone)]
pub struct Rooms {
    inner: Arc<Mutex<HashMap<Arc<str>, RoomHandle>>>,
    ctx: RoomContext,
}

impl Rooms {
    /// An empty registry whose rooms share `ctx`.
    pub fn new(ctx: RoomContext) -> Self {
        Self { inner: Arc::new(Mutex::new(HashMap::new())), ctx }
    }

    /// Number of documents in memory.
    pub fn loaded(&self) -> usize {
        self.lock().len()
    }

    /// Joins connection `conn` with `rights` to the room of `doc_id`, loading the room if
    /// needed. Returns the room's handle once it has registered the connection (and queued
    /// sync step 1), or the reason the document cannot be loaded.
    pub async fn join(
        &self,
        doc_id: &str,
        conn: ConnId,
        outbox: Outbox,
        rights: Rights,
        features: Features,
    ) -> Result<RoomHandle, String> {
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
                if !handle.join(Join { conn, outbox: outbox.clone(), rights, features, joined: joined_tx }) {
                    rooms.remove(doc_id);
                    continue;
                }
                handle
            };
            match joined_rx.await {
                Ok(Ok(())) => return Ok(handle),
                Ok(Err(reason)) => return Err(reason),
                Err(_) => continue, // the room ended while the join was queued: try a fresh one
            }
        }
    }

    fn spawn_room(&self, doc_id: &str) -> RoomHandle {
        let registry = self.inner.clone();
        Room::spawn(
            Arc::from(doc_id),
            self.ctx.clone(),
            Box::new(move |handle, queue_empty| {
                let mut rooms = registry.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if !queue_empty() {
                    return false;
                }
                // Joins are only queued under this lock, so none can arrive after this check.
                if let Some(current) = rooms.get(&handle.doc_id)
                    && Arc::ptr_eq(&current.doc_id, &handle.doc_id)
                {
                    rooms.remove(&handle.doc_id);
                }
                true
            }),
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Arc<str>, RoomHandle>> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
