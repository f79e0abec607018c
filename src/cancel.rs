//! Work that nobody waits for any more stops: a flag the asker sets (a client that went away, a
//! time-out) and the slow steps check: waiting for a worker slot, a worker or a converter, and
//! between the engine's steps and rules.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Cancels when dropped: held by the future that waits for the work, so dropping that future
/// (the client hung up, the time budget ran out) stops the work.
#[derive(Debug, Default)]
pub struct CancelOnDrop(pub Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}
