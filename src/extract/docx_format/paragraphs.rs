//! document.xml's paragraphs as Word shows them, and its first section's page setup. The
//! paragraphs are counted exactly as the text reader counts them (a `w:p` inside another, in a
//! text box, replaces it), so that index `i` here is paragraph `i` there.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::props::{FontRef, ParaProps, RunProps};
use super::styles::Styles;
use super::theme::ThemeFonts;
use crate::extract::ExtractError;
use crate::extract::xml::{attr, local};
use crate::format::{PageSetup, ParagraphFormat, RunFormat};

/// One paragraph being read: its own properties and how many characters each distinct run
/// format covers.
#[derive(Default)]
struct Reading {
    style: Option<String>,
    para: ParaProps,
    /// (format, characters); a paragraph has a few distinct formats, however many runs.
    runs: Vec<(RunProps, usize)>,
}

/// Where the reader is inside a paragraph.
#[derive(Default)]
struct Place {
    in_ppr: bool,
    /// Inside `w:pPr/w:rPr` (the paragraph mark's properties), which shape no text.
    in_mark: bool,
    in_rpr: bool,
    in_text: bool,
    run: Option<RunProps>,
    run_chars: usize,
}

pub struct Read {
    pub paragraphs: Vec<ParagraphFormat>,
    pub page: Option<PageSetup>,
    /// The first section's footers: their kind (`default`, `even`, `first`) and relationship id.
    pub footers: Vec<(String, String)>,
}

pub fn read(
    xml: &str,
    styles: &mut Styles,
    theme: &ThemeFonts,
    error: impl Fn(quick_xml::Error) -> ExtractError,
) -> Result<Read, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<Reading> = None;
    let mut place = Place::default();
    let mut section: Option<Section> = None;
    let mut in_section = false;
    loop {
        match reader.read_event().map_err(&error)? {
            Event::Start(e) => match local(&e) {
                "p" => {
                    current = Some(Reading::default());
                    place = Place::default();
                }
                "sectPr" if section.is_none() => {
                    in_section = true;
                    section = Some(Section::default());
                }
                "r" => {
                    place.run = Some(RunProps::default());
                    place.run_chars = 0;
                }
                "pPr" => place.in_ppr = true,
                "rPr" if place.in_ppr => place.in_mark = true,
                "rPr" => place.in_rpr = true,
                "t" => place.in_text = true,
                _ => property(&e, current.as_mut(), &mut place, styles),
            },
            Event::Empty(e) => {
                if local(&e) == "p" {
                    paragraphs.push(ParagraphFormat::default());
                } else if in_section {
                    if let Some(section) = section.as_mut() {
                        section.read(&e);
                    }
                } else {
                    property(&e, current.as_mut(), &mut place, styles);
                }
            }
            Event::Text(t) if place.in_text => {
                place.run_chars += t
                    .xml10_content()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count();
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => {
                    if let Some(reading) = current.take() {
                        paragraphs.push(resolve(reading, styles, theme));
                    }
                }
                "sectPr" => in_section = false,
                "r" => {
                    if let (Some(run), Some(reading)) = (place.run.take(), current.as_mut()) {
                        add_run(reading, run, place.run_chars);
                    }
                }
                "pPr" => place.in_ppr = false,
                "rPr" if place.in_mark => place.in_mark = false,
                "rPr" => place.in_rpr = false,
                "t" => place.in_text = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let (page, footers) = match section {
        Some(section) => (section.page(), section.footers),
        None => (None, Vec::new()),
    };
    Ok(Read {
        paragraphs,
        page,
        footers,
    })
}

fn property(
    element: &BytesStart,
    current: Option<&mut Reading>,
    place: &mut Place,
    styles: &mut Styles,
) {
    let Some(reading) = current else { return };
    if place.in_mark {
        return;
    }
    if place.in_ppr {
        match local(element) {
            "pStyle" => reading.style = attr(element, "val"),
            _ => reading.para.read(element),
        }
    } else if place.in_rpr
        && let Some(run) = place.run.as_mut()
    {
        match local(element) {
            "rStyle" => {
                if let Some(id) = attr(element, "val") {
                    // The character style sits under the direct formatting read after it.
                    let mut styled = styles.character(&id);
                    styled.overlay(run);
                    *run = styled;
                }
            }
            _ => run.read(element),
        }
    }
}

/// Counts a run's characters under its format; formats are few, so a short list is searched.
fn add_run(reading: &mut Reading, run: RunProps, chars: usize) {
    if chars == 0 {
        return;
    }
    match reading.runs.iter_mut().find(|(props, _)| *props == run) {
        Some((_, count)) => *count += chars,
        None => reading.runs.push((run, chars)),
    }
}

/// The paragraph as Word shows it: its style's cascade under its direct formatting, and the
/// format of most of its characters.
fn resolve(reading: Reading, styles: &mut Styles, theme: &ThemeFonts) -> ParagraphFormat {
    let (mut para, base) = styles.paragraph(reading.style.as_deref());
    para.overlay(&reading.para);
    let mut totals: Vec<(RunProps, usize)> = Vec::new();
    for (direct, chars) in reading.runs {
        let mut run = base.clone();
        run.overlay(&direct);
        match totals.iter_mut().find(|(props, _)| *props == run) {
            Some((_, count)) => *count += chars,
            None => totals.push((run, chars)),
        }
    }
    let lead = totals.first().map_or(&base, |(run, _)| run);
    let lead = run_format(lead, theme);
    let most = totals
        .iter()
        .max_by_key(|(_, chars)| *chars)
        .map_or(&base, |(run, _)| run);
    ParagraphFormat {
        text: run_format(most, theme),
        lead,
        align: para.align,
        first_line_chars: para.first_line_chars.map(|c| c as f32 / 100.0),
        first_line_pt: para.first_line_twips.map(|t| t as f32 / 20.0),
        line_spacing: para.line_spacing,
    }
}

pub fn run_format(run: &RunProps, theme: &ThemeFonts) -> RunFormat {
    RunFormat {
        font: run.font.as_ref().and_then(|font| font_name(font, theme)),
        size_pt: run.size_half_points.map(|half| half as f32 / 2.0),
        bold: run.bold.unwrap_or(false),
    }
}

pub fn font_name(font: &FontRef, theme: &ThemeFonts) -> Option<String> {
    match font {
        FontRef::Name(name) => Some(name.clone()),
        FontRef::ThemeMajor => theme.major.clone(),
        FontRef::ThemeMinor => theme.minor.clone(),
    }
}

/// The first `w:sectPr`: page size, margins, grid and footers (twips until converted).
#[derive(Default)]
struct Section {
    size: Option<(f32, f32)>,
    margins: Option<[f32; 4]>,
    line_pitch: Option<f32>,
    footers: Vec<(String, String)>,
}

/// Twips to millimetres.
fn mm(twips: f32) -> f32 {
    twips / 1440.0 * 25.4
}

impl Section {
    fn read(&mut self, element: &BytesStart) {
        let number = |name: &str| attr(element, name).and_then(|v| v.parse::<f32>().ok());
        match local(element) {
            "pgSz" => self.size = number("w").zip(number("h")),
            "pgMar" => {
                if let (Some(top), Some(right), Some(bottom), Some(left)) = (
                    number("top"),
                    number("right"),
                    number("bottom"),
                    number("left"),
                ) {
                    self.margins = Some([top.abs(), right, bottom.abs(), left]);
                }
            }
            "docGrid" => {
                let lines = attr(element, "type").is_some_and(|t| t.starts_with("lines"));
                self.line_pitch = number("linePitch").filter(|&p| lines && p > 0.0);
            }
            "footerReference" if self.footers.len() < 8 => {
                let kind = attr(element, "type").unwrap_or_else(|| "default".to_owned());
                self.footers
                    .extend(attr(element, "id").map(|id| (kind, id)));
            }
            _ => {}
        }
    }

    fn page(&self) -> Option<PageSetup> {
        let (width, height) = self.size?;
        let [top, right, bottom, left] = self.margins?;
        let grid_lines = self
            .line_pitch
            .map(|pitch| ((height - top - bottom) / pitch).floor().max(0.0) as u32);
        Some(PageSetup {
            width_mm: mm(width),
            height_mm: mm(height),
            top_mm: mm(top),
            bottom_mm: mm(bottom),
            left_mm: mm(left),
            right_mm: mm(right),
            grid_lines,
        })
    }
}
