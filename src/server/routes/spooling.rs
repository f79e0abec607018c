//! A batch's body written to a spool as it streams in: in memory up to the spool's threshold, on
//! disk past it, written a megabyte at a time on the blocking pool so that no async worker waits
//! on the disk.

use std::io;
use std::sync::Arc;

use actix_web::web;

use crate::engine::{Spool, Spooled};

/// Bytes gathered before they are written.
pub const FLUSH_SIZE: usize = 1024 * 1024;

pub struct SpoolWriter {
    /// `None` only after a write failed; every later write fails too.
    spool: Option<Spool>,
    pending: Vec<u8>,
}

impl SpoolWriter {
    pub fn new(threshold: usize) -> Self {
        Self {
            spool: Some(Spool::new(threshold)),
            pending: Vec::new(),
        }
    }

    /// Bytes written so far, the place the next byte will have.
    pub fn len(&self) -> u64 {
        self.spool.as_ref().map_or(0, Spool::len) + self.pending.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.pending.extend_from_slice(chunk);
        if self.pending.len() >= FLUSH_SIZE {
            self.flush().await?;
        }
        Ok(())
    }

    /// Everything written, to read back; and whether it went to disk.
    pub async fn finish(mut self) -> io::Result<(Arc<Spooled>, bool)> {
        self.flush().await?;
        let spool = self.spool.take().ok_or_else(lost)?;
        let on_disk = spool.is_spooled();
        Ok((spool.finish(), on_disk))
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
