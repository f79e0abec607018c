//! A report's text as submitted, its normalised copy for matching, and the map between them.
//!
//! Places inside the engine are [`TextRange`]s, bytes of the normalised copy; everything that
//! leaves the engine is a [`Span`] in Unicode code points of the submitted text.

mod char_offsets;
pub mod normalize;
mod range;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use serde::Serialize;
use utoipa::ToSchema;

use char_offsets::CharOffsets;
pub use normalize::{Normalizer, Script};
pub use range::TextRange;

/// A place in the submitted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"start": 1502, "end": 1506, "line": 15, "column": 1}))]
pub struct Span {
    /// Offset of the first character, in Unicode code points of the submitted text (not bytes,
    /// not UTF-16 units), counting from 0.
    pub start: usize,
    /// Offset just past the last character, in code points; equal to `start` for a position.
    pub end: usize,
    /// Line of `start`, counting from 1; lines end at `\n`.
    #[schema(minimum = 1)]
    pub line: usize,
    /// Column of `start` in code points, counting from 1.
    #[schema(minimum = 1)]
    pub column: usize,
}

/// The text around a finding, so a client need not slice the document itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"text": "…三、存在不足\n一是法律服务有效供给不足。", "offset": 1, "length": 6}))]
pub struct Context {
    /// The submitted text around the place.
    pub text: String,
    /// Where the place starts inside `text`, in code points.
    pub offset: usize,
    /// How long the place is, in code points.
    pub length: usize,
}

/// A line's place among the document's lines (as split here: a glued heading is a line of its
/// own), from 0; not a heading's index, nor a line number as reported (from 1, as sent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineIndex(usize);

impl LineIndex {
    /// The position, for lists kept one entry per line.
    pub fn get(self) -> usize {
        self.0
    }

    /// The line after this one.
    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

/// One line of the text (without its line break), as a byte range of the normalised copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    start: usize,
    end: usize,
    /// The line of the text as sent (split at `\n`) that this one is part of, from 0, and
    /// where that line starts: a heading glued to a sentence makes two lines of one.
    pub source: usize,
    source_start: usize,
}

impl Line {
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start, self.end)
    }

    /// Whether the line starts where a line as sent does (no heading glued on before it).
    pub fn starts_a_line_as_sent(&self) -> bool {
        self.start == self.source_start
    }
}

#[derive(Debug)]
pub struct Document {
    original: String,
    normalized: String,
    script: Script,
    /// Between bytes and characters of `original`.
    original_offsets: CharOffsets,
    /// Between bytes and characters of `normalized`.
    normalized_offsets: CharOffsets,
    lines: Vec<Line>,
    /// Levels the source format gives some lines (Word heading styles): line → level from 1.
    heading_levels: std::collections::HashMap<usize, usize>,
    /// A Word document's format; `None` for every other format.
    word_format: Option<crate::format::WordFormat>,
}

impl Document {
    pub fn new(original: &str, normalizer: &Normalizer, traditional_min_share: f64) -> Self {
        let script = normalizer.script(original, traditional_min_share);
        let normalized = normalizer.normalize(original, script);
        let original_offsets = CharOffsets::new(original);
        let normalized_offsets = CharOffsets::new(&normalized);
        debug_assert_eq!(original_offsets.chars(), normalized_offsets.chars());
        let lines = split_lines(&normalized);
        Self {
            original: original.to_owned(),
            normalized,
            script,
            original_offsets,
            normalized_offsets,
            lines,
            heading_levels: std::collections::HashMap::new(),
            word_format: None,
        }
    }

    /// Gives the document the format its Word file showed.
    pub fn with_word_format(mut self, format: Option<crate::format::WordFormat>) -> Self {
        self.word_format = format;
        self
    }

    /// The format of a Word document, as Word shows it.
    pub fn word_format(&self) -> Option<&crate::format::WordFormat> {
        self.word_format.as_ref()
    }

    /// Marks lines the source format styles as headings, with their level (1 = top); lines are
    /// counted as sent.
    pub fn with_heading_levels(mut self, levels: &[(usize, usize)]) -> Self {
        self.heading_levels = levels.iter().copied().collect();
        self
    }

    /// The level the source format gives a line, if it styles it as a heading.
    pub fn heading_level(&self, line: LineIndex) -> Option<usize> {
        let line = self.line(line);
        line.starts_a_line_as_sent()
            .then(|| self.heading_levels.get(&line.source).copied())
            .flatten()
    }

    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    pub fn script(&self) -> Script {
        self.script
    }

    /// Length of the submitted text in code points.
    pub fn chars(&self) -> usize {
        self.original_offsets.chars()
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn line(&self, index: LineIndex) -> Line {
        self.lines[index.0]
    }

    pub fn get_line(&self, index: LineIndex) -> Option<Line> {
        self.lines.get(index.0).copied()
    }

    pub fn indexed_lines(&self) -> impl DoubleEndedIterator<Item = (LineIndex, Line)> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, line)| (LineIndex(i), *line))
    }

    /// The lines from `range.start` up to, not including, `range.end`.
    pub fn lines_in(&self, range: Range<LineIndex>) -> &[Line] {
        &self.lines[range.start.0..range.end.0]
    }

    /// The last line, if the text has any.
    pub fn last_line(&self) -> Option<LineIndex> {
        self.lines.len().checked_sub(1).map(LineIndex)
    }

    /// The normalised text of a range.
    pub fn text(&self, range: TextRange) -> &str {
        &self.normalized[range]
    }

    /// A range without the white space at its ends.
    pub fn trimmed(&self, range: TextRange) -> TextRange {
        let text = self.text(range);
        let start = range.start() + (text.len() - text.trim_start().len());
        TextRange::new(start, start + text.trim().len())
    }

    /// The submitted text of a range of the normalised copy.
    pub fn original_text(&self, range: TextRange) -> &str {
        let (start, end) = (self.char_index(range.start()), self.char_index(range.end()));
        self.original_chars(start, end)
    }

    /// Code-point offset of a byte offset of the normalised copy.
    pub fn char_index(&self, byte: usize) -> usize {
        self.normalized_offsets.char_of(&self.normalized, byte)
    }

    /// Byte offset in the normalised copy of a code-point offset.
    #[cfg(test)]
    pub fn byte_of_char(&self, char_index: usize) -> usize {
        self.normalized_offsets
            .byte_of(&self.normalized, char_index)
    }

    /// Index of the line holding a byte offset of the normalised copy.
    pub fn line_of(&self, byte: usize) -> LineIndex {
        LineIndex(
            self.lines
                .partition_point(|line| line.start <= byte)
                .saturating_sub(1),
        )
    }

    pub fn span(&self, range: TextRange) -> Span {
        let line = self.line(self.line_of(range.start()));
        let start = self.char_index(range.start());
        Span {
            start,
            end: self.char_index(range.end()).max(start),
            line: line.source + 1,
            column: start - self.char_index(line.source_start) + 1,
        }
    }

    /// The submitted text from code point `start` up to `end`.
    fn original_chars(&self, start: usize, end: usize) -> &str {
        let byte = |index| self.original_offsets.byte_of(&self.original, index);
        &self.original[byte(start)..byte(end)]
    }

    /// Up to `chars` characters of submitted text on each side of a range.
    pub fn context(&self, range: TextRange, chars: usize) -> Context {
        let start = self.char_index(range.start());
        let end = self.char_index(range.end()).max(start);
        let from = start.saturating_sub(chars);
        let to = (end + chars).min(self.chars());
        Context {
            text: self.original_chars(from, to).to_owned(),
            offset: start - from,
            length: end - start,
        }
    }
}

/// A heading glued to the sentence before it, as mirror sites print a report with its line
/// breaks lost: "……报告如下。一、主要举措", "……如下：一、……" or "……有新提升。 (二)规范执法".
/// "一、二季度" is no heading.
static GLUED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[。;!?:]\s*((?:[一二三四五六七八九十]{1,3}、[^一二三四五六七八九十、]|\([一二三四五六七八九十]{1,3}\)))")
        .expect("glued heading pattern compiles")
});
/// A part's heading with its first sub-heading glued on: "一、主要举措和成效(一)强化……".
static GLUED_SUB_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[一二三四五六七八九十]{1,3}、[^。;!?:]{2,40}?(\(一\))")
        .expect("glued sub-heading pattern compiles")
});

/// Where a line as sent holds more than one line: before each glued heading.
fn glued_cuts(content: &str) -> Vec<usize> {
    // Matches rather than captures (a capturing search costs several times more): the heading
    // starts after the mark and the blanks that lead the match, the sub-heading's "(一)" ends it.
    let mut cuts: Vec<usize> = GLUED_HEADING
        .find_iter(content)
        .map(|m| {
            let after_mark = m.as_str().char_indices().nth(1).map_or(m.len(), |(i, _)| i);
            m.end() - m.as_str()[after_mark..].trim_start().len()
        })
        .collect();
    let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().copied()).collect();
    for piece_start in starts {
        if let Some(sub) = GLUED_SUB_HEADING.find(&content[piece_start..]) {
            cuts.push(piece_start + sub.end() - "(一)".len());
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Lines split at `\n`, each without its `\r\n` or `\n`, and before headings glued to the
/// sentence before them.
fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (source, piece) in text.split_inclusive('\n').enumerate() {
        let content = piece.trim_end_matches(['\n', '\r']);
        let mut line_start = start;
        for cut in glued_cuts(content) {
            let at = start + cut;
            lines.push(Line {
                start: line_start,
                end: at,
                source,
                source_start: start,
            });
            line_start = at;
        }
        lines.push(Line {
            start: line_start,
            end: start + content.len(),
            source,
            source_start: start,
        });
        start += piece.len();
    }
    if lines.is_empty() || text.ends_with('\n') {
        let source = lines.last().map_or(0, |line: &Line| line.source + 1);
        lines.push(Line {
            start,
            end: start,
            source,
            source_start: start,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `glued_cuts` by its definition: the places of the patterns' heading groups.
    fn glued_cuts_by_captures(content: &str) -> Vec<usize> {
        let mut cuts: Vec<usize> = GLUED_HEADING
            .captures_iter(content)
            .filter_map(|c| c.get(1).map(|m| m.start()))
            .collect();
        let starts: Vec<usize> = std::iter::once(0).chain(cuts.iter().copied()).collect();
        for piece_start in starts {
            let sub = GLUED_SUB_HEADING.captures(&content[piece_start..]);
            if let Some(sub) = sub.and_then(|c| c.get(1)) {
                cuts.push(piece_start + sub.start());
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    #[test]
    fn glued_headings_are_cut_where_their_groups_start() {
        let content = "……报告如下。一、主要举措和成效(一)强化党的领导";
        let at = |piece: &str| content.find(piece).unwrap();
        assert_eq!(glued_cuts(content), [at("一、"), at("(一)")]);
        assert_eq!(glued_cuts("一、二季度"), Vec::<usize>::new());
        for content in [
            "……报告如下。一、主要举措和成效(一)强化党的领导",
            "……有新提升。 \u{3000}(二)规范执法",
            "一、主要举措和成效(一)强化……;\t三、存在的不足",
            "一、二季度",
        ] {
            assert_eq!(
                glued_cuts(content),
                glued_cuts_by_captures(content),
                "{content}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn glued_cuts_agree_with_the_patterns_groups(content in "[一二三、。;:()\u{3000} 法治]{0,30}") {
            proptest::prop_assert_eq!(glued_cuts(&content), glued_cuts_by_captures(&content));
        }
    }

    fn doc(text: &str) -> Document {
        Document::new(text, &Normalizer::new(), 0.02)
    }

    #[test]
    fn spans_count_code_points_of_the_submitted_text() {
        let document = doc("标题\r\n（一）党建引领，强化");
        let start = document.normalized().find("党建").unwrap();
        let range = TextRange::new(start, start + "党建".len());
        let span = document.span(range);
        assert_eq!((span.start, span.end, span.line, span.column), (7, 9, 2, 4));
        assert_eq!(document.original_text(range), "党建");
    }

    #[test]
    fn traditional_text_keeps_its_original_in_output() {
        let document = doc("二、存在的問題短板");
        let start = document.normalized().find("问题").unwrap();
        let range = TextRange::new(start, start + "问题".len());
        assert_eq!(document.original_text(range), "問題");
    }

    #[test]
    fn context_marks_the_place() {
        let document = doc("一二三四五六七八九十");
        let start = document.byte_of_char(4);
        let context = document.context(TextRange::new(start, document.byte_of_char(6)), 2);
        assert_eq!(context.text, "三四五六七八");
        assert_eq!((context.offset, context.length), (2, 2));
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let document = doc("");
        assert_eq!(document.lines().len(), 1);
        assert_eq!(document.span(TextRange::at(0)).line, 1);
    }
}
