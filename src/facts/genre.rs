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
        !genre.unless.is_match(headline)
            && (genre.title_words.is_match(headline) || (!names_report && opens_like_it()))
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
