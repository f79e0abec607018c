//! The lines around the body that are never headings: the page around the report (portal
//! chrome, the metadata block, a cover letter, the title and its repeats), the addressee line
//! and the sign-off.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, LineIndex, TextRange};
use crate::facts::year::years_in_title;
use crate::ruleset::RuleSet;
use crate::ruleset::words::WordSet;

use crate::text::numbering::numbering;

/// Characters that end a sentence (after width folding).
pub const SENTENCE_END: [char; 5] = ['。', ';', '!', '?', ':'];

/// How many lines at the end may form the sign-off (issuer, date, and a seal line).
const SIGN_OFF_MAX_LINES: usize = 3;
/// The longest line an addressee ("县委、县政府：") or a sign-off line plausibly has.
const SHORT_LINE_CHARS: usize = 40;
/// A title is longer than a column label ("工作报告", "法治政府建设").
const TITLE_MIN_CHARS: usize = 8;
/// Breadcrumb separators ("首页 > 政务公开 > 法治政府建设").
const BREADCRUMB_MARKS: [char; 4] = ['>', '»', '›', '→'];

/// What separates a portal's suffix from the title.
const SITE_SUFFIX_MARKS: [char; 4] = ['_', '|', '－', '-'];
/// Words of a site name.
const SITE_WORDS: [&str; 4] = ["网站", "门户", "政府网", "人民政府"];

/// A line of the page rather than of the report: a page clock ("2019年12月3日星期二"), a line
/// that is only a date, a document number ("某政发〔2024〕3号"), a page marker ("第2页").
static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"星期[一二三四五六日天]|",
        r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$|",
        r"^[^。]{0,20}[〔\[【(]\d{4}[〕\]】)]\s*\d{1,4}\s*号\s*$|",
        r"^\s*(?:第\s*\d+\s*页|共\s*\d+\s*页)",
    ))
    .expect("page line pattern compiles")
});

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Lines before this one are the page around the report: chrome, metadata, a cover letter,
    /// the title and its repeats.
    pub head_end: LineIndex,
    /// The title's lines (two when it is split over lines).
    pub title: Option<Range<LineIndex>>,
    pub addressee: Option<LineIndex>,
    /// Lines from here to the end are the sign-off.
    pub sign_off: Option<LineIndex>,
}

impl Layout {
    pub fn find(document: &Document, rules: &RuleSet) -> Self {
        let mut layout = Layout::default();
        let text_of = |i: LineIndex| document.text(document.line(i).range()).trim();
        let non_blank: Vec<LineIndex> = document
            .indexed_lines()
            .map(|(i, _)| i)
            .filter(|&i| !text_of(i).is_empty())
            .collect();
        // Positions in `head` are not line indexes: `head[at]` is the line.
        let head: Vec<LineIndex> = non_blank
            .iter()
            .copied()
            .take(rules.data.thresholds.title_search_lines)
            .collect();
        let page = Page { rules };
        let title = page.title_lines(&head, &text_of);
        let mut end = match &title {
            Some(lines) => lines.end,
            None => 0,
        };
        let title_text: Option<String> = title
            .as_ref()
            .map(|t| head[t.clone()].iter().map(|&i| text_of(i)).collect());
        // After the title: the page's metadata and the title printed again (header and body),
        // word for word or in another form of the same report's title.
        while let Some(&line) = head.get(end) {
            let text = text_of(line);
            let repeats = title_text
                .as_deref()
                .is_some_and(|t| repeats_title(t, text) || page.retitles(t, text));
            if !page.is_chrome(text) && !repeats {
                break;
            }
            end += 1;
        }
        layout.head_end = end
            .checked_sub(1)
            .map_or(LineIndex::default(), |last| head[last].next());
        layout.title = title.map(|t| head[t.start]..head[t.end - 1].next());
        layout.addressee = non_blank
            .iter()
            .copied()
            .find(|&i| i >= layout.head_end)
            .filter(|&i| is_addressee(text_of(i)) && !page.is_chrome(text_of(i)));
        layout.sign_off = sign_off_start(&non_blank, &text_of);
        layout
    }

    /// Whether a line is part of the text around the body.
    pub fn is_frame(&self, line: LineIndex) -> bool {
        line < self.head_end
            || self.addressee == Some(line)
            || self.sign_off.is_some_and(|start| line >= start)
    }

    /// Where the sign-off stands in the text.
    pub fn sign_off_range(&self, document: &Document) -> Option<TextRange> {
        let last = document.line(document.last_line()?).range();
        self.sign_off
            .map(|start| document.line(start).range().to(last))
    }
}

/// A value of the page's metadata ("发布机构: | 庄市街道 | 公开方式: …"): which of the asked
/// labels it follows, and where it stands.
#[derive(Debug, Clone, Copy)]
pub struct LabelledValue {
    /// The label's index among the asked labels.
    pub label: usize,
    /// From after the label to the next metadata label of its line, or the line's end.
    pub range: TextRange,
}

impl Layout {
    /// The values of `labels` in the page's metadata, in text order. A label inside a longer
    /// one ("时间" in "发布时间") is the longer one's.
    pub fn labelled_values(
        &self,
        document: &Document,
        rules: &RuleSet,
        labels: &WordSet,
    ) -> Vec<LabelledValue> {
        let mut values = Vec::new();
        for line in document.lines_in(LineIndex::default()..self.head_end) {
            let text = document.text(line.range());
            let found = labels.find_all(text);
            let outermost = found.iter().filter(|label| {
                !found.iter().any(|other| {
                    other != *label && other.start <= label.start && label.end <= other.end
                })
            });
            for label in outermost {
                let after = label.end;
                let end = rules
                    .metadata_labels
                    .find_all(&text[after..])
                    .iter()
                    .map(|m| after + m.start)
                    .min()
                    .unwrap_or(text.len());
                values.push(LabelledValue {
                    label: label.word,
                    range: line.range().sub(after..end),
                });
            }
        }
        values
    }
}

/// What the page around a report is made of, by the rule set's words.
struct Page<'a> {
    rules: &'a RuleSet,
}

impl Page<'_> {
    /// Portal chrome: metadata rows, breadcrumbs, share/print/font-size lines, page clocks,
    /// document numbers and bare dates.
    fn is_chrome(&self, text: &str) -> bool {
        // "分享:" is a share line, not an addressee.
        let bare = text.trim_end_matches(':');
        let short = is_short_unpunctuated(bare, self.rules.data.thresholds.title_max_chars);
        is_metadata(text, self.rules)
            || PAGE_LINE.is_match(text)
            || (short && text.contains(BREADCRUMB_MARKS))
            || (short && self.rules.chrome_words.is_match(text))
    }

    fn is_title(&self, text: &str) -> bool {
        numbering(text).is_none()
            && text.chars().count() >= TITLE_MIN_CHARS
            && is_short_unpunctuated(text, self.rules.data.thresholds.title_max_chars)
            && !self.is_chrome(text)
            && self.rules.title_words.is_match(text)
    }

    /// The title printed again in another form ("……关于2023年度法治政府建设情况的报告", then
    /// "……2023年度法治政府建设情况报告"): a title of the same genre naming the same years.
    fn retitles(&self, title: &str, text: &str) -> bool {
        let years = |t: &str| -> Vec<i32> {
            years_in_title(t, self.rules)
                .into_iter()
                .map(|(y, _)| y)
                .collect()
        };
        self.is_title(text)
            && self.rules.title.genre.is_match(text)
            && !years(text).is_empty()
            && years(text) == years(title)
    }

    fn is_cover_letter(&self, text: &str) -> bool {
        self.rules.cover_letter_words.is_match(text)
    }

    /// The positions in `head` of the title's lines: the first title line that is not a cover
    /// letter's (the report follows its cover letter), joined with the line it is split from.
    /// The search stops at the body, unless a cover letter's body comes first.
    fn title_lines<'t>(
        &self,
        head: &[LineIndex],
        text_of: &impl Fn(LineIndex) -> &'t str,
    ) -> Option<Range<usize>> {
        let max_chars = self.rules.data.thresholds.title_max_chars;
        let mut cover_letter = None;
        for (at, &line) in head.iter().enumerate() {
            let text = text_of(line);
            if self.is_title(text) {
                if !self.is_cover_letter(text) {
                    return Some(self.joined(head, at, text_of));
                }
                cover_letter.get_or_insert(at);
            } else if let Some(&below) = head.get(at + 1)
                && cover_letter.is_none()
                && self.halves(text, text_of(below))
            {
                return Some(at..at + 2);
            } else if cover_letter.is_none()
                && !self.is_chrome(text)
                && (numbering(text).is_some() || !is_short_unpunctuated(text, max_chars))
            {
                break;
            }
        }
        cover_letter.map(|at| self.joined(head, at, text_of))
    }

    /// Two lines that are a title only together: "某县2023年度法治政府" / "建设情况报告".
    fn halves(&self, first: &str, second: &str) -> bool {
        let max_chars = self.rules.data.thresholds.title_max_chars;
        let unnumbered = |t: &str| numbering(t).is_none() && !self.is_chrome(t);
        unnumbered(first)
            && unnumbered(second)
            && is_short_unpunctuated(first, max_chars)
            && is_short_unpunctuated(second, max_chars)
            && !self.is_title(second)
            && self.is_title(&format!("{first}{second}"))
    }

    /// A title split over two lines: "某县人民政府关于" above it, or the rest of it
    /// ("……法治政府建设" / "情况报告") below.
    fn joined<'t>(
        &self,
        head: &[LineIndex],
        at: usize,
        text_of: &impl Fn(LineIndex) -> &'t str,
    ) -> Range<usize> {
        let max_chars = self.rules.data.thresholds.title_max_chars;
        let text = text_of(head[at]);
        let fits = |other: &str| {
            numbering(other).is_none()
                && !self.is_chrome(other)
                && is_short_unpunctuated(other, max_chars)
                && (text.chars().count() + other.chars().count()) <= max_chars
        };
        let genre = &self.rules.title.genre;
        if let Some(&below) = head.get(at + 1) {
            let next = text_of(below);
            if !genre.is_match(text) && genre.is_match(next) && fits(next) && !self.is_title(next) {
                return at..at + 2;
            }
        }
        if at > 0 {
            let above = text_of(head[at - 1]);
            if above.ends_with("关于") && fits(above) {
                return at - 1..at + 1;
            }
        }
        at..at + 1
    }
}

/// A title without the site name or date a portal appends to it ("……报告_某某区人民政府门户网站").
pub fn without_site_suffix(title: &str) -> &str {
    match title.rfind(SITE_SUFFIX_MARKS) {
        Some(at) if is_site_suffix(&title[at..]) => title[..at].trim_end(),
        _ => title,
    }
}

fn is_site_suffix(suffix: &str) -> bool {
    SITE_WORDS.iter().any(|w| suffix.contains(w))
        || PAGE_LINE.is_match(suffix.trim_start_matches(SITE_SUFFIX_MARKS))
}

/// A line that is the title again, printed by the page header and by the body.
fn repeats_title(title: &str, line: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (title, line) = (squeeze(title), squeeze(line));
    !line.is_empty()
        && (line == title || (line.len() * 5 >= title.len() * 4 && title.contains(&line)))
}

/// "成文日期: | 2024-02-29 |", "来源:区政府办公室 发布时间:2024-03-28", "[ 主题分类 ] 司法": a
/// metadata label followed by a separator or closing its brackets.
fn is_metadata(text: &str, rules: &RuleSet) -> bool {
    rules.metadata_labels.find_all(text).iter().any(|m| {
        text[m.end..]
            .trim_start()
            .starts_with([':', '|', ']', '】'])
    })
}

fn is_addressee(text: &str) -> bool {
    text.ends_with(':') && text.chars().count() <= SHORT_LINE_CHARS && numbering(text).is_none()
}

pub fn is_short_unpunctuated(text: &str, max_chars: usize) -> bool {
    text.chars().count() <= max_chars
        && !text.ends_with(SENTENCE_END)
        && !text.ends_with(',')
        && !text.contains('。')
}

/// The trailing block of short, unpunctuated, unnumbered lines: issuer and date.
fn sign_off_start<'a>(
    non_blank: &[LineIndex],
    text_of: &impl Fn(LineIndex) -> &'a str,
) -> Option<LineIndex> {
    let block: Vec<LineIndex> = non_blank
        .iter()
        .rev()
        .copied()
        .take_while(|&i| {
            let text = text_of(i);
            numbering(text).is_none() && is_short_unpunctuated(text, SHORT_LINE_CHARS)
        })
        .take(SIGN_OFF_MAX_LINES)
        .collect();
    // A document of nothing but short lines has no body to sign off.
    (block.len() < non_blank.len())
        .then(|| block.last().copied())
        .flatten()
}

#[cfg(test)]
mod portal_chrome {
    use crate::engine::{Engine, Input};
    use crate::report::CheckReport;
    use crate::rules::CheckOptions;

    const BODY: &str = "2023年，我县扎实推进法治政府建设。现将有关情况报告如下。\n\
        一、2023年推进法治政府建设的主要举措和成效\n办理行政复议案件85件。\n\
        二、2023年推进法治政府建设存在的不足和原因\n基层法治力量薄弱，原因是编制不足。\n";

    fn check(head: &str) -> CheckReport {
        Engine::default()
            .check_input(
                Input::Text(format!("{head}\n{BODY}")),
                &CheckOptions::default(),
            )
            .unwrap()
    }

    fn headings(report: &CheckReport) -> Vec<&str> {
        report.outline.iter().map(|h| h.heading.as_str()).collect()
    }

    #[test]
    fn bracketed_metadata_share_lines_and_a_title_printed_again_are_page() {
        let report = check(
            "[ 索引号 ] 0012/2024-00118 [ 主题分类 ] 司法 [ 体裁分类 ] 工作报告\n\
             某某县人民政府关于2023年度法治政府建设情况的报告\n分享:\n\
             某某县2023年度法治政府建设情况报告",
        );
        assert_eq!(
            report.report.title.as_deref(),
            Some("某某县人民政府关于2023年度法治政府建设情况的报告")
        );
        assert_eq!(headings(&report).len(), 2, "{:?}", headings(&report));
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule.to_string() != "addressee-mismatch")
        );
    }
}
