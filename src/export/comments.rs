//! Word comments anchored on spans of a .docx's extracted text, written into the document as
//! it was sent: `word/document.xml` gets comment ranges and references between its runs (a run
//! cut in two where a range starts or ends inside it, its properties repeated), `comments.xml`
//! holds the comments, and every other part of the package is copied byte for byte.
//!
//! Paragraphs are counted as the extractor counts them (`extract::docx`), so an offset in the
//! extracted text names a paragraph and a character in it.

use std::ops::Range;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;

use super::package;
use crate::extract::ExtractError;
use crate::extract::xml::{attr, local};

/// One comment: where it is in the extracted text (code points) and what it says, a line each.
#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Range<usize>,
    pub lines: Vec<String>,
}

/// Where each Word paragraph's own text starts in the extracted text, and which paragraph each
/// line of that text comes from.
pub struct ParagraphMap<'a> {
    pub text: &'a str,
    pub paragraph_starts: &'a [usize],
    pub line_paragraphs: &'a [usize],
}

impl ParagraphMap<'_> {
    /// The paragraph of a code-point offset and the offset within its own text.
    fn locate(&self, offset: usize, line_starts: &[usize]) -> Option<(usize, usize)> {
        let line = line_starts
            .partition_point(|&start| start <= offset)
            .checked_sub(1)?;
        let paragraph = *self.line_paragraphs.get(line)?;
        let start = *self.paragraph_starts.get(paragraph)?;
        Some((paragraph, offset.saturating_sub(start)))
    }
}

/// A point where comment markup goes: before the text at `offset` of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    paragraph: usize,
    offset: usize,
    /// Ends first, then empty ranges, then starts: ranges at one point do not overlap.
    kind: MarkKind,
    id: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MarkKind {
    End,
    Point,
    Start,
}

/// The .docx `bytes` with `comments` added, by `author`.
pub fn annotate_docx(
    bytes: &[u8],
    map: &ParagraphMap,
    comments: &[Comment],
    author: &str,
    limit: u64,
) -> Result<Vec<u8>, ExtractError> {
    let mut package = package::Package::open(bytes, limit)?;
    let first_id = package.next_comment_id()?;
    let marks = marks(map, comments, first_id);
    let document = package.part("word/document.xml")?;
    let annotated = insert_marks(&document, &marks)?;
    package.write_with_comments(annotated, comments, first_id, author)
}

fn marks(map: &ParagraphMap, comments: &[Comment], first_id: usize) -> Vec<Mark> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            map.text
                .chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let mut marks = Vec::new();
    for (index, comment) in comments.iter().enumerate() {
        let id = first_id + index;
        let (Some(start), Some(end)) = (
            map.locate(comment.span.start, &line_starts),
            map.locate(comment.span.end, &line_starts),
        ) else {
            continue;
        };
        if comment.span.is_empty() || start == end {
            marks.push(Mark {
                paragraph: start.0,
                offset: start.1,
                kind: MarkKind::Point,
                id,
            });
        } else {
            marks.push(Mark {
                paragraph: start.0,
                offset: start.1,
                kind: MarkKind::Start,
                id,
            });
            marks.push(Mark {
                paragraph: end.0,
                offset: end.1,
                kind: MarkKind::End,
                id,
            });
        }
    }
    marks.sort();
    marks
}

fn xml_error(error: impl std::fmt::Display) -> ExtractError {
    ExtractError::Malformed {
        format: crate::extract::Format::Docx,
        reason: format!("broken XML ({error})"),
    }
}

/// Where the writer is inside a paragraph, so a mark can be put between runs.
#[derive(Default)]
struct Place {
    /// The paragraph being written (counted as the extractor counts), and whether one is open.
    paragraph: usize,
    open: bool,
    /// Characters of the paragraph's text written so far.
    offset: usize,
    in_run: bool,
    in_text: bool,
    /// Inside a tracked deletion (`w:del`, `w:moveFrom`): its runs have no text of the
    /// extractor's, and a comment put there would be deleted with them.
    deleted: usize,
    /// The open run's properties, repeated on its second half when it is cut.
    run_properties: Vec<u8>,
    capturing_properties: bool,
}

fn insert_marks(xml: &str, marks: &[Mark]) -> Result<Vec<u8>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + marks.len() * 120));
    let mut place = Place::default();
    let mut next = 0;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        if place.capturing_properties {
            let mut capture = Writer::new(&mut place.run_properties);
            capture.write_event(event.borrow()).map_err(xml_error)?;
        }
        match &event {
            Event::Start(e) if is(e, "p") => {
                place.open = true;
                place.offset = 0;
            }
            Event::Empty(e) if is(e, "p") => place.paragraph += 1,
            Event::End(e) if is_end(e, "p") && place.open => {
                next = flush(&mut writer, marks, next, &place, usize::MAX)?;
                place.open = false;
                place.paragraph += 1;
            }
            Event::Start(e) if is(e, "del") || is(e, "moveFrom") => place.deleted += 1,
            Event::End(e) if is_end(e, "del") || is_end(e, "moveFrom") => {
                place.deleted = place.deleted.saturating_sub(1);
            }
            Event::Start(e) if is(e, "r") && place.open => {
                if place.deleted == 0 {
                    next = flush(&mut writer, marks, next, &place, place.offset)?;
                }
                place.in_run = true;
                place.run_properties.clear();
            }
            Event::Start(e) if is(e, "rPr") && place.in_run => {
                place.capturing_properties = true;
                let mut capture = Writer::new(&mut place.run_properties);
                capture.write_event(event.borrow()).map_err(xml_error)?;
            }
            Event::Empty(e) if is(e, "rPr") && place.in_run => {
                let mut capture = Writer::new(&mut place.run_properties);
                capture.write_event(event.borrow()).map_err(xml_error)?;
            }
            Event::End(e) if is_end(e, "rPr") => place.capturing_properties = false,
            Event::Start(e) if is(e, "t") && place.in_run => place.in_text = true,
            Event::End(e) if is_end(e, "t") => place.in_text = false,
            Event::Text(t) if place.in_text && place.open => {
                let text = t.xml10_content();
                next = write_text_cut(&mut writer, marks, next, &mut place, &text)?;
                continue;
            }
            Event::GeneralRef(_) if place.in_text && place.open => {
                next = cut_run_at(&mut writer, marks, next, &place)?;
                place.offset += 1;
            }
            Event::Empty(e) if place.in_run && place.open && counts_as_character(e) => {
                next = cut_run_at(&mut writer, marks, next, &place)?;
                place.offset += 1;
            }
            Event::End(e) if is_end(e, "r") && place.in_run => {
                place.in_run = false;
                writer.write_event(event.borrow()).map_err(xml_error)?;
                if place.deleted == 0 {
                    next = flush(&mut writer, marks, next, &place, place.offset)?;
                }
                continue;
            }
            Event::Eof => break,
            _ => {}
        }
        writer.write_event(event).map_err(xml_error)?;
    }
    Ok(writer.into_inner())
}

/// A tab or a line break: one character of the extracted text.
fn counts_as_character(element: &BytesStart) -> bool {
    match local(element) {
        "tab" => true,
        "br" | "cr" => attr(element, "type").is_none_or(|t| t == "textWrapping"),
        _ => false,
    }
}

fn is(element: &BytesStart, name: &str) -> bool {
    local(element) == name
}

fn is_end(element: &BytesEnd, name: &str) -> bool {
    element.local_name().as_ref() == name
}

/// Writes the marks of this paragraph at offsets up to `up_to`, between runs.
fn flush(
    writer: &mut Writer<Vec<u8>>,
    marks: &[Mark],
    mut next: usize,
    place: &Place,
    up_to: usize,
) -> Result<usize, ExtractError> {
    while let Some(mark) = marks.get(next) {
        if mark.paragraph > place.paragraph
            || (mark.paragraph == place.paragraph && mark.offset > up_to)
        {
            break;
        }
        // Marks of paragraphs passed without a place (none of their own) are dropped.
        if mark.paragraph == place.paragraph {
            write_mark(writer, mark);
        }
        next += 1;
    }
    Ok(next)
}

/// Marks due at the current offset inside a run: the run is cut around them.
fn cut_run_at(
    writer: &mut Writer<Vec<u8>>,
    marks: &[Mark],
    next: usize,
    place: &Place,
) -> Result<usize, ExtractError> {
    if !due(marks, next, place, place.offset) {
        return Ok(next);
    }
    close_run(writer, place);
    let next = flush(writer, marks, next, place, place.offset)?;
    reopen_run(writer, place);
    Ok(next)
}

fn due(marks: &[Mark], next: usize, place: &Place, up_to: usize) -> bool {
    marks
        .get(next)
        .is_some_and(|m| m.paragraph == place.paragraph && m.offset <= up_to)
}

/// A `w:t`'s text, cut wherever a mark falls inside it.
fn write_text_cut(
    writer: &mut Writer<Vec<u8>>,
    marks: &[Mark],
    mut next: usize,
    place: &mut Place,
    text: &str,
) -> Result<usize, ExtractError> {
    let mut rest = text;
    loop {
        let length = rest.chars().count();
        let cut = marks
            .get(next)
            .filter(|m| m.paragraph == place.paragraph && m.offset < place.offset + length)
            .map(|m| m.offset.saturating_sub(place.offset));
        let Some(cut) = cut else {
            write_text(writer, rest)?;
            place.offset += length;
            return Ok(next);
        };
        let at = rest.char_indices().nth(cut).map_or(rest.len(), |(i, _)| i);
        write_text(writer, &rest[..at])?;
        place.offset += cut;
        rest = &rest[at..];
        close_run(writer, place);
        next = flush(writer, marks, next, place, place.offset)?;
        reopen_run(writer, place);
    }
}

fn write_text(writer: &mut Writer<Vec<u8>>, text: &str) -> Result<(), ExtractError> {
    if text.is_empty() {
        return Ok(());
    }
    writer
        .write_event(Event::Text(BytesText::new(text)))
        .map_err(xml_error)
}

fn close_run(writer: &mut Writer<Vec<u8>>, place: &Place) {
    let inner = writer.get_mut();
    if place.in_text {
        inner.extend_from_slice(b"</w:t>");
    }
    inner.extend_from_slice(b"</w:r>");
}

fn reopen_run(writer: &mut Writer<Vec<u8>>, place: &Place) {
    let inner = writer.get_mut();
    inner.extend_from_slice(b"<w:r>");
    inner.extend_from_slice(&place.run_properties);
    if place.in_text {
        inner.extend_from_slice(br#"<w:t xml:space="preserve">"#);
    }
}

fn write_mark(writer: &mut Writer<Vec<u8>>, mark: &Mark) {
    let id = mark.id;
    let markup = match mark.kind {
        MarkKind::Start => format!(r#"<w:commentRangeStart w:id="{id}"/>"#),
        MarkKind::End => format!(
            r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
        ),
        MarkKind::Point => format!(
            r#"<w:commentRangeStart w:id="{id}"/><w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
        ),
    };
    writer.get_mut().extend_from_slice(markup.as_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            out.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    const DOCUMENT: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>截止目前完成</w:t></w:r></w:p></w:body></w:document>"#;

    /// The text of [`DOCUMENT`]'s one paragraph and where it stands.
    const ONE_PARAGRAPH: ParagraphMap<'static> = ParagraphMap {
        text: "截止目前完成\n",
        paragraph_starts: &[0],
        line_paragraphs: &[0, 0],
    };

    /// `document` with one comment on the first four characters of its one paragraph.
    fn commented(document: &str, comment: &str) -> String {
        let comment = Comment {
            span: 0..4,
            lines: vec![comment.into()],
        };
        String::from_utf8(insert_marks(document, &marks(&ONE_PARAGRAPH, &[comment], 0)).unwrap())
            .unwrap()
    }

    #[test]
    fn a_range_inside_a_run_cuts_it_and_repeats_its_formatting() {
        let xml = commented(DOCUMENT, "“截止目前”疑为“截至目前”之误。");
        assert!(xml.contains(r#"<w:commentRangeStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t>截止目前</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{xml}");
        assert!(
            xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">完成</w:t></w:r>"#),
            "{xml}"
        );
    }

    #[test]
    fn tracked_changes_stay_as_they_were_and_no_comment_lands_in_a_deletion() {
        let tracked = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:del w:id="1" w:author="审核人"><w:r><w:delText>原稿</w:delText></w:r></w:del><w:ins w:id="2" w:author="审核人"><w:r><w:t>截止目前</w:t></w:r></w:ins><w:r><w:t>完成</w:t></w:r></w:p></w:body></w:document>"#;
        let xml = commented(tracked, "slip");
        let deletion =
            r#"<w:del w:id="1" w:author="审核人"><w:r><w:delText>原稿</w:delText></w:r></w:del>"#;
        assert!(xml.contains(deletion), "{xml}");
        assert!(
            xml.contains(r#"<w:ins w:id="2" w:author="审核人"><w:commentRangeStart w:id="0"/><w:r><w:t>截止目前</w:t></w:r><w:commentRangeEnd w:id="0"/>"#),
            "{xml}"
        );
    }

    #[test]
    fn a_part_the_extractor_never_read_cannot_inflate_past_the_limit() {
        let bomb = vec![b' '; 2 << 20];
        let bytes = docx(&[
            ("word/document.xml", DOCUMENT.as_bytes()),
            ("word/comments.xml", &bomb),
        ]);
        let error = annotate_docx(&bytes, &ONE_PARAGRAPH, &[], "nianbao", 1 << 20).unwrap_err();
        assert!(matches!(error, ExtractError::TooLarge { .. }), "{error}");
    }
}
