//! Word comments and corrections anchored on spans of a .docx's extracted text, written into the
//! document as it was sent: `word/document.xml` gets comment ranges and references between its
//! runs (a run cut in two where a range starts or ends inside it, its properties repeated), and
//! each correction either as a tracked revision by nianbao (`w:del` of the old text, `w:ins` of
//! the new in the run's own formatting) or made in place; `comments.xml` holds the comments, and
//! every other part of the package is copied byte for byte.
//!
//! Paragraphs are counted as the extractor counts them (`extract::docx`), so an offset in the
//! extracted text names a paragraph and a character in it.

use std::ops::Range;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;

use super::fixes::Edit;
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

/// A point where markup goes: before the text at `offset` of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    paragraph: usize,
    offset: usize,
    /// Ends first, then empty ranges, then starts, a correction inside a comment on the same
    /// text: ranges at one point do not overlap.
    kind: MarkKind,
    /// A comment's id, or a correction's index.
    id: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MarkKind {
    CorrectionEnd,
    End,
    Point,
    Insertion,
    Start,
    CorrectionStart,
}

/// How corrections are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corrections {
    /// As tracked revisions by the author, for the drafter to accept or reject.
    Tracked,
    /// Made in place: a fixed copy.
    InPlace,
}

/// The corrections to write, and how.
struct Revisions<'a> {
    edits: &'a [Edit],
    mode: Corrections,
    /// The first revision id: revisions and comments have ids of their own.
    first_id: usize,
    author: &'a str,
}

/// The .docx `bytes` with `comments` added and `edits` made as `corrections` says, by `author`.
pub fn annotate_docx(
    bytes: &[u8],
    map: &ParagraphMap,
    comments: &[Comment],
    (edits, corrections): (&[Edit], Corrections),
    author: &str,
    limit: u64,
) -> Result<Vec<u8>, ExtractError> {
    let mut package = package::Package::open(bytes, limit)?;
    let first_id = package.next_comment_id()?;
    let mut marks = marks(map, comments, first_id);
    marks.extend(correction_marks(map, edits));
    marks.sort();
    let revisions = Revisions {
        edits,
        mode: corrections,
        first_id: REVISION_IDS + first_id + comments.len(),
        author,
    };
    let document = package.part("word/document.xml")?;
    let annotated = insert_marks(&document, &marks, &revisions)?;
    package.write_with_comments(annotated, comments, first_id, author)
}

/// Revision ids start far above the comments' and the document's own, which Word keeps apart
/// from them in practice but the standard counts together.
const REVISION_IDS: usize = 1_000_000;

/// Where each correction starts and ends; one that crosses paragraphs is left out (a report's
/// slips are within a line).
fn correction_marks(map: &ParagraphMap, edits: &[Edit]) -> Vec<Mark> {
    let line_starts = line_starts(map.text);
    let mut marks = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        let (Some(start), Some(end)) = (
            map.locate(edit.span.start, &line_starts),
            map.locate(edit.span.end, &line_starts),
        ) else {
            continue;
        };
        if start.0 != end.0 {
            continue;
        }
        let mark = |(paragraph, offset), kind| Mark {
            paragraph,
            offset,
            kind,
            id: index,
        };
        if edit.span.is_empty() {
            marks.push(mark(start, MarkKind::Insertion));
        } else {
            marks.push(mark(start, MarkKind::CorrectionStart));
            marks.push(mark(end, MarkKind::CorrectionEnd));
        }
    }
    marks
}

/// Where each line of `text` starts, in code points.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.chars()
                .enumerate()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn marks(map: &ParagraphMap, comments: &[Comment], first_id: usize) -> Vec<Mark> {
    let line_starts = line_starts(map.text);
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
    /// The correction whose old text is being written, if any.
    correcting: Option<usize>,
    /// Whether the open text element is a `w:delText` of ours.
    text_deleted: bool,
}

fn insert_marks(xml: &str, marks: &[Mark], revisions: &Revisions) -> Result<Vec<u8>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + marks.len() * 120));
    let mut place = Place::default();
    let mut next = 0;
    let mut out = Out {
        writer: &mut writer,
        marks,
        revisions,
    };
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
                next = out.flush(next, &mut place, usize::MAX);
                place.open = false;
                place.paragraph += 1;
            }
            Event::Start(e) if is(e, "del") || is(e, "moveFrom") => place.deleted += 1,
            Event::End(e) if is_end(e, "del") || is_end(e, "moveFrom") => {
                place.deleted = place.deleted.saturating_sub(1);
            }
            Event::Start(e) if is(e, "r") && place.open => {
                if place.deleted == 0 {
                    next = out.flush_to_place(next, &mut place);
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
            Event::Start(e) if is(e, "t") && place.in_run => {
                place.in_text = true;
                if place.open && out.deleting(&place) {
                    out.open_text(&mut place);
                    continue;
                }
            }
            Event::End(e) if is_end(e, "t") => {
                place.in_text = false;
                if place.text_deleted {
                    place.text_deleted = false;
                    out.writer.get_mut().extend_from_slice(b"</w:delText>");
                    continue;
                }
            }
            Event::Text(t) if place.in_text && place.open => {
                let text = t.xml10_content();
                next = out.write_text_cut(next, &mut place, &text)?;
                continue;
            }
            Event::GeneralRef(_) if place.in_text && place.open => {
                next = out.cut_run_at(next, &mut place);
                place.offset += 1;
            }
            Event::Empty(e) if place.in_run && place.open && counts_as_character(e) => {
                next = out.cut_run_at(next, &mut place);
                place.offset += 1;
            }
            Event::End(e) if is_end(e, "r") && place.in_run => {
                place.in_run = false;
                out.writer.write_event(event.borrow()).map_err(xml_error)?;
                if place.deleted == 0 {
                    next = out.flush_to_place(next, &mut place);
                }
                continue;
            }
            Event::Eof => break,
            _ => {}
        }
        out.writer.write_event(event).map_err(xml_error)?;
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

/// The document being written, and what goes into it.
struct Out<'w, 'a> {
    writer: &'w mut Writer<Vec<u8>>,
    marks: &'a [Mark],
    revisions: &'a Revisions<'a>,
}

impl Out<'_, '_> {
    /// Whether text written now is a correction's old text, kept as a tracked deletion.
    fn deleting(&self, place: &Place) -> bool {
        place.correcting.is_some() && self.revisions.mode == Corrections::Tracked
    }

    /// Whether text written now is dropped: a correction's old text, corrected in place.
    fn dropping(&self, place: &Place) -> bool {
        place.correcting.is_some() && self.revisions.mode == Corrections::InPlace
    }

    /// Writes the marks of this paragraph at offsets up to `up_to`, between runs.
    fn flush(&mut self, mut next: usize, place: &mut Place, up_to: usize) -> usize {
        while let Some(mark) = self.marks.get(next) {
            if mark.paragraph > place.paragraph
                || (mark.paragraph == place.paragraph && mark.offset > up_to)
            {
                break;
            }
            // Marks of paragraphs passed without a place (none of their own) are dropped.
            if mark.paragraph == place.paragraph {
                self.write_mark(mark, place);
            }
            next += 1;
        }
        next
    }

    /// Writes the marks due up to where the writer is.
    fn flush_to_place(&mut self, next: usize, place: &mut Place) -> usize {
        let offset = place.offset;
        self.flush(next, place, offset)
    }

    /// Marks due at the current offset inside a run: the run is cut around them.
    fn cut_run_at(&mut self, next: usize, place: &mut Place) -> usize {
        if !due(self.marks, next, place, place.offset) {
            return next;
        }
        self.close_run(place);
        let next = self.flush_to_place(next, place);
        self.reopen_run(place);
        next
    }

    /// A `w:t`'s text, cut wherever a mark falls inside it.
    fn write_text_cut(
        &mut self,
        mut next: usize,
        place: &mut Place,
        text: &str,
    ) -> Result<usize, ExtractError> {
        let mut rest = text;
        loop {
            let length = rest.chars().count();
            let cut = self
                .marks
                .get(next)
                .filter(|m| m.paragraph == place.paragraph && m.offset < place.offset + length)
                .map(|m| m.offset.saturating_sub(place.offset));
            let Some(cut) = cut else {
                self.write_text(place, rest)?;
                place.offset += length;
                return Ok(next);
            };
            let at = rest.char_indices().nth(cut).map_or(rest.len(), |(i, _)| i);
            self.write_text(place, &rest[..at])?;
            place.offset += cut;
            rest = &rest[at..];
            self.close_run(place);
            next = self.flush_to_place(next, place);
            self.reopen_run(place);
        }
    }

    fn write_text(&mut self, place: &Place, text: &str) -> Result<(), ExtractError> {
        if text.is_empty() || self.dropping(place) {
            return Ok(());
        }
        self.writer
            .write_event(Event::Text(BytesText::new(text)))
            .map_err(xml_error)
    }

    fn close_run(&mut self, place: &mut Place) {
        let inner = self.writer.get_mut();
        if place.in_text {
            inner.extend_from_slice(if place.text_deleted {
                b"</w:delText>".as_slice()
            } else {
                b"</w:t>"
            });
            place.text_deleted = false;
        }
        inner.extend_from_slice(b"</w:r>");
    }

    fn reopen_run(&mut self, place: &mut Place) {
        let inner = self.writer.get_mut();
        inner.extend_from_slice(b"<w:r>");
        inner.extend_from_slice(&place.run_properties);
        if place.in_text {
            self.open_text(place);
        }
    }

    /// Opens a run's text: `w:delText` inside a tracked deletion, else `w:t`.
    fn open_text(&mut self, place: &mut Place) {
        place.text_deleted = self.deleting(place);
        self.writer
            .get_mut()
            .extend_from_slice(if place.text_deleted {
                br#"<w:delText xml:space="preserve">"#.as_slice()
            } else {
                br#"<w:t xml:space="preserve">"#
            });
    }

    fn write_mark(&mut self, mark: &Mark, place: &mut Place) {
        let id = mark.id;
        let revisions = self.revisions;
        let revision_id = revisions.first_id + 2 * id;
        let author = quick_xml::escape::escape(revisions.author);
        let markup = match mark.kind {
            MarkKind::Start => format!(r#"<w:commentRangeStart w:id="{id}"/>"#),
            MarkKind::End => format!(
                r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
            ),
            MarkKind::Point => format!(
                r#"<w:commentRangeStart w:id="{id}"/><w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#
            ),
            MarkKind::CorrectionStart => {
                place.correcting = Some(id);
                match revisions.mode {
                    Corrections::Tracked => {
                        format!(r#"<w:del w:id="{revision_id}" w:author="{author}">"#)
                    }
                    Corrections::InPlace => String::new(),
                }
            }
            MarkKind::CorrectionEnd | MarkKind::Insertion => {
                let closing = if mark.kind == MarkKind::CorrectionEnd
                    && revisions.mode == Corrections::Tracked
                {
                    "</w:del>"
                } else {
                    ""
                };
                place.correcting = None;
                let replacement = revisions.edits.get(id).map_or(String::new(), |e| {
                    quick_xml::escape::escape(&e.replacement).into_owned()
                });
                let run = format!(
                    r#"<w:r>{}<w:t xml:space="preserve">{replacement}</w:t></w:r>"#,
                    String::from_utf8_lossy(&place.run_properties)
                );
                match revisions.mode {
                    Corrections::Tracked => format!(
                        r#"{closing}<w:ins w:id="{}" w:author="{author}">{run}</w:ins>"#,
                        revision_id + 1
                    ),
                    Corrections::InPlace => run,
                }
            }
        };
        self.writer.get_mut().extend_from_slice(markup.as_bytes());
    }
}

fn due(marks: &[Mark], next: usize, place: &Place, up_to: usize) -> bool {
    marks
        .get(next)
        .is_some_and(|m| m.paragraph == place.paragraph && m.offset <= up_to)
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
        let revisions = Revisions {
            edits: &[],
            mode: Corrections::Tracked,
            first_id: 1,
            author: "nianbao",
        };
        let marks = marks(&ONE_PARAGRAPH, &[comment], 0);
        String::from_utf8(insert_marks(document, &marks, &revisions).unwrap()).unwrap()
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

    const TWO_RUNS: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>截止目前已布署</w:t></w:r><w:r><w:t>完成。法制宣传</w:t></w:r></w:p></w:body></w:document>"#;

    const TWO_RUNS_TEXT: ParagraphMap<'static> = ParagraphMap {
        text: "截止目前已布署完成。法制宣传\n",
        paragraph_starts: &[0],
        line_paragraphs: &[0, 0],
    };

    fn corrected(edits: &[Edit], mode: Corrections) -> String {
        let revisions = Revisions {
            edits,
            mode,
            first_id: 100,
            author: "nianbao",
        };
        let mut marks = correction_marks(&TWO_RUNS_TEXT, edits);
        marks.sort();
        String::from_utf8(insert_marks(TWO_RUNS, &marks, &revisions).unwrap()).unwrap()
    }

    /// The paragraph's text once every revision is accepted (`accept`) or rejected.
    fn resolved(xml: &str, accept: bool) -> String {
        let mut reader = Reader::from_str(xml);
        let (mut text, mut inserted, mut reading) = (String::new(), false, false);
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) if is(&e, "ins") => inserted = true,
                Event::End(e) if is_end(&e, "ins") => inserted = false,
                Event::Start(e) if is(&e, "t") => reading = accept || !inserted,
                Event::Start(e) if is(&e, "delText") => reading = !accept,
                Event::End(_) => reading = false,
                Event::Text(t) if reading => text.push_str(&t.xml10_content()),
                Event::Eof => return text,
                _ => {}
            }
        }
    }

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn corrections_become_revisions_that_accept_to_the_fix_and_reject_to_the_original() {
        // Two in one bold run, one across the two runs, one in the second.
        let edits = [
            edit(0..2, "截至"),
            edit(5..7, "部署"),
            edit(6..9, "署完毕"),
            edit(10..14, "法治宣传"),
        ];
        let chosen = [edits[0].clone(), edits[1].clone(), edits[3].clone()];
        let xml = corrected(&chosen, Corrections::Tracked);
        assert_eq!(
            resolved(&xml, true),
            "截至目前已部署完成。法治宣传",
            "{xml}"
        );
        assert_eq!(
            resolved(&xml, false),
            "截止目前已布署完成。法制宣传",
            "{xml}"
        );
        // The new text in the run's own formatting, by nianbao.
        assert!(xml.contains(r#"<w:del w:id="100" w:author="nianbao"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">截止</w:delText></w:r></w:del><w:ins w:id="101" w:author="nianbao"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">截至</w:t></w:r></w:ins>"#), "{xml}");

        let across = corrected(&[edits[2].clone()], Corrections::Tracked);
        assert_eq!(
            resolved(&across, true),
            "截止目前已布署完毕。法制宣传",
            "{across}"
        );
        assert_eq!(resolved(&across, false), "截止目前已布署完成。法制宣传");
    }

    #[test]
    fn corrections_in_place_leave_no_revision() {
        let xml = corrected(
            &[edit(0..2, "截至"), edit(10..14, "法治宣传")],
            Corrections::InPlace,
        );
        assert!(!xml.contains("w:del") && !xml.contains("w:ins"), "{xml}");
        assert_eq!(resolved(&xml, true), "截至目前已布署完成。法治宣传");
    }

    #[test]
    fn a_part_the_extractor_never_read_cannot_inflate_past_the_limit() {
        let bomb = vec![b' '; 2 << 20];
        let bytes = docx(&[
            ("word/document.xml", DOCUMENT.as_bytes()),
            ("word/comments.xml", &bomb),
        ]);
        let no_edits = (&[][..], Corrections::Tracked);
        let error =
            annotate_docx(&bytes, &ONE_PARAGRAPH, &[], no_edits, "nianbao", 1 << 20).unwrap_err();
        assert!(matches!(error, ExtractError::TooLarge { .. }), "{error}");
    }
}
