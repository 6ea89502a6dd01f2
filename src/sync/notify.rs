//! A wake-up for tasks that wait on a condition of the sync state ("every change is
//! stored", "the link may be back"): the task registers, checks its condition, and sleeps
//! until told, instead of checking on a timer.
//!
//! Written here rather than taken from `event-listener` (the usual crate): this is all the
//! app needs, on one thread, in about twenty lines, and every crate is downloaded by every
//! officer with the Wasm.

use std::cell::RefCell;

use futures::channel::oneshot;

/// Tasks waiting to be told that something changed.
#[derive(Default)]
pub struct Notify {
    waiting: RefCell<Vec<oneshot::Sender<()>>>,
}

impl Notify {
    /// A future that resolves at the next [`Notify::notify_all`] after this call. Register
    /// first, then check the condition, then await: a change between the two is not missed.
    pub fn notified(&self) -> impl Future<Output = ()> + use<> {
        let (tx, rx) = oneshot::channel();
        self.waiting.borrow_mut().push(tx);
        async move {
            let _ = rx.await;
        }
    }

    /// Wakes every task waiting now.
    pub fn notify_all(&self) {
        for tx in self.waiting.borrow_mut().drain(..) {
            let _ = tx.send(());
        }
    }
}
