//! What a front end hands the engine: a report's text, a document's bytes (in memory or
//! spooled), or one report of a zip of reports; and the unpacking of such a zip, which the batch
//! and the CLI share.

use std::io::Cursor;

use super::spool::Region;
use crate::extract::{
    Cancel, ExtractError, Extracted, Limits, Quantity, archive, extract_until, footprint,
};

/// One report to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// Text as submitted, already Unicode.
    Text(String),
    /// A document's bytes, with the media type its sender declared, if any; the format is read
    /// from the content.
    Bytes {
        bytes: Vec<u8>,
        media_type: Option<String>,
    },
    /// A document's bytes held in a spool (a file of a batch), read only when it is checked.
    Spooled {
        region: Region,
        media_type: Option<String>,
    },
    /// One report of a zip of reports, read out only when it is checked.
    Archived { archive: Region, index: usize },
}

/// A report with the name it is listed under: a file name, or `archive.zip/path/in/it`.
#[derive(Debug, Clone)]
pub struct NamedInput {
    pub name: String,
    pub input: Input,
}

impl Input {
    pub fn bytes(bytes: Vec<u8>) -> Self {
        Input::Bytes {
            bytes,
            media_type: None,
        }
    }

    /// The text to check, extracted within `limits`, stopped once `cancel` is set.
    pub fn extract(self, limits: &Limits, cancel: &Cancel) -> Result<Extracted, ExtractError> {
        let extracted = match self {
            Input::Text(text) => Ok(Extracted::from_text(text)),
            Input::Bytes { bytes, media_type } => {
                extract_until(&bytes, media_type.as_deref(), limits, cancel)
            }
            Input::Spooled { region, media_type } => extract_until(
                &read_spooled(&region)?,
                media_type.as_deref(),
                limits,
                cancel,
            ),
            Input::Archived { archive, index } => extract_until(
                &archive::read(archive.reader(), index, limits)?,
                None,
                limits,
                cancel,
            ),
        }?;
        // A text of no more bytes than the limit has no more characters: most are not counted.
        let chars = if extracted.text.len() <= limits.max_chars {
            0
        } else {
            extracted.text.chars().count()
        };
        if chars > limits.max_chars {
            return Err(ExtractError::TooLarge {
                quantity: Quantity::Characters,
                found: chars as u64,
                limit: limits.max_chars as u64,
            });
        }
        Ok(extracted)
    }

    /// The most memory reading and checking this input may hold at once, in bytes: its own
    /// bytes, what its format unpacks to, the text and the answer (an estimate that errs high).
    pub fn footprint(&self, limits: &Limits) -> u64 {
        match self {
            Input::Text(text) => footprint::of_text(text.len() as u64, limits),
            Input::Bytes { bytes, media_type } => {
                footprint::of_document(Cursor::new(bytes), media_type.as_deref(), limits)
            }
            Input::Spooled { region, media_type } => {
                footprint::of_document(region.reader(), media_type.as_deref(), limits)
            }
            Input::Archived { archive, index } => {
                // The directory's size of the entry; a lying one is stopped at the limit when read.
                let size = archive::entry_size(archive.reader(), *index, limits);
                footprint::of_archived(size.unwrap_or(limits.max_unzipped_bytes), limits)
            }
        }
    }

    /// The document's bytes as sent, for an answer that gives them back (Word with comments).
    pub fn original_bytes(&self) -> Option<Vec<u8>> {
        match self {
            Input::Bytes { bytes, .. } => Some(bytes.clone()),
            Input::Spooled { region, .. } => region.read_all().ok(),
            Input::Text(_) | Input::Archived { .. } => None,
        }
    }
}

fn read_spooled(region: &Region) -> Result<Vec<u8>, ExtractError> {
    region
        .read_all()
        .map_err(|e| ExtractError::BadArchive(format!("the spooled upload cannot be read ({e})")))
}

impl NamedInput {
    /// This input, or the reports inside it when it is a zip of reports: named by the zip's
    /// name and their path in it (`name` empty: by their path alone). A zip that cannot be
    /// listed stays one input, whose check then says what is wrong with it.
    pub fn unpack(self, limits: &Limits) -> Vec<NamedInput> {
        let name = self.name;
        let unchanged = |input| {
            vec![NamedInput {
                name: name.clone(),
                input,
            }]
        };
        let (archive, reports) = match self.input {
            Input::Bytes { bytes, media_type } => {
                match archive::reports_in(Cursor::new(&bytes), limits) {
                    Some(reports) => (Region::in_memory(bytes), reports),
                    None => return unchanged(Input::Bytes { bytes, media_type }),
                }
            }
            Input::Spooled { region, media_type } => {
                match archive::reports_in(region.reader(), limits) {
                    Some(reports) => (region, reports),
                    None => return unchanged(Input::Spooled { region, media_type }),
                }
            }
            input => return unchanged(input),
        };
        reports
            .into_iter()
            .map(|report| NamedInput {
                name: if name.is_empty() {
                    report.path
                } else {
                    format!("{name}/{}", report.path)
                },
                input: Input::Archived {
                    archive: archive.clone(),
                    index: report.index,
                },
            })
            .collect()
    }
}
