//! Where the plans begin in a section they share with a part of the report year
//! ("三、存在的不足和下一步打算"): what comes before is that part's, the rest is the plans'.
//! Without the cut, the plan's items count as shortcomings, a shortcoming's year reads as the
//! plan's and the plan is compared with itself.

use crate::document::{Document, TextRange};
use crate::facts::year::years_named;
use crate::outline::{HeadingIndex, Outline, words_text};
use crate::ruleset::words::WordSet;
use crate::ruleset::{Part, RuleSet};
use crate::text::sentences;

/// The byte where the plans begin in a top-level section: a sub-heading named as the plans
/// ("（二）下一步工作打算"), or a sentence opening with the plans' words ("下一步，") or with
/// the next year ("2020年，我乡将"). `None` when nothing before it or nothing opens them.
pub fn plan_start(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    section: HeadingIndex,
    year: Option<i32>,
) -> Option<usize> {
    let plan = rules.part_at(rules.plan_part()?);
    let top = outline.heading(section);
    let mut seen = false;
    for paragraph in outline
        .paragraphs()
        .iter()
        .filter(|p| top.contains(p.range.start()))
    {
        // A run-in heading's line: the rest of it is body.
        let range = match paragraph.heading {
            Some(h) if h == section => paragraph.range.after(top.range.end()),
            Some(h) => {
                if seen
                    && plan
                        .heading_words
                        .is_match(&words_text(document, outline.heading(h)))
                {
                    return Some(paragraph.range.start());
                }
                seen = true;
                continue;
            }
            None => paragraph.range,
        };
        let text = document.text(range);
        for sentence in sentences::split(text) {
            let words = text[sentence.clone()].trim_start();
            if words.is_empty() {
                continue;
            }
            if seen && opens_plan(words, plan, rules, year) {
                return Some(range.start() + sentence.end - words.len());
            }
            seen = true;
        }
    }
    None
}

fn opens_plan(sentence: &str, plan: &Part, rules: &RuleSet, year: Option<i32>) -> bool {
    let by_words = plan
        .opening_words
        .find(sentence)
        .is_some_and(|m| m.start == 0);
    let by_year = year.is_some_and(|year| {
        years_named(sentence, rules)
            .first()
            .is_some_and(|(named, at)| *named == year + 1 && at.start == 0)
    });
    by_words || by_year
}

/// Whether a text opens with one of the words ("下一步，我局将…").
pub fn opens_with(words: &WordSet, text: &str) -> bool {
    words.find(text.trim_start()).is_some_and(|m| m.start == 0)
}

/// `range` cut at the plans' start: the part before it for the shared part, after it for the
/// plans; `None` when nothing of it is left.
pub fn clip(range: TextRange, at: usize, plans: bool) -> Option<TextRange> {
    let (start, end) = if plans {
        (range.start().max(at), range.end())
    } else {
        (range.start(), range.end().min(at))
    };
    (start < end).then(|| TextRange::new(start, end))
}
