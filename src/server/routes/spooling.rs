//! A batch's body written to a spool as it streams in: in memory up to the spool's threshold, on
//! disk past it, written a megabyte at a time on the blocking pool so that no async worker waits
//! on the disk. What it writes is held in the budget of the temporary folder's space.

use std::io;
use std::sync::Arc;

use actix_web::web;

use crate::engine::{Spool, Spooled};
use crate::lang::Lang;
use crate::server::budget::Share;
use crate::server::problem::Problem;
use crate::server::routes::body::hold;

/// Bytes gathered before they are written.
pub const FLUSH_SIZE: usize = 1024 * 1024;

pub struct SpoolWriter {
    /// `None` only after a write failed; every later write fails too.
    spool: Option<Spool>,
    pending: Vec<u8>,
    space: Share,
    lang: Lang,
}

impl SpoolWriter {
    /// A writer whose bytes are held in `space`.
    pub fn new(threshold: usize, space: Share, lang: Lang) -> Self {
        Self {
            spool: Some(Spool::new(threshold)),
            pending: Vec::new(),
            space,
            lang,
        }
    }

    /// Bytes written so far, the place the next byte will have.
    pub fn len(&self) -> u64 {
        self.spool.as_ref().map_or(0, Spool::len) + self.pending.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends `chunk`, or says why it cannot: no room in the space budget (503), or a
    /// temporary folder that does not take it.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), Problem> {
        let after = usize::try_from(self.len()).unwrap_or(usize::MAX) + chunk.len();
        hold(&mut self.space, after, self.lang).await?;
        self.pending.extend_from_slice(chunk);
        if self.pending.len() >= FLUSH_SIZE {
            self.flush().await.map_err(|e| failed(&e, self.lang))?;
        }
        Ok(())
    }

    /// Everything written, to read back, and its share of the space, to hold as long as it is
    /// read.
    pub async fn finish(mut self) -> Result<(Arc<Spooled>, Share), Problem> {
        let lang = self.lang;
        self.flush().await.map_err(|e| failed(&e, lang))?;
        let spool = self.spool.take().ok_or_else(|| failed(&lost(), lang))?;
        tracing::debug!(on_disk = spool.is_spooled(), "batch spooled");
        Ok((spool.finish(), self.space))
    }

    async fn flush(&mut self) -> io::Result<()> {
        let mut spool = self.spool.take().ok_or_else(lost)?;
        let pending = std::mem::take(&mut self.pending);
        let (spool, pending, written) = web::block(move || {
            let written = spool.write(&pending);
            (spool, pending, written)
        })
        .await
        .map_err(io::Error::other)?;
        written?;
        self.spool = Some(spool);
        // The buffer is kept for the next megabyte.
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }
}

fn lost() -> io::Error {
    io::Error::other("an earlier write to the spool failed")
}

/// The temporary folder could not take the batch (full, or not writable).
fn failed(error: &io::Error, lang: Lang) -> Problem {
    tracing::error!(%error, "a batch could not be spooled to the temporary folder");
    Problem::internal(lang)
}
