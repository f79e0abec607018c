//! A Word document's format as Word shows it: the page setup, each paragraph's resolved font,
//! size, alignment, indent and line spacing, and the page number in the footer; and the format
//! profile (GB/T 9704-2012 by default) the format rules hold it to.
//!
//! Only a .docx (or a .doc/.wps/.rtf LibreOffice converts to one) has a format: every other
//! input leaves [`crate::document::Document::word_format`] empty, and the format rules quiet.

pub mod profile;
pub mod sizes;

use serde::{Deserialize, Serialize};

pub use profile::FormatProfile;

/// What the .docx reader found of the document's format.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WordFormat {
    /// The first section's page setup, when the document sets one.
    pub page: Option<PageSetup>,
    /// Each Word paragraph, by the same index as [`crate::Extracted::line_paragraphs`].
    pub paragraphs: Vec<ParagraphFormat>,
    /// What the footers hold for the page number.
    pub page_number: PageNumber,
    /// For each line of the extracted text, the Word paragraph it came from.
    pub lines: Vec<usize>,
}

impl WordFormat {
    /// The format of the paragraph a line (as sent) came from.
    pub fn of_line(&self, line: usize) -> Option<&ParagraphFormat> {
        self.paragraphs.get(*self.lines.get(line)?)
    }

    /// The Word paragraph a line (as sent) came from.
    pub fn paragraph_of_line(&self, line: usize) -> Option<usize> {
        self.lines.get(line).copied()
    }
}

/// Page size and margins in millimetres; the grid's lines a page, when a document grid is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PageSetup {
    pub width_mm: f32,
    pub height_mm: f32,
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
    /// Lines a page of the document grid (`w:docGrid` with a line pitch).
    pub grid_lines: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// How lines are spaced: fixed, at least, or a multiple of single spacing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum LineSpacing {
    Exact(f32),
    AtLeast(f32),
    Multiple(f32),
}

/// A paragraph as Word shows it, after the cascade of document defaults, styles, the theme's
/// fonts and direct formatting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParagraphFormat {
    /// The format of most of its characters.
    pub text: RunFormat,
    /// The format of its first characters: a heading run into its paragraph ("（一）依法行政。
    /// 全年……") has the heading's font there and the body's after.
    pub lead: RunFormat,
    pub align: Option<Align>,
    /// First-line indent in characters, when given in characters, else in points.
    pub first_line_chars: Option<f32>,
    pub first_line_pt: Option<f32>,
    pub line_spacing: Option<LineSpacing>,
}

/// Characters' format: the East Asian font, the size, bold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunFormat {
    pub font: Option<String>,
    pub size_pt: Option<f32>,
    pub bold: bool,
}

/// The page number as the footers hold it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageNumber {
    /// A footer has a PAGE field.
    pub field: bool,
    /// The footer paragraph with the field has dashes around it ("— 1 —").
    pub dashes: bool,
    pub font: Option<String>,
    pub size_pt: Option<f32>,
    /// Where the number stands on odd pages (and on every page without an even footer).
    pub align: Option<Align>,
    /// Where it stands on even pages: their own footer's when odd and even pages differ.
    pub even_align: Option<Align>,
}
