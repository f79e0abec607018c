//! OFD (GB/T 33190): a zip of XML pages. Text objects are put in reading order (top to bottom,
//! then left to right), grouped into visual lines, and rebuilt into paragraphs like a PDF.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::layout_text::paragraphs;
use super::xml::{attr, entity, local};
use super::zipped::Container;
use super::{ExtractError, Extracted, Format, Limits};

/// Text within this distance (in the document's units, millimetres) is on one line.
const SAME_LINE: f64 = 1.5;

pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut container = Container::open(bytes, Format::Ofd, limits)?;
    let root = container
        .text("OFD.xml")?
        .ok_or_else(|| malformed("OFD.xml is missing".into()))?;
    let document_path = first_text_of(&root, "DocRoot")?
        .ok_or_else(|| malformed("OFD.xml names no DocRoot".into()))?;
    let document_path = document_path.trim_start_matches('/').to_owned();
    let base = document_path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir)
        .to_owned();
    let document = container
        .text(&document_path)?
        .ok_or_else(|| malformed(format!("{document_path} is missing")))?;
    let page_paths = page_locations(&document)?;
    if page_paths.is_empty() {
        return Err(malformed("it has no pages".into()));
    }
    let mut pages = Vec::with_capacity(page_paths.len());
    for location in &page_paths {
        let path = if base.is_empty() {
            location.clone()
        } else {
            format!("{base}/{location}")
        };
        let content = container
            .text(path.trim_start_matches('/'))?
            .ok_or_else(|| malformed(format!("page {path} is missing")))?;
        pages.push(page_lines(&content)?);
    }
    let text = paragraphs(&pages);
    let mut extracted = Extracted::new(text, Format::Ofd);
    extracted.source.pages = Some(page_paths.len());
    Ok(extracted)
}

fn malformed(reason: String) -> ExtractError {
    ExtractError::Malformed {
        format: Format::Ofd,
        reason,
    }
}

fn xml_error(error: quick_xml::Error) -> ExtractError {
    malformed(format!("broken XML ({error})"))
}

/// The text of the first element with this local name.
fn first_text_of(xml: &str, name: &str) -> Result<Option<String>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if local(&e) == name => inside = true,
            Event::Text(t) if inside => return Ok(Some(t.xml10_content().trim().to_owned())),
            Event::End(_) if inside => return Ok(None),
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// The `BaseLoc` of every page, in document order.
fn page_locations(document: &str) -> Result<Vec<String>, ExtractError> {
    let mut reader = Reader::from_str(document);
    let mut pages = Vec::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) if local(&e) == "Page" => {
                pages.extend(attr(&e, "BaseLoc"))
            }
            Event::Eof => return Ok(pages),
            _ => {}
        }
    }
}

/// A piece of text and where it starts on the page.
struct Piece {
    x: f64,
    y: f64,
    text: String,
}

/// The page's text as visual lines, top to bottom.
fn page_lines(content: &str) -> Result<Vec<String>, ExtractError> {
    let mut reader = Reader::from_str(content);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut origin = (0.0, 0.0);
    let mut current: Option<Piece> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if local(&e) == "TextObject" => {
                let boundary = attr(&e, "Boundary").unwrap_or_default();
                let numbers: Vec<f64> = boundary
                    .split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect();
                origin = (
                    numbers.first().copied().unwrap_or(0.0),
                    numbers.get(1).copied().unwrap_or(0.0),
                );
            }
            Event::Start(e) if local(&e) == "TextCode" => {
                let coordinate = |name| {
                    attr(&e, name)
                        .and_then(|v| v.parse::<f64>().ok())
                        .unwrap_or(0.0)
                };
                current = Some(Piece {
                    x: origin.0 + coordinate("X"),
                    y: origin.1 + coordinate("Y"),
                    text: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(piece) = current.as_mut() {
                    piece.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(piece), Some(text)) = (current.as_mut(), entity(&r)) {
                    piece.text.push_str(&text);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "TextCode" => pieces.extend(current.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f64, Vec<Piece>)> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some((y, line)) if (piece.y - *y).abs() <= SAME_LINE => line.push(piece),
            _ => lines.push((piece.y, vec![piece])),
        }
    }
    Ok(lines
        .into_iter()
        .map(|(_, mut line)| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            line.into_iter().map(|p| p.text).collect::<String>()
        })
        .collect())
}
