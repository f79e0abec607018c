//! Budgets of bytes for the whole process: its memory, and the temporary folder's space for
//! spooled batches. Request bodies being read, documents being extracted and answers being built
//! each hold a share of the memory budget, a spooled batch a share of the space; a request whose
//! share does not fit waits a little for others to finish, then is refused with 503, so that many
//! large requests at once slow the service down instead of taking the process past its
//! container's limits (memory, and the size of its `/tmp`).
//!
//! Shares are estimates of the bytes held (a body's length; a document's footprint, see
//! `extract::footprint`), taken before the bytes are, and given back when the work ends.
//! First fit, not first come: a small check does not queue behind a large one that waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use tokio::sync::Notify;

/// A budget of bytes; cheap to clone, every clone the same budget.
#[derive(Debug, Clone)]
pub struct ByteBudget {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    holds: Budgeted,
    total: u64,
    used: AtomicU64,
    released: Notify,
    /// How long a request waits for room by default.
    wait: Duration,
    /// Shares that found no room within their wait.
    refused: Counter,
}

/// What a budget holds, for the sentence that says it is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budgeted {
    Memory,
    SpoolSpace,
}

/// The budget had no room within the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// A body without a declared length is held a megabyte at a time as it comes.
const GROWTH_STEP: u64 = 1024 * 1024;

impl ByteBudget {
    /// A budget of `total` bytes of what it `holds`, whose shares wait up to `wait` for room.
    pub fn new(holds: Budgeted, total: u64, wait: Duration) -> Self {
        Self {
            inner: Arc::new(Inner {
                holds,
                total,
                used: AtomicU64::new(0),
                released: Notify::new(),
                wait,
                refused: Counter::default(),
            }),
        }
    }

    pub fn total(&self) -> u64 {
        self.inner.total
    }

    /// Bytes held by shares now.
    pub fn in_use(&self) -> u64 {
        self.inner.used.load(Ordering::Relaxed)
    }

    /// Shares refused so far, the counter the metrics show.
    pub fn refusals(&self) -> &Counter {
        &self.inner.refused
    }

    /// A share of nothing yet, to grow as the work learns what it needs.
    pub fn share(&self) -> Share {
        self.share_waiting(self.inner.wait)
    }

    /// The same, waiting up to `wait` for room: a batch's report, already accepted, waits longer
    /// than a new request.
    pub fn share_waiting(&self, wait: Duration) -> Share {
        Share {
            inner: self.inner.clone(),
            bytes: 0,
            wait,
        }
    }
}

impl Inner {
    fn try_take(&self, bytes: u64) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|after| *after <= self.total)
            })
            .is_ok()
    }
}

/// Bytes of the budget held by one request, given back when it is dropped.
#[derive(Debug)]
pub struct Share {
    inner: Arc<Inner>,
    bytes: u64,
    wait: Duration,
}

impl Share {
    /// What the bytes are of.
    pub fn holds(&self) -> Budgeted {
        self.inner.holds
    }

    /// Bytes held.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Holds at least `bytes` in all. It grows by what it holds, up to a megabyte, when that is
    /// more: a body read chunk by chunk asks again a few times, not at every chunk.
    pub async fn cover(&mut self, bytes: u64) -> Result<(), Exhausted> {
        if bytes <= self.bytes {
            return Ok(());
        }
        self.grow((bytes - self.bytes).max(self.bytes.min(GROWTH_STEP)))
            .await
    }

    /// Holds `bytes` more, waiting for other shares to be given back. A share never grows past
    /// the whole budget: a request larger than it runs alone.
    pub async fn grow(&mut self, bytes: u64) -> Result<(), Exhausted> {
        let wanted = bytes.min(self.inner.total.saturating_sub(self.bytes));
        if wanted == 0 {
            return Ok(());
        }
        let deadline = std::time::Instant::now() + self.wait;
        loop {
            // Created before trying, so a release between the try and the wait is not missed.
            let released = self.inner.released.notified();
            if self.inner.try_take(wanted) {
                self.bytes += wanted;
                return Ok(());
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if actix_web::rt::time::timeout(left, released).await.is_err() {
                self.inner.refused.inc();
                return Err(Exhausted);
            }
        }
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        if self.bytes > 0 {
            self.inner.used.fetch_sub(self.bytes, Ordering::AcqRel);
            self.inner.released.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(total: u64) -> ByteBudget {
        ByteBudget::new(Budgeted::Memory, total, Duration::ZERO)
    }

    #[actix_web::test]
    async fn shares_are_given_back_when_dropped() {
        let budget = budget(100);
        let mut first = budget.share();
        first.grow(60).await.unwrap();
        let mut second = budget.share();
        assert_eq!(second.grow(50).await, Err(Exhausted));
        assert_eq!((second.bytes(), budget.refusals().get()), (0, 1));
        second.grow(40).await.unwrap();
        assert_eq!(budget.in_use(), 100);
        drop(first);
        assert_eq!(budget.in_use(), 40);
    }

    #[actix_web::test]
    async fn a_waiting_share_gets_what_another_gives_back() {
        let budget = budget(100);
        let mut held = budget.share();
        held.grow(100).await.unwrap();
        let mut waiting = budget.share_waiting(Duration::from_secs(5));
        let release = async {
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
            drop(held);
        };
        let (grown, ()) = tokio::join!(waiting.grow(70), release);
        assert_eq!(grown, Ok(()));
        assert_eq!(budget.in_use(), 70);
    }

    #[actix_web::test]
    async fn a_small_share_passes_a_large_one_that_waits() {
        let budget = budget(100);
        let mut held = budget.share();
        held.grow(50).await.unwrap();
        let mut large = budget.share_waiting(Duration::from_millis(100));
        let mut small = budget.share();
        let small_first = async {
            small.grow(10).await.unwrap();
            budget.in_use()
        };
        let (large_grown, in_use) = tokio::join!(large.grow(80), small_first);
        assert_eq!(in_use, 60);
        assert_eq!(large_grown, Err(Exhausted));
    }

    #[actix_web::test]
    async fn a_share_larger_than_the_budget_runs_alone() {
        let budget = budget(100);
        let mut share = budget.share();
        share.grow(1_000).await.unwrap();
        assert_eq!(share.bytes(), 100);
        share.grow(1).await.unwrap();
        assert_eq!(budget.in_use(), 100);
    }

    #[actix_web::test]
    async fn a_growing_body_is_covered_a_step_at_a_time() {
        let budget = budget(10 * GROWTH_STEP);
        let mut share = budget.share();
        share.cover(10).await.unwrap();
        assert_eq!(share.bytes(), 10);
        share.cover(25).await.unwrap();
        assert_eq!(share.bytes(), 25);
        share.cover(26).await.unwrap();
        assert_eq!(share.bytes(), 50);
        share.cover(5).await.unwrap();
        assert_eq!(share.bytes(), 50);
        share.cover(3 * GROWTH_STEP).await.unwrap();
        share.cover(3 * GROWTH_STEP + 1).await.unwrap();
        assert_eq!(share.bytes(), 4 * GROWTH_STEP);
    }
}
