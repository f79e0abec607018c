//! Reading zip containers (.docx, OFD) within limits: a zip bomb is refused from its directory,
//! before anything is inflated, and reads stop at the limit whatever the directory claims.

use std::io::{Cursor, Read, Seek};

use zip::ZipArchive;

use super::{ExtractError, Format, Limits, Quantity};

/// A zip's directory, refused past the entry limit; `unreadable` says what a zip whose
/// directory cannot be read is (a broken document, a broken archive of reports).
pub fn open<R: Read + Seek>(
    reader: R,
    limits: &Limits,
    unreadable: impl FnOnce(zip::result::ZipError) -> ExtractError,
) -> Result<ZipArchive<R>, ExtractError> {
    let archive = ZipArchive::new(reader).map_err(unreadable)?;
    if archive.len() > limits.max_zip_entries {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::ArchiveEntries,
            found: archive.len() as u64,
            limit: limits.max_zip_entries as u64,
        });
    }
    Ok(archive)
}

fn open_container<'a>(
    bytes: &'a [u8],
    format: Format,
    limits: &Limits,
) -> Result<ZipArchive<Cursor<&'a [u8]>>, ExtractError> {
    open(Cursor::new(bytes), limits, |e| ExtractError::Malformed {
        format,
        reason: format!("not a readable zip container ({e})"),
    })
}

/// The entries of a zip container of a document in `format`.
pub fn entry_names(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
) -> Result<Vec<String>, ExtractError> {
    let archive = open_container(bytes, format, limits)?;
    Ok(archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .collect())
}

/// A container whose entries are read by name, each counted against the size limit.
pub struct Container<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    budget: u64,
    limit: u64,
}

impl<'a> Container<'a> {
    pub fn open(bytes: &'a [u8], format: Format, limits: &Limits) -> Result<Self, ExtractError> {
        let mut archive = open_container(bytes, format, limits)?;
        let declared: u64 = (0..archive.len())
            .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
            .sum();
        if declared > limits.max_unzipped_bytes {
            return Err(too_large(declared, limits.max_unzipped_bytes));
        }
        Ok(Self {
            archive,
            format,
            budget: limits.max_unzipped_bytes,
            limit: limits.max_unzipped_bytes,
        })
    }

    /// An entry as UTF-8 text, or `None` when there is no such entry.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let format = self.format;
        let index = match self.archive.index_for_name(name) {
            Some(index) => index,
            None => match (0..self.archive.len()).find(|&i| {
                self.archive
                    .name_for_index(i)
                    .is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
            }) {
                Some(index) => index,
                None => return Ok(None),
            },
        };
        let entry = self
            .archive
            .by_index(index)
            .map_err(|e| ExtractError::Malformed {
                format,
                reason: format!("entry {name} cannot be read ({e})"),
            })?;
        let mut bytes = Vec::new();
        // One byte past the budget tells a lying directory from a true one.
        entry
            .take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ExtractError::Malformed {
                format,
                reason: format!("entry {name} is corrupt ({e})"),
            })?;
        if bytes.len() as u64 > self.budget {
            return Err(too_large(self.limit + 1, self.limit));
        }
        self.budget -= bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ExtractError::Malformed {
                format,
                reason: format!("entry {name} is not UTF-8 XML"),
            })
    }
}

fn too_large(size: u64, limit: u64) -> ExtractError {
    ExtractError::TooLarge {
        quantity: Quantity::UnpackedBytes,
        found: size,
        limit,
    }
}
