//! PDF with a text layer, page by page through hayro (ToUnicode maps, predefined CJK CMaps,
//! embedded and standard fonts), then rebuilt into paragraphs by [`super::layout_text`]. A
//! scanned PDF (no text) and an encrypted one are refused with a reason, not read as an empty
//! report. `bench/pdf-libraries.py` says why hayro: against pdf-extract and pdf_oxide it reads
//! our PDFs whole, several times faster, and survives the nested and looping ones. What the
//! streams inflate to is counted first ([`streams`]), against the unzip budget.

mod streams;

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro_cmap::BfString;
use hayro_interpret::font::GlyphRun;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use hayro_syntax::{LoadPdfError, Pdf};
use kurbo::{Affine, BezPath, Rect};

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

fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let budget = limits.max_unzipped_bytes;
    streams::inflated_size(bytes, budget).map_err(|found| ExtractError::TooLarge {
        quantity: Quantity::UnpackedBytes,
        found,
        limit: budget,
    })?;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ExtractError::Encrypted {
            format: Format::Pdf,
        },
        LoadPdfError::Invalid => malformed("its cross-reference table cannot be read".into()),
    })?;
    if pdf.len() > limits.max_pdf_objects {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::PdfObjects,
            found: pdf.len() as u64,
            limit: limits.max_pdf_objects as u64,
        });
    }
    let pages = pdf.pages();
    if pages.len() > limits.max_pdf_pages {
        return Err(ExtractError::TooLarge {
            quantity: Quantity::PdfPages,
            found: pages.len() as u64,
            limit: limits.max_pdf_pages as u64,
        });
    }
    if pages.is_empty() {
        return Err(malformed("it has no pages".into()));
    }
    let cache = InterpreterCache::new();
    let mut lines_by_page = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        // Only the glyphs are wanted: the page's size and placement do not matter.
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut lines = Lines::default();
        interpret_page(page, &mut context, &mut lines);
        lines_by_page.push(lines.finish());
    }
    let text = paragraphs(&lines_by_page);
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(ExtractError::NoText {
            format: Format::Pdf,
        });
    }
    let mut extracted = Extracted::new(text, Format::Pdf);
    extracted.source.pages = Some(pages.len());
    Ok(extracted)
}

/// How far a glyph's baseline may move (in points) and still be on the same visual line.
const SAME_LINE: f64 = 2.0;

/// A page's visual lines: the Unicode of the glyphs drawn, in drawing order, a new line where
/// the baseline moves.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    baseline: Option<f64>,
}

impl Lines {
    fn finish(mut self) -> Vec<String> {
        self.lines.push(self.current);
        self.lines
    }
}

impl Device<'_> for Lines {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for glyph in run.glyphs() {
            let baseline = (props.transform * glyph.transform()).translation().y;
            if self
                .baseline
                .is_some_and(|line| (line - baseline).abs() > SAME_LINE)
            {
                self.lines.push(std::mem::take(&mut self.current));
            }
            self.baseline = Some(baseline);
            match glyph.as_unicode() {
                Some(BfString::Char(c)) => self.current.push(c),
                Some(BfString::String(s)) => self.current.push_str(&s),
                // A glyph without a Unicode mapping is no text.
                None => {}
            }
        }
    }
}
