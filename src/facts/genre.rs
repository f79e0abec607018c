//! Whether the document is a report of the rule set's kind at all, or another genre portals and
//! OA systems carry beside it: an interpretation of the report, an information-disclosure
//! report, a work plan, a leader's 述法 report, a news item.

use crate::document::Document;
use crate::outline::layout::is_short_unpunctuated;
use crate::outline::{Outline, words_text};
use crate::ruleset::RuleSet;

/// Fewer characters of text than this cannot be a report (a scanned PDF's stray bytes).
const MIN_TEXT_CHARS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    Report,
    /// Another genre of the rule set's `genres`, by its index: its title or opening says so.
    Other(usize),
    /// Too little text to be a report.
    TooShort,
    /// Nothing reads as a report: no title naming its subject, no part's heading.
    Unrelated,
}

impl Genre {
    pub fn is_report(self) -> bool {
        self == Genre::Report
    }
}

/// How far into the opening a news item's marker ("近日，", "本报讯") may stand, in bytes.
const OPENING_MARKER_BYTES: usize = 30;

pub fn of(document: &Document, outline: &Outline, rules: &RuleSet, title: Option<&str>) -> Genre {
    let paragraphs = outline.paragraphs();
    let line = |i: usize| paragraphs.get(i).map(|p| document.text(p.range).trim());
    // Without a title, a short first line stands for it (a news item's headline).
    let headline = title.or_else(|| {
        line(0).filter(|l| is_short_unpunctuated(l, rules.data.thresholds.title_max_chars))
    });
    let opening = match (title, headline) {
        (None, Some(_)) => line(1),
        _ => line(0),
    }
    .unwrap_or_default();
    let headline = headline.unwrap_or_default();
    let names_report = rules.title.genre.is_match(headline);
    let genre = rules.genres.iter().position(|genre| {
        let opens_like_it = || {
            genre
                .opening_words
                .find(opening)
                .is_some_and(|m| m.start < OPENING_MARKER_BYTES)
        };
        // A headline naming the report may tell of it (我县公开发布2023年度……报告).
        let about = genre.about_words.is_match(headline);
        (!genre.unless.is_match(headline) || about)
            && (genre.title_words.is_match(headline)
                || ((!names_report || about) && opens_like_it()))
    });
    if let Some(genre) = genre {
        return Genre::Other(genre);
    }
    let subject = &rules.title.subject;
    let names_subject = title.is_some_and(|t| subject.is_match(t) || rules.title_words.is_match(t));
    let has_part_heading = outline.top_level().any(|(_, heading)| {
        let words = words_text(document, heading);
        rules
            .parts()
            .iter()
            .any(|part| part.heading_words.is_match(&words))
    });
    let speaks_of_subject = paragraphs
        .iter()
        .filter(|p| subject.is_match(document.text(p.range)))
        .nth(1)
        .is_some();
    if names_subject || has_part_heading || speaks_of_subject {
        Genre::Report
    } else if document
        .normalized()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(MIN_TEXT_CHARS)
        .count()
        < MIN_TEXT_CHARS
    {
        Genre::TooShort
    } else {
        Genre::Unrelated
    }
}

#[cfg(test)]
mod news_about_the_report {
    use crate::engine::{Engine, Input};
    use crate::rules::CheckOptions;

    fn is_report(text: &str) -> bool {
        let report = Engine::default()
            .check_input(Input::Text(text.to_owned()), &CheckOptions::default())
            .unwrap();
        !report
            .findings
            .iter()
            .any(|f| f.rule.to_string() == "not-a-report")
    }

    const REST: &str = "报告显示，2023年我县审查规范性文件21件，办理行政复议案件96件。\n\
        一、2023年推进法治政府建设的主要举措和成效\n审查规范性文件21件。\n\
        二、2023年推进法治政府建设存在的不足和原因\n基层法治力量薄弱，原因是编制不足。\n";

    #[test]
    fn a_news_item_telling_of_the_report_is_news() {
        let news = format!(
            "我县公开发布2023年度法治政府建设情况报告\n近日，某某县人民政府在门户网站公开发布《某某县2023年度法治政府建设情况报告》。\n{REST}"
        );
        assert!(!is_report(&news));
        // The report's own page under a headline that says it is published.
        let page = format!(
            "某某县人民政府公开发布2023年度法治政府建设情况报告\n2023年，我县扎实推进法治政府建设。\n{REST}"
        );
        assert!(is_report(&page));
    }
}
