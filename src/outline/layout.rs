//! The lines around the body that are never headings: the portal metadata block, the title, the
//! addressee line and the sign-off.

use std::ops::Range;

use crate::document::Document;
use crate::ruleset::RuleSet;

use crate::text::numbering::numbering;

/// Characters that end a sentence (after width folding).
pub const SENTENCE_END: [char; 5] = ['。', ';', '!', '?', ':'];

/// How many lines at the end may form the sign-off (issuer, date, and a seal line).
const SIGN_OFF_MAX_LINES: usize = 3;
/// The longest line an addressee ("县委、县政府：") or a sign-off line plausibly has.
const SHORT_LINE_CHARS: usize = 40;

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Lines before this one are the portal metadata block.
    pub metadata_end: usize,
    pub title: Option<usize>,
    pub addressee: Option<usize>,
    /// Lines from here to the end are the sign-off.
    pub sign_off: Option<usize>,
}

impl Layout {
    pub fn find(document: &Document, rules: &RuleSet) -> Self {
        let mut layout = Layout::default();
        let lines = document.lines();
        let text_of = |i: usize| document.text(lines[i].range()).trim();
        let non_blank: Vec<usize> = (0..lines.len())
            .filter(|&i| !text_of(i).is_empty())
            .collect();
        // The metadata block may come under a page heading; it starts within the title lines.
        let search = rules.data.thresholds.title_search_lines;
        let metadata_start = non_blank
            .iter()
            .take(search)
            .position(|&i| is_metadata(text_of(i), rules));
        let metadata_lines = metadata_start.map_or(0, |start| {
            start
                + non_blank[start..]
                    .iter()
                    .take_while(|&&i| is_metadata(text_of(i), rules))
                    .count()
        });
        layout.metadata_end = if metadata_lines == 0 {
            0
        } else {
            non_blank[metadata_lines - 1] + 1
        };
        let title_chars = rules.data.thresholds.title_max_chars;
        let is_title = |i: usize| {
            let text = text_of(i);
            numbering(text).is_none()
                && is_short_unpunctuated(text, title_chars)
                && !is_metadata(text, rules)
                && rules.title_words.is_match(text)
        };
        // A title above the metadata block (a page heading) counts too.
        layout.title = non_blank[..metadata_start.unwrap_or(0)]
            .iter()
            .copied()
            .find(|&i| is_title(i));
        let mut opening = non_blank.iter().copied().skip(metadata_lines);
        if layout.title.is_none() {
            for i in opening.clone().take(search) {
                let text = text_of(i);
                if numbering(text).is_some() || !is_short_unpunctuated(text, title_chars) {
                    break;
                }
                if is_title(i) {
                    layout.title = Some(i);
                    break;
                }
            }
        }
        layout.addressee = opening
            .find(|&i| Some(i) > layout.title)
            .filter(|&i| is_addressee(text_of(i)));
        layout.sign_off = sign_off_start(&non_blank, &text_of);
        layout
    }

    /// Whether a line is part of the text around the body.
    pub fn is_frame(&self, line: usize) -> bool {
        line < self.metadata_end
            || self.title == Some(line)
            || self.addressee == Some(line)
            || self.sign_off.is_some_and(|start| line >= start)
    }

    /// The byte range of the sign-off in the normalised text.
    pub fn sign_off_range(&self, document: &Document) -> Option<Range<usize>> {
        let lines = document.lines();
        self.sign_off
            .map(|start| lines[start].start..lines[lines.len() - 1].end)
    }
}

/// "成文日期: | 2024-02-29 |": a metadata label followed by a separator.
fn is_metadata(text: &str, rules: &RuleSet) -> bool {
    rules
        .metadata_labels
        .find_all(text)
        .iter()
        .any(|m| text[m.end..].trim_start().starts_with([':', '|']))
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
fn sign_off_start<'a>(non_blank: &[usize], text_of: &impl Fn(usize) -> &'a str) -> Option<usize> {
    let block: Vec<usize> = non_blank
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
