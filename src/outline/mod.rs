//! The outline: which lines are headings, at what level, and where each section ends.
//!
//! Headings come from numbering (see [`crate::text::numbering`]); an unnumbered short line counts only when it
//! names a part of the rule set. The top level is the highest level present.

pub mod layout;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, LineIndex, TextRange};
use crate::ruleset::RuleSet;

pub use crate::text::numbering::{self, NumberStyle};
pub use layout::Layout;
use layout::{SENTENCE_END, is_short_unpunctuated};

#[derive(Debug, Clone)]
pub struct Heading {
    pub line: LineIndex,
    /// `None` for a heading marked by layout alone.
    pub style: Option<NumberStyle>,
    /// 1 for the top level.
    pub level: usize,
    /// The level the source format's heading style gives it, if any.
    pub styled_level: Option<usize>,
    /// The heading as it stands, numbering included.
    pub range: TextRange,
    /// Where the words after the numbering start.
    text_start: usize,
    /// Where its section (body and sub-sections) ends.
    section_end: usize,
}

impl Heading {
    /// The heading's numbering ("一、", "（二）"); empty for a heading without one.
    pub fn numbering(&self) -> TextRange {
        TextRange::new(self.range.start(), self.text_start)
    }

    /// The heading's words without the numbering.
    pub fn words(&self) -> TextRange {
        TextRange::new(self.text_start, self.range.end())
    }

    /// The section after the heading.
    pub fn body(&self) -> TextRange {
        TextRange::new(self.range.end(), self.section_end.max(self.range.end()))
    }

    /// The heading and its section.
    pub fn section(&self) -> TextRange {
        TextRange::new(self.range.start(), self.section_end.max(self.range.end()))
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.range.start() <= byte && byte < self.section_end
    }
}

/// A heading's place in the outline, in text order: not a line's index, nor a part's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HeadingIndex(usize);

impl HeadingIndex {
    /// The position, for lists kept one entry per heading.
    pub fn get(self) -> usize {
        self.0
    }
}

#[derive(Debug, Clone)]
pub struct Outline {
    pub layout: Layout,
    headings: Vec<Heading>,
    /// Where the body ends: the start of the sign-off, or the end of the text.
    pub body_end: usize,
    /// The last line of the text, when the text stops in the middle of a sentence there: an
    /// excerpt, a page that did not load whole. What is missing after it is not known.
    pub cut_short_at: Option<LineIndex>,
    /// The body's non-blank lines, found once here for every step after.
    paragraphs: Vec<Paragraph>,
}

/// A non-blank line of the body: its range and, for a heading, the heading's index.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub range: TextRange,
    pub heading: Option<HeadingIndex>,
}

impl Outline {
    pub fn parse(document: &Document, rules: &RuleSet) -> Self {
        let layout = Layout::find(document, rules);
        let thresholds = &rules.data.thresholds;
        let mut headings = Vec::new();
        let mut continued = Vec::new();
        for (index, line) in document.indexed_lines() {
            let trimmed = document.trimmed(line.range());
            let text = document.text(trimmed);
            if text.is_empty() || layout.is_frame(index) || continued.last() == Some(&index) {
                continue;
            }
            let (start, end) = (trimmed.start(), trimmed.end());
            if let Some((style, mark)) = numbering::numbering(text)
                && !is_page_fragment(style, index, document)
            {
                let run_in = text.chars().count() > thresholds.heading_max_chars;
                let mut title_end = first_sentence_end(text, mark, run_in);
                // A heading wrapped onto the next line ("……的主要" / "举措和成效").
                if !run_in
                    && let Some(next) = document.get_line(index.next())
                    && !layout.is_frame(index.next())
                    && continues_heading(text, document.text(next.range()).trim(), rules)
                {
                    title_end = document.trimmed(next.range()).end() - start;
                    continued.push(index.next());
                }
                headings.push(Heading {
                    line: index,
                    style: Some(style),
                    level: 0,
                    styled_level: document.heading_level(index),
                    range: TextRange::new(start, start + title_end),
                    text_start: start + mark,
                    section_end: end,
                });
            } else if document.heading_level(index).is_some()
                || (is_short_unpunctuated(text, thresholds.heading_max_chars)
                    && rules.parts().iter().any(|p| p.heading_words.is_match(text)))
            {
                headings.push(Heading {
                    line: index,
                    style: None,
                    level: 0,
                    styled_level: document.heading_level(index),
                    range: TextRange::new(start, end),
                    text_start: start,
                    section_end: end,
                });
            }
        }
        drop_bare_labels(&mut headings, document, rules);
        let body_end = layout
            .sign_off_range(document)
            .map_or(document.normalized().len(), |r| r.start());
        assign_levels(&mut headings);
        close_sections(&mut headings, body_end);
        let paragraphs = find_paragraphs(document, &layout, &headings, &continued);
        let cut_short_at = cut_short_at(document, &layout);
        Self {
            layout,
            headings,
            body_end,
            cut_short_at,
            paragraphs,
        }
    }

    pub fn heading(&self, index: HeadingIndex) -> &Heading {
        &self.headings[index.0]
    }

    /// Every heading, in text order.
    pub fn headings(&self) -> &[Heading] {
        &self.headings
    }

    pub fn indexed_headings(&self) -> impl Iterator<Item = (HeadingIndex, &Heading)> {
        self.headings
            .iter()
            .enumerate()
            .map(|(i, h)| (HeadingIndex(i), h))
    }

    pub fn top_level(&self) -> impl Iterator<Item = (HeadingIndex, &Heading)> {
        self.indexed_headings().filter(|(_, h)| h.level == 1)
    }

    /// The headings inside a heading's section.
    pub fn sub_headings(&self, index: HeadingIndex) -> impl Iterator<Item = &Heading> {
        let top = self.heading(index);
        self.headings[index.0 + 1..]
            .iter()
            .take_while(|h| top.contains(h.range.start()))
    }

    pub fn is_empty(&self) -> bool {
        self.headings.is_empty()
    }

    /// The body's non-blank lines, in order, outside the title, metadata, addressee and sign-off.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// The title's range, if the report has one (over two lines when it is split).
    pub fn title(&self, document: &Document) -> Option<TextRange> {
        let lines = self.layout.title.clone()?;
        let title = document.lines_in(lines);
        let (first, last) = (title.first()?, title.last()?);
        let title = document.trimmed(first.range().to(last.range()));
        let words = layout::without_site_suffix(document.text(title));
        Some(TextRange::new(title.start(), title.start() + words.len()))
    }

    /// The title's words, its lines joined.
    pub fn title_text(&self, document: &Document) -> Option<String> {
        let lines = self.layout.title.clone()?;
        let joined: String = document
            .lines_in(lines)
            .iter()
            .map(|line| document.text(line.range()).trim())
            .collect();
        Some(layout::without_site_suffix(&joined).to_owned())
    }
}

/// The body's non-blank lines, each with its heading's index when it is one.
fn find_paragraphs(
    document: &Document,
    layout: &Layout,
    headings: &[Heading],
    continued: &[LineIndex],
) -> Vec<Paragraph> {
    let mut next_heading = headings.iter().enumerate().peekable();
    document
        .indexed_lines()
        .filter(|(i, line)| {
            !layout.is_frame(*i)
                && continued.binary_search(i).is_err()
                && !document.text(line.range()).trim().is_empty()
        })
        .map(|(i, line)| {
            while next_heading.peek().is_some_and(|(_, h)| h.line < i) {
                next_heading.next();
            }
            let heading = next_heading
                .peek()
                .filter(|(_, h)| h.line == i)
                .map(|(index, _)| HeadingIndex(*index));
            Paragraph {
                range: line.range(),
                heading,
            }
        })
        .collect()
}

/// Document-sharing sites number the pages they cut a text into ("2、法有效化解……"): a line
/// numbered 1、 2、 … that goes on with a long sentence the line before left unfinished.
/// A bare title word on a line of its own ("工作总结" under the title) before numbered parts is a
/// label of the page, not a part: the numbered headings are the report's.
fn drop_bare_labels(headings: &mut Vec<Heading>, document: &Document, rules: &RuleSet) {
    let Some(first_numbered) = headings.iter().position(|h| h.style.is_some()) else {
        return;
    };
    let mut at = 0;
    headings.retain(|h| {
        at += 1;
        let text = document.text(h.range).trim();
        let bare = rules
            .title_words
            .find(text)
            .is_some_and(|m| m.start == 0 && m.end == text.len());
        !(at <= first_numbered && h.style.is_none() && h.styled_level.is_none() && bare)
    });
}

fn is_page_fragment(style: NumberStyle, index: LineIndex, document: &Document) -> bool {
    let lines = document.lines();
    let line = document.line(index);
    if style != NumberStyle::Arabic || !line.starts_a_line_as_sent() {
        return false;
    }
    // The line as sent (glued headings split it), and the lines sent before and after it.
    let sent = |source: usize| {
        // Lines are in order of the lines sent: a binary search finds a line's pieces.
        let first = lines.partition_point(|l| l.source < source);
        let end = lines.partition_point(|l| l.source <= source);
        (first < end).then(|| {
            document
                .text(lines[first].range().to(lines[end - 1].range()))
                .trim_end()
        })
    };
    let unfinished = |text: &str| {
        text.chars().count() > PAGE_FRAGMENT_MIN_CHARS
            && !text.ends_with(layout::SENTENCE_END)
            && !text.ends_with('。')
    };
    // The next page may go on with a number: "2、21件……".
    let numbered = |text: &str| {
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && text[digits..].starts_with(['、', '.'])
    };
    let source = line.source;
    let after_unfinished = source > 0 && sent(source - 1).is_some_and(unfinished);
    let before_fragment =
        sent(source).is_some_and(unfinished) && sent(source + 1).is_some_and(numbered);
    after_unfinished || before_fragment
}

/// The start of a run-in enumeration ("一是").
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二三四五六七八九十]是").expect("pattern compiles"));

/// How long the line before a page fragment is: a page of text, not a heading.
const PAGE_FRAGMENT_MIN_CHARS: usize = 120;

/// How a text that was not cut short ends (after width folding): a sentence, a quotation, a
/// date.
const ENDS_A_TEXT: [char; 8] = ['。', '!', '?', ';', '”', '》', ')', '日'];

/// The last line, when it stops mid-sentence outside the sign-off.
fn cut_short_at(document: &Document, layout: &Layout) -> Option<LineIndex> {
    let (last, line) = document
        .indexed_lines()
        .rev()
        .find(|(_, l)| !document.text(l.range()).trim().is_empty())?;
    let text = document.text(line.range()).trim_end();
    let signed = layout.sign_off.is_some_and(|start| last >= start);
    (!signed && !text.ends_with(ENDS_A_TEXT)).then_some(last)
}

/// The most characters the wrapped rest of a heading has on its own line.
const WRAPPED_MAX_CHARS: usize = 20;

/// Whether `next` is the rest of the heading `text` wrapped onto its own line: short and
/// unnumbered, and only together do they name a part.
fn continues_heading(text: &str, next: &str, rules: &RuleSet) -> bool {
    let names_part = |words: &str| {
        rules
            .parts()
            .iter()
            .any(|p| p.heading_words.is_match(words))
    };
    is_short_unpunctuated(text, rules.data.thresholds.heading_max_chars)
        && !next.is_empty()
        && numbering::numbering(next).is_none()
        && is_short_unpunctuated(next, WRAPPED_MAX_CHARS)
        && !names_part(text)
        && names_part(&format!("{text}{next}"))
}

/// A heading's words, its lines joined when it is wrapped onto two.
pub fn words_text<'a>(document: &'a Document, heading: &Heading) -> Cow<'a, str> {
    let words = document.text(heading.words());
    if words.contains('\n') {
        Cow::Owned(words.lines().map(str::trim).collect())
    } else {
        Cow::Borrowed(words)
    }
}

/// The end of the first sentence of a run-in heading ("1. 严格依法履职,……有新提升。坚持……").
/// Where a numbered line's heading ends: at its first sentence when it runs on into body text
/// (a long line, or text after a sentence end), or where a mirror site that lost the line
/// break left a space before the body ("二、存在的不足和原因 一是……；").
fn first_sentence_end(text: &str, mark: usize, run_in: bool) -> usize {
    let sentence = text.find(SENTENCE_END).unwrap_or(text.len());
    let words = &text[mark..];
    let lead = words.len() - words.trim_start().len();
    let gap = words
        .trim_start()
        .find(char::is_whitespace)
        .map(|at| mark + lead + at)
        .filter(|&gap| text[gap..].contains(SENTENCE_END) || text[gap..].contains('。'));
    // "三、2023年工作打算一是……": the enumeration starts the body.
    let sentence = ENUMERATION
        .find(&text[mark..])
        .map(|m| mark + m.start())
        .filter(|&at| at > mark)
        .map_or(sentence, |at| at.min(sentence));
    let runs_on = run_in || text[sentence..].chars().nth(1).is_some();
    match gap {
        Some(gap) => gap.min(sentence),
        None if runs_on => sentence,
        None => text.len(),
    }
}

/// A heading style's level wins; numbering styles follow, highest rank first, below the
/// deepest styled level (in a document without heading styles, from the top). An unnumbered
/// heading without a style is top-level.
fn assign_levels(headings: &mut [Heading]) {
    let mut styles: Vec<NumberStyle> = headings
        .iter()
        .filter(|h| h.styled_level.is_none())
        .filter_map(|h| h.style)
        .collect();
    styles.sort();
    styles.dedup();
    let below = headings
        .iter()
        .filter_map(|h| h.styled_level)
        .max()
        .unwrap_or(0);
    for heading in headings.iter_mut() {
        heading.level = match (heading.styled_level, heading.style) {
            (Some(level), _) => level,
            (None, Some(style)) => below + 1 + styles.iter().position(|s| *s == style).unwrap_or(0),
            (None, None) => 1,
        };
    }
    // The top level is the highest present, whatever its style says.
    let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
    for heading in headings.iter_mut() {
        heading.level -= top - 1;
    }
}

/// A section runs until the next heading of the same or a higher level.
fn close_sections(headings: &mut [Heading], body_end: usize) {
    for i in 0..headings.len() {
        let level = headings[i].level;
        headings[i].section_end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map_or(body_end, |h| h.range.start())
            .max(headings[i].range.end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Normalizer;

    fn outline(text: &str) -> (Document, Outline) {
        let rules = RuleSet::embedded();
        let document = Document::new(text, &Normalizer::new(), 0.02);
        let outline = Outline::parse(&document, &rules);
        (document, outline)
    }

    fn headings(text: &str) -> Vec<(usize, String)> {
        let (document, outline) = outline(text);
        outline
            .headings
            .iter()
            .map(|h| (h.level, document.original_text(h.range).to_owned()))
            .collect()
    }

    #[test]
    fn a_bare_title_word_under_the_title_is_no_part() {
        let numbered = headings(
            "某某区2023年度法治政府建设情况报告\n工作总结\n2023年，我区推进法治政府建设。\n\
             一、主要举措和成效\n办理复议案件120件。\n二、存在的问题\n执法力量不足。\n",
        );
        assert_eq!(numbered.len(), 2, "{numbered:?}");
        // Without numbered parts, 工作总结 is the measures' heading.
        let unnumbered = headings(
            "某某区2023年度法治政府建设情况报告\n工作总结\n办理复议案件120件。\n\
             存在问题\n执法力量不足。\n",
        );
        assert_eq!(unnumbered.len(), 2, "{unnumbered:?}");
    }

    #[test]
    fn levels_follow_numbering_and_top_is_highest_present() {
        let text = "（一）党建引领\n1. 学习\n正文。\n(二)法治护航\n正文。";
        assert_eq!(
            headings(text),
            [
                (1, "（一）党建引领".to_owned()),
                (2, "1. 学习".to_owned()),
                (1, "(二)法治护航".to_owned())
            ]
        );
    }

    #[test]
    fn title_metadata_addressee_and_sign_off_are_not_headings() {
        let text = "索引号: | 0001/2024-1 |\n成文日期: | 2024-02-29 |\n某街道2023年法治政府建设工作报告\n区委、区政府:\n一、工作开展情况\n全年开展学习12次。\n存在的问题\n人员不足。\n某街道办事处\n2024年2月29日";
        let (document, outline) = outline(text);
        let found: Vec<&str> = outline
            .headings
            .iter()
            .map(|h| document.original_text(h.range))
            .collect();
        assert_eq!(found, ["一、工作开展情况", "存在的问题"]);
        assert_eq!(
            document.original_text(outline.title(&document).unwrap()),
            "某街道2023年法治政府建设工作报告"
        );
        assert_eq!(outline.layout.sign_off.map(LineIndex::get), Some(8));
    }

    #[test]
    fn enumerations_are_not_headings_and_long_items_are_run_in() {
        let long =
            "1. 严格依法履职,依法行政水平有新提升。".to_owned() + &"坚持依法行政。".repeat(20);
        let text = format!("一、主要举措和成效\n一是丰富学习形式,开展学习。\n{long}");
        let (document, outline) = outline(&text);
        assert_eq!(outline.headings.len(), 2);
        let item = &outline.headings[1];
        assert_eq!(
            document.original_text(item.range),
            "1. 严格依法履职,依法行政水平有新提升"
        );
    }

    #[test]
    fn sections_end_at_the_next_heading_of_their_level() {
        let (document, outline) = outline("一、甲\n(一)乙\n文。\n二、丙\n文。");
        let first = &outline.headings[0];
        assert_eq!(document.text(first.body()).trim(), "(一)乙\n文。");
    }
}
