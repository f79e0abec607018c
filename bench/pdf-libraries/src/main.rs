//! `pdf-libraries LIBRARY FILE`: the text one library extracts from a PDF, on standard output.
//! One document per process, so the driver can bound and time each library alike.

use std::io::Write;

use hayro_interpret::font::GlyphRun;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Rect};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(library), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: pdf-libraries pdf-extract|pdf_oxide|hayro FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).expect("the file can be read");
    let text = match library.as_str() {
        "pdf-extract" => pdf_extract::extract_text_from_mem(&bytes).map_err(|e| e.to_string()),
        "pdf_oxide" => pdf_oxide::PdfDocument::from_bytes(bytes)
            .and_then(|document| document.extract_all_text())
            .map_err(|e| e.to_string()),
        "hayro" => hayro(bytes),
        other => Err(format!("unknown library {other}")),
    };
    match text {
        Ok(text) => std::io::stdout().write_all(text.as_bytes()).unwrap(),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}

/// hayro draws pages; the text is the Unicode of each glyph drawn, a line break where the
/// baseline moves.
fn hayro(bytes: Vec<u8>) -> Result<String, String> {
    let pdf = hayro_syntax::Pdf::new(bytes).map_err(|e| format!("{e:?}"))?;
    let cache = InterpreterCache::new();
    let mut glyphs = Glyphs::default();
    for page in pdf.pages().iter() {
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        interpret_page(page, &mut context, &mut glyphs);
        glyphs.text.push('\n');
        glyphs.baseline = None;
    }
    Ok(glyphs.text)
}

#[derive(Default)]
struct Glyphs {
    text: String,
    baseline: Option<f64>,
}

impl Device<'_> for Glyphs {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for glyph in run.glyphs() {
            let y = (props.transform * glyph.transform()).translation().y;
            if self.baseline.is_some_and(|b| (b - y).abs() > 2.0) {
                self.text.push('\n');
            }
            self.baseline = Some(y);
            match glyph.as_unicode() {
                Some(hayro_cmap::BfString::Char(c)) => self.text.push(c),
                Some(hayro_cmap::BfString::String(s)) => self.text.push_str(&s),
                None => self.text.push('\u{FFFD}'),
            }
        }
    }
}
