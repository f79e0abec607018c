//! Extraction: a document as it arrives (text in any common encoding, .docx, PDF, HTML, OFD, and
//! .doc/.wps/.rtf through LibreOffice) into the text the engine checks.
//!
//! The format is detected from the content (magic bytes, the entries of a zip container), not
//! from the file name; a declared media type only breaks ties (HTML, WPS) and names a text's
//! charset. Every extractor works under [`Limits`].

pub mod archive;
mod detect;
mod docx;
mod docx_format;
pub mod footprint;
mod html;
pub mod isolated;
mod layout_text;
mod limits;
mod ofd;
mod office;
mod pdf;
mod plain;
pub(crate) mod xml;
mod zipped;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::cancel::{Cancel, CancelOnDrop};
pub use detect::{FileClass, Format, NotAReport, media_type_parameter};
pub use limits::Limits;
pub use office::stop_all as stop_converters;

/// What the submitted document was.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"format": "docx", "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "encoding": null, "pages": null, "paragraphs": 27}))]
pub struct Source {
    pub format: Format,
    /// The media type of the detected format.
    pub media_type: String,
    /// The character encoding of a text file (`UTF-8`, `GB18030`, `UTF-16LE` …).
    pub encoding: Option<String>,
    /// Pages of a PDF or OFD document.
    pub pages: Option<usize>,
    /// Non-blank paragraphs in the extracted text.
    pub paragraphs: usize,
}

/// A document's text, as the engine checks it and as spans refer to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extracted {
    pub text: String,
    pub source: Source,
    /// Lines the source marks as headings (Word heading styles and outline levels): (line, level).
    pub heading_levels: Vec<(usize, usize)>,
    /// For each line, the index of the source paragraph it came from (.docx).
    pub line_paragraphs: Option<Vec<usize>>,
    /// For each source paragraph (.docx), the code-point offset where its own text starts,
    /// after the number Word shows before it: where its comments are anchored.
    #[serde(default)]
    pub paragraph_starts: Option<Vec<usize>>,
    /// A Word document's format as Word shows it; `None` for every other format.
    #[serde(default)]
    pub word_format: Option<crate::format::WordFormat>,
}

/// Why a document could not be read; each becomes a 4xx problem naming the format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ExtractError {
    #[error("unsupported format: {0}")]
    Unsupported(String),
    #[error("{format} conversion needs LibreOffice, which is not installed")]
    ConverterMissing { format: Format },
    #[error("{found} {} exceed the limit of {limit}", quantity.unit_en())]
    TooLarge {
        quantity: Quantity,
        /// How much the document has (at least; reading stops past the limit).
        found: u64,
        limit: u64,
    },
    #[error("malformed {format}: {reason}")]
    Malformed { format: Format, reason: String },
    #[error("the {format} document is encrypted")]
    Encrypted { format: Format },
    #[error("the {format} document has no text layer")]
    NoText { format: Format },
    #[error("reading the document took longer than {seconds} s")]
    Timeout { seconds: u64 },
    #[error("the file is empty")]
    Empty,
    #[error("unreadable zip archive: {0}")]
    BadArchive(String),
    #[error("not a report: {0}")]
    NotAReport(NotAReport),
}

/// What a document had too much of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    /// Bytes of a document or report once unpacked.
    UnpackedBytes,
    /// Entries of a zip container or archive.
    ArchiveEntries,
    PdfObjects,
    PdfPages,
    /// Characters of the text to check.
    Characters,
}

impl Quantity {
    pub fn unit_en(self) -> &'static str {
        match self {
            Quantity::UnpackedBytes => "unpacked bytes",
            Quantity::ArchiveEntries => "zip entries",
            Quantity::PdfObjects => "PDF objects",
            Quantity::PdfPages => "PDF pages",
            Quantity::Characters => "characters",
        }
    }

    /// What is counted, as a clerk's message names it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Quantity::UnpackedBytes => "解压后的字节数",
            Quantity::ArchiveEntries => "压缩包中的文件数",
            Quantity::PdfObjects => "PDF 的对象数",
            Quantity::PdfPages => "PDF 的页数",
            Quantity::Characters => "字数",
        }
    }
}

impl ExtractError {
    /// The document's format when it was recognised before reading failed.
    pub fn format(&self) -> Option<Format> {
        match self {
            ExtractError::ConverterMissing { format }
            | ExtractError::Malformed { format, .. }
            | ExtractError::Encrypted { format }
            | ExtractError::NoText { format } => Some(*format),
            _ => None,
        }
    }

    /// A short name of what went wrong, for metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Unsupported(_) => "unsupported",
            ExtractError::ConverterMissing { .. } => "converter-missing",
            ExtractError::TooLarge { .. } => "too-large",
            ExtractError::Malformed { .. } => "malformed",
            ExtractError::Encrypted { .. } => "encrypted",
            ExtractError::NoText { .. } => "no-text",
            ExtractError::Timeout { .. } => "timeout",
            ExtractError::Empty => "empty",
            ExtractError::BadArchive(_) => "bad-archive",
            ExtractError::NotAReport(_) => "not-a-report",
        }
    }
}

/// Extracts the text of `bytes`. `media_type` is what the sender declared, if anything.
pub fn extract(
    bytes: &[u8],
    media_type: Option<&str>,
    limits: &Limits,
) -> Result<Extracted, ExtractError> {
    extract_until(bytes, media_type, limits, &Cancel::default())
}

/// The same, stopped (as a time-out) once `cancel` is set.
pub fn extract_until(
    bytes: &[u8],
    media_type: Option<&str>,
    limits: &Limits,
    cancel: &Cancel,
) -> Result<Extracted, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let format = detect::detect(bytes, media_type, limits)?;
    if format == Format::Pdf && !pdf::is_whole(bytes) {
        return Err(pdf::cut_short());
    }
    let mut extracted = match (format, &limits.worker) {
        (Format::Pdf | Format::Html, Some(worker)) => {
            isolated::extract(bytes, format, media_type, limits, worker, cancel)
        }
        _ => read_in_process(bytes, format, media_type, limits, cancel),
    }?;
    extracted.source.paragraphs = paragraphs(&extracted.text);
    if extracted.source.paragraphs == 0 {
        return Err(ExtractError::NoText { format });
    }
    Ok(extracted)
}

/// Reads a document of a known format in this process.
fn read_in_process(
    bytes: &[u8],
    format: Format,
    media_type: Option<&str>,
    limits: &Limits,
    cancel: &Cancel,
) -> Result<Extracted, ExtractError> {
    match format {
        Format::Text => plain::extract(bytes, media_type),
        Format::Docx => docx::extract(bytes, limits),
        Format::Pdf => pdf::extract(bytes, limits),
        Format::Html => html::extract(bytes, media_type),
        Format::Ofd => ofd::extract(bytes, limits),
        Format::Doc | Format::Wps | Format::Rtf => office::extract(bytes, format, limits, cancel),
    }
}

/// The non-blank paragraphs of an extracted text.
fn paragraphs(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

impl Extracted {
    /// Text submitted as such (UTF-8 already).
    pub fn from_text(text: String) -> Self {
        let mut extracted = Self::new(text, Format::Text);
        extracted.source.encoding = Some("UTF-8".into());
        extracted.source.paragraphs = paragraphs(&extracted.text);
        extracted
    }

    fn new(text: String, format: Format) -> Self {
        Self {
            text,
            source: Source {
                format,
                media_type: format.media_type().to_owned(),
                encoding: None,
                pages: None,
                paragraphs: 0,
            },
            heading_levels: Vec::new(),
            line_paragraphs: None,
            paragraph_starts: None,
            word_format: None,
        }
    }
}
