//! Bytes a front end holds for later, in memory while they are few and in an unnamed temporary
//! file past a threshold: a collecting office's batch of a hundred megabytes waits on disk, and
//! each report is read back only when its turn to be checked comes.
//!
//! The file has no name (`O_TMPFILE`, or created and unlinked at once where that is missing), so
//! nothing is left in the temporary folder on any way out, a killed process included.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

/// Bytes being written: in memory up to `threshold`, then in a temporary file.
#[derive(Debug)]
pub struct Spool {
    backing: Backing,
    len: u64,
    threshold: usize,
}

#[derive(Debug)]
enum Backing {
    Memory(Vec<u8>),
    File(File),
}

impl Spool {
    /// An empty spool that moves to a temporary file once it holds more than `threshold` bytes.
    pub fn new(threshold: usize) -> Self {
        Self {
            backing: Backing::Memory(Vec::new()),
            len: 0,
            threshold,
        }
    }

    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the bytes are on disk.
    pub fn is_spooled(&self) -> bool {
        matches!(self.backing, Backing::File(_))
    }

    /// Appends `bytes`, moving what is held to a temporary file when it passes the threshold.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Backing::Memory(held) = &mut self.backing {
            if held.len() + bytes.len() <= self.threshold {
                held.extend_from_slice(bytes);
                self.len += bytes.len() as u64;
                return Ok(());
            }
            let mut file = tempfile::tempfile()?;
            file.write_all(held)?;
            self.backing = Backing::File(file);
        }
        if let Backing::File(file) = &mut self.backing {
            file.write_all(bytes)?;
        }
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// The bytes written, to be read from many threads.
    pub fn finish(self) -> Arc<Spooled> {
        Arc::new(match self.backing {
            Backing::Memory(bytes) => Spooled::Memory(bytes),
            Backing::File(file) => Spooled::File(Mutex::new(file)),
        })
    }
}

/// Written bytes, read back by place.
#[derive(Debug)]
pub enum Spooled {
    Memory(Vec<u8>),
    File(Mutex<File>),
}

impl Spooled {
    /// Fills `buffer` from `offset`, returning how much was read.
    fn read_at(&self, offset: u64, buffer: &mut [u8]) -> io::Result<usize> {
        match self {
            Spooled::Memory(bytes) => {
                let start = usize::try_from(offset)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let n = buffer.len().min(bytes.len() - start);
                buffer[..n].copy_from_slice(&bytes[start..start + n]);
                Ok(n)
            }
            Spooled::File(file) => {
                // One reader at a time: a position is per file, not per reader.
                let mut file = file.lock().unwrap_or_else(|e| e.into_inner());
                file.seek(SeekFrom::Start(offset))?;
                file.read(buffer)
            }
        }
    }
}

/// A stretch of spooled bytes: one file of a batch.
#[derive(Debug, Clone)]
pub struct Region {
    spooled: Arc<Spooled>,
    offset: u64,
    len: u64,
}

impl Region {
    pub fn new(spooled: Arc<Spooled>, offset: u64, len: u64) -> Self {
        Self {
            spooled,
            offset,
            len,
        }
    }

    /// All of `bytes`, as a region of their own.
    pub fn in_memory(bytes: Vec<u8>) -> Self {
        let len = bytes.len() as u64;
        Self::new(Arc::new(Spooled::Memory(bytes)), 0, len)
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The region's bytes, read into memory.
    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        self.reader().read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// A reader over the region, for a zip's directory and its entries.
    pub fn reader(&self) -> RegionReader {
        RegionReader {
            region: self.clone(),
            position: 0,
        }
    }
}

/// Reads a region with a position of its own, so that many readers share one spool.
#[derive(Debug)]
pub struct RegionReader {
    region: Region,
    position: u64,
}

impl Read for RegionReader {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let left = self.region.len.saturating_sub(self.position);
        let wanted = buffer
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        if wanted == 0 {
            return Ok(0);
        }
        let n = self
            .region
            .spooled
            .read_at(self.region.offset + self.position, &mut buffer[..wanted])?;
        self.position += n as u64;
        Ok(n)
    }
}

impl Seek for RegionReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(n) => self.region.len.checked_add_signed(n),
            SeekFrom::Current(n) => self.position.checked_add_signed(n),
        };
        let target = target.ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "a seek before the start")
        })?;
        self.position = target;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spool_of(parts: &[&[u8]], threshold: usize) -> (Arc<Spooled>, Vec<Region>) {
        let mut spool = Spool::new(threshold);
        let mut regions = Vec::new();
        for part in parts {
            let offset = spool.len();
            spool.write(part).unwrap();
            regions.push((offset, part.len() as u64));
        }
        let spooled = spool.finish();
        let regions = regions
            .into_iter()
            .map(|(offset, len)| Region::new(spooled.clone(), offset, len))
            .collect();
        (spooled, regions)
    }

    #[test]
    fn regions_read_back_the_same_from_memory_and_from_a_file() {
        let parts: [&[u8]; 3] = [b"first report", b"", &[7u8; 5000]];
        let (in_memory, memory_regions) = spool_of(&parts, 1 << 20);
        let (on_disk, file_regions) = spool_of(&parts, 16);
        assert!(matches!(*in_memory, Spooled::Memory(_)));
        assert!(matches!(*on_disk, Spooled::File(_)));
        for ((part, a), b) in parts.iter().zip(&memory_regions).zip(&file_regions) {
            assert_eq!(a.read_all().unwrap(), *part);
            assert_eq!(b.read_all().unwrap(), *part);
        }
    }

    #[test]
    fn a_reader_seeks_within_its_region_only() {
        let (_, regions) = spool_of(&[b"abc", b"defgh"], 0);
        let mut reader = regions[1].reader();
        assert_eq!(reader.seek(SeekFrom::End(-2)).unwrap(), 3);
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "gh");
        assert!(reader.seek(SeekFrom::Current(-10)).is_err());
        reader.seek(SeekFrom::Start(100)).unwrap();
        assert_eq!(reader.read(&mut [0; 4]).unwrap(), 0);
    }
}
