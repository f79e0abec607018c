//! PDF with a text layer, page by page through pdf-extract (ToUnicode maps, Identity-H fonts),
//! then rebuilt into paragraphs by [`super::layout_text`]. A scanned PDF (no text) and an
//! encrypted one are refused with a reason, not read as an empty report.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::Document;
use pdf_extract::{PlainTextOutput, output_doc_page};

use super::layout_text::paragraphs;
use super::{ExtractError, Extracted, Format, Limits, Quantity};

pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    // The parsers are not hardened against every malformed file: a panic is a malformed PDF.
    catch_unwind(AssertUnwindSafe(|| read(bytes, limits)))
        .unwrap_or_else(|_| Err(malformed("its structure cannot be parsed".into())))
}

/// Whether a PDF ends as every complete one does, with `startxref` in its last bytes: a file cut
/// short in transfer is told so at once, without starting a reader.
pub fn is_whole(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    memchr::memmem::find(tail, b"startxref").is_some()
}

pub fn cut_short() -> ExtractError {
    malformed("it is cut short: it does not end with its cross-reference table".into())
}

fn malformed(reason: String) -> ExtractError {
    ExtractError::Malformed {
        format: Format::Pdf,
        reason,
    }
}

/// Deepest page tree read; real documents have a few levels.
const MAX_TREE_DEPTH: usize = 64;

/// Whether a page's chain of `/Parent` links ends within [`MAX_TREE_DEPTH`] steps: attributes a
/// page inherits are looked up along it, which loops forever on a cycle.
fn has_sound_ancestry(document: &Document, page: lopdf::ObjectId) -> bool {
    let mut current = page;
    for _ in 0..MAX_TREE_DEPTH {
        let parent = document
            .get_dictionary(current)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|p| p.as_reference().ok());
        match parent {
            None => return true,
            Some(next) => current = next,
        }
    }
    false
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut document = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => ExtractError::Encrypted {
            format: Format::Pdf,
        },
        other => malformed(format!("it cannot be read ({other})")),
    })?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(ExtractError::Encrypted {
            format: Format::Pdf,
        });
    }
    if document.objects.len() > limits.max_pdf_objects {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::PdfObjects,
            found: document.objects.len() as u64,
            limit: limits.max_pdf_objects as u64,
        });
    }
    let pages_by_number = document.get_pages();
    if let Some(number) = pages_by_number
        .iter()
        .find(|(_, id)| !has_sound_ancestry(&document, **id))
        .map(|(number, _)| *number)
    {
        return Err(malformed(format!(
            "page {number}'s chain of parents loops or is deeper than {MAX_TREE_DEPTH}"
        )));
    }
    let page_numbers: Vec<u32> = pages_by_number.keys().copied().collect();
    if page_numbers.len() > limits.max_pdf_pages {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::PdfPages,
            found: page_numbers.len() as u64,
            limit: limits.max_pdf_pages as u64,
        });
    }
    if page_numbers.is_empty() {
        return Err(malformed("it has no pages".into()));
    }
    let mut pages = Vec::with_capacity(page_numbers.len());
    for number in &page_numbers {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        output_doc_page(&document, &mut output, *number)
            .map_err(|e| malformed(format!("page {number} cannot be read ({e})")))?;
        pages.push(text.lines().map(str::to_owned).collect::<Vec<_>>());
    }
    let text = paragraphs(&pages);
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(ExtractError::NoText {
            format: Format::Pdf,
        });
    }
    let mut extracted = Extracted::new(text, Format::Pdf);
    extracted.source.pages = Some(page_numbers.len());
    Ok(extracted)
}
