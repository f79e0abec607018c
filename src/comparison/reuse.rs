//! The passages of a report that repeat the previous one: its sentences looked up by
//! fingerprint in an index of the previous report's, so the cost is linear in both texts.

use std::collections::HashMap;

use super::fingerprint::Fingerprinter;
use super::{MAX_LISTED, Reading, Reused};
use crate::document::TextRange;

/// How many sentences of the previous report a passage may skip and go on (a sentence
/// rewritten, one dropped).
const GAP: usize = 4;

/// The reused passages, and their share of the report's characters (blanks aside).
pub(super) fn passages(
    current: &Reading,
    previous: &Reading,
    prints: &Fingerprinter,
) -> (Vec<Reused>, f64) {
    let before = previous.body_sentences();
    let mut index: HashMap<u64, usize> = HashMap::new();
    for (at, sentence) in before.iter().enumerate() {
        if let Some(key) = prints.key(previous.document.text(sentence.range)) {
            index.entry(key).or_insert(at);
        }
    }
    // Runs of reused sentences: (range here, first and last sentence there).
    let mut runs: Vec<(TextRange, usize, usize)> = Vec::new();
    let mut open: Option<(TextRange, usize, usize)> = None;
    for sentence in current.body_sentences() {
        let Some(key) = prints.key(current.document.text(sentence.range)) else {
            // Too short or only quotations: neither reuse nor a break in it.
            continue;
        };
        let found = index.get(&key).copied();
        match (&mut open, found) {
            (Some((range, _, last)), Some(at)) if at > *last && at <= *last + GAP => {
                *range = range.to(sentence.range);
                *last = at;
            }
            (_, found) => {
                runs.extend(open.take());
                open = found.map(|at| (sentence.range, at, at));
            }
        }
    }
    runs.extend(open);
    let document = current.document;
    let total = non_blank(document.normalized());
    let mut reused: Vec<Reused> = runs
        .into_iter()
        .map(|(range, first, last)| Reused {
            span: document.span(range),
            previous_span: previous
                .document
                .span(before[first].range.to(before[last].range)),
            range,
            chars: non_blank(document.text(range)),
        })
        .collect();
    let chars: usize = reused.iter().map(|r| r.chars).sum();
    let share = if total == 0 {
        0.0
    } else {
        (chars as f64 / total as f64 * 1000.0).round() / 1000.0
    };
    reused.truncate(MAX_LISTED);
    (reused, share)
}

fn non_blank(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}
