//! Shortcomings listed again: each of this year's shortcomings that restates one of last
//! year's, and whether this year says how far it was remedied.

use aho_corasick::AhoCorasick;

use super::fingerprint::{Fingerprinter, bigrams, dice};
use super::{MAX_LISTED, Reading, RepeatedShortcoming, Sentence};
use crate::ruleset::{Facet, PartIndex, RuleSet};

/// How alike two shortcomings are when one restates the other.
const RESTATES: f64 = 0.6;
/// A shortcoming has at least this many characters of its own.
const MIN_CHARS: usize = 6;

pub(super) fn repeated(
    current: &Reading,
    previous: &Reading,
    prints: &Fingerprinter,
    rules: &RuleSet,
) -> Vec<RepeatedShortcoming> {
    let Some(part) = shortcomings_part(rules) else {
        return Vec::new();
    };
    let items = |reading: &Reading| -> Vec<(Sentence, Vec<u64>)> {
        reading
            .part_sentences(part)
            .into_iter()
            .filter_map(|s| {
                let core = prints.core(reading.document.text(s.range));
                (core.chars().count() >= MIN_CHARS).then(|| (s, bigrams(&core)))
            })
            .take(MAX_LISTED)
            .collect()
    };
    let (this_year, last_year) = (items(current), items(previous));
    let remedy = &rules.data.comparison.remedy_words;
    let remedy = (!remedy.is_empty())
        .then(|| AhoCorasick::new(remedy).expect("the remedy words are plain strings"));
    let all = current.part_sentences(part);
    let mut found = Vec::new();
    for (sentence, grams) in &this_year {
        let best = last_year
            .iter()
            .map(|(s, g)| (s, dice(grams, g)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((before, _)) = best.filter(|(_, likeness)| *likeness >= RESTATES) else {
            continue;
        };
        found.push(RepeatedShortcoming {
            span: current.document.span(sentence.range),
            previous_span: previous.document.span(before.range),
            remedied: remedy
                .as_ref()
                .is_some_and(|words| says_remedied(current, &all, sentence, words)),
            range: sentence.range,
        });
    }
    found
}

/// The part whose words are those of shortcomings.
pub(super) fn shortcomings_part(rules: &RuleSet) -> Option<PartIndex> {
    rules
        .indexed_parts()
        .find(|(_, part)| part.facet(Facet::Shortcomings).is_some())
        .map(|(index, _)| index)
}

/// Whether the shortcoming, or the sentence that goes on with it, says what was done.
fn says_remedied(
    reading: &Reading,
    all: &[Sentence],
    sentence: &Sentence,
    words: &AhoCorasick,
) -> bool {
    let at = all.partition_point(|s| s.range.start() < sentence.range.start());
    let next = all
        .get(at + 1)
        .filter(|s| s.paragraph == sentence.paragraph && !s.labelled);
    std::iter::once(sentence)
        .chain(next)
        .any(|s| words.is_match(reading.document.text(s.range)))
}
