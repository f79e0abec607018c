//! What the findings become besides JSON, for the people who read them where they work: a Word
//! document with one comment per finding for the reviewer, and a spreadsheet of a batch for the
//! collecting office.

mod batch_table;
// Written by the batch and the command line, which come with the server.
#[cfg(feature = "server")]
mod collection_sheets;
mod comments;
mod fixes;
mod package;
mod spreadsheet;
mod text_docx;

pub use batch_table::batch_sheets;
#[cfg(feature = "server")]
pub use collection_sheets::collection_sheets;
pub use spreadsheet::{Sheet, csv, xlsx};

/// The media type of a spreadsheet.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

use std::collections::HashMap;

use crate::extract::{ExtractError, Extracted, Format, Limits};
use crate::lang::Lang;
use crate::report::{CheckReport, OutlineNode};

use comments::{Comment, Corrections, ParagraphMap, annotate_docx};
use fixes::Edit;

/// The header that says, beside a Word answer, whether the report complies.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub const COMPLIANT_HEADER: &str = "X-Nianbao-Compliant";

/// The media type of a Word document.
pub const DOCX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A zip of `parts`, deflated. It is written in memory under names of our own, so it cannot
/// fail but for a bug.
fn zip_package<'a>(parts: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        out.start_file(name, deflated())
            .expect("a new part of a package in memory");
        out.write_all(bytes).expect("writing to memory");
    }
    out.finish().expect("closing a zip in memory").into_inner()
}

fn deflated() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// Who the comments are by, as Word shows it.
const AUTHOR: &str = "nianbao";

/// The report as a .docx with a comment on each finding that has a place: the .docx as it was
/// sent (`original`), or for any other format a new one of the extracted text. With `revisions`,
/// each certain correction is there too, as a tracked revision beside its comment.
pub fn annotated(
    original: Option<&[u8]>,
    extracted: &Extracted,
    report: &CheckReport,
    lang: Lang,
    limits: &Limits,
    revisions: bool,
) -> Result<Vec<u8>, ExtractError> {
    let comments = comments_of(report, lang);
    let edits = if revisions {
        fixes::edits(report, &extracted.text)
    } else {
        Vec::new()
    };
    write_docx(
        original,
        extracted,
        report,
        &comments,
        (&edits, Corrections::Tracked),
        limits,
    )
}

/// The report with every certain correction made, without revisions or comments: a .docx for a
/// .docx, else the corrected text (`None` for a .docx, which comes back as Word).
pub fn fixed(
    original: Option<&[u8]>,
    extracted: &Extracted,
    report: &CheckReport,
    limits: &Limits,
) -> Result<Fixed, ExtractError> {
    let edits = fixes::edits(report, &extracted.text);
    if extracted.source.format == Format::Docx && original.is_some() {
        let docx = write_docx(
            original,
            extracted,
            report,
            &[],
            (&edits, Corrections::InPlace),
            limits,
        )?;
        return Ok(Fixed::Docx(docx));
    }
    Ok(Fixed::Text(fixes::apply(&extracted.text, &edits)))
}

/// A report with its corrections made.
#[derive(Debug)]
pub enum Fixed {
    Docx(Vec<u8>),
    Text(String),
}

/// The .docx as sent, or one made of the extracted text, with `comments` and `corrections`.
fn write_docx(
    original: Option<&[u8]>,
    extracted: &Extracted,
    report: &CheckReport,
    comments: &[Comment],
    corrections: (&[Edit], Corrections),
    limits: &Limits,
) -> Result<Vec<u8>, ExtractError> {
    let limit = limits.max_unzipped_bytes;
    let text = extracted.text.as_str();
    if let (Format::Docx, Some(bytes), Some(starts), Some(lines)) = (
        extracted.source.format,
        original,
        &extracted.paragraph_starts,
        &extracted.line_paragraphs,
    ) {
        let map = ParagraphMap {
            text,
            paragraph_starts: starts,
            line_paragraphs: lines,
        };
        return annotate_docx(bytes, &map, comments, corrections, AUTHOR, limit);
    }
    let docx = text_docx::text_docx(text, &heading_levels(&report.outline));
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            text.chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let lines: Vec<usize> = (0..starts.len()).collect();
    let map = ParagraphMap {
        text,
        paragraph_starts: &starts,
        line_paragraphs: &lines,
    };
    annotate_docx(&docx, &map, comments, corrections, AUTHOR, limit)
}

/// Each heading's line (from 0) and level, walked with a stack rather than recursion.
fn heading_levels(nodes: &[OutlineNode]) -> HashMap<usize, usize> {
    let mut levels = HashMap::new();
    let mut pending: Vec<&OutlineNode> = nodes.iter().collect();
    while let Some(node) = pending.pop() {
        levels.insert(node.span.line - 1, node.level);
        pending.extend(&node.children);
    }
    levels
}

/// A comment for each finding with a place: its message, what to write, its basis and its rule.
fn comments_of(report: &CheckReport, lang: Lang) -> Vec<Comment> {
    report
        .findings
        .iter()
        .filter_map(|finding| {
            // The Word format's findings about the whole document (page setup, page numbers)
            // are noted at its first character.
            let span = match finding.span {
                Some(span) => span.start..span.end,
                None if finding.rule.as_str().starts_with("format-") => 0..1,
                None => return None,
            };
            let mut lines = vec![finding.message.clone()];
            if let Some(suggestion) = &finding.suggestion {
                lines.push(lang.pick(
                    format!("建议：{suggestion}"),
                    format!("Suggestion: {suggestion}"),
                ));
            }
            if let Some(basis) = &finding.basis {
                let number = basis
                    .number
                    .as_deref()
                    .map(|n| format!("（{n}）"))
                    .unwrap_or_default();
                lines.push(lang.pick(
                    format!("依据：《{}》{number}", basis.title),
                    format!("Basis: 《{}》{number}", basis.title),
                ));
            }
            lines.push(lang.pick(
                format!("规则：{}", finding.rule),
                format!("Rule: {}", finding.rule),
            ));
            Some(Comment { span, lines })
        })
        .collect()
}
