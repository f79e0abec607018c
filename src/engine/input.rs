//! What a front end hands the engine: a report's text, a document's bytes, or one report of a
//! zip of reports; and the unpacking of such a zip, which the batch and the CLI share.

use std::sync::Arc;

use crate::extract::{Cancel, ExtractError, Extracted, Limits, Quantity, archive, extract_until};

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
    /// One report of a zip of reports, read out only when it is checked.
    Archived { archive: Arc<Vec<u8>>, index: usize },
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
            Input::Archived { archive, index } => extract_until(
                &archive::read(&archive, index, limits)?,
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
}

impl NamedInput {
    /// This input, or the reports inside it when it is a zip of reports: named by the zip's
    /// name and their path in it (`name` empty: by their path alone). A zip that cannot be
    /// listed stays one input, whose check then says what is wrong with it.
    pub fn unpack(self, limits: &Limits) -> Vec<NamedInput> {
        let reports = match &self.input {
            Input::Bytes { bytes, .. } if archive::is_archive_of_reports(bytes, limits) => {
                archive::list(bytes, limits).ok()
            }
            _ => None,
        };
        let (Some(reports), Input::Bytes { bytes, .. }) = (reports, &self.input) else {
            return vec![self];
        };
        let archive = Arc::new(bytes.clone());
        reports
            .into_iter()
            .map(|report| NamedInput {
                name: if self.name.is_empty() {
                    report.path
                } else {
                    format!("{}/{}", self.name, report.path)
                },
                input: Input::Archived {
                    archive: archive.clone(),
                    index: report.index,
                },
            })
            .collect()
    }
}
