//! Word lists compiled once into Aho-Corasick automata.
//!
//! A word may hold `…`, which stands for any text in between: `主要举措…成效` matches
//! `主要举措和突出成效`. Words are normalised like report text, so `（一）` in a rule set matches
//! `(一)` in a report.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::document::normalize::fold_width;

/// The gap marker inside a word.
const GAP: char = '…';

#[derive(Debug, Clone)]
pub struct WordSet {
    words: Vec<String>,
    /// For each word, the ids of its fragments in order.
    fragments_of: Vec<Vec<usize>>,
    /// For each fragment, the shorter fragments it starts with, and their lengths in bytes: they
    /// match wherever it does.
    prefixes_of: Vec<Vec<(usize, usize)>>,
    fragment_count: usize,
    /// Whether some word has a gap: only then does a fragment found not mean a word found.
    has_gaps: bool,
    /// One automaton per group of `FRAGMENTS_PER_AUTOMATON` fragments, in fragment order.
    automata: Vec<AhoCorasick>,
}

/// Fragments are searched in groups of at most this many. Beyond 64 patterns aho-corasick
/// builds no Teddy prefilter and walks every byte through the automaton: for the 109 area words
/// over the measures of a 15,000-character report, 66 µs, against 30 µs for two automata of 55.
const FRAGMENTS_PER_AUTOMATON: usize = 64;

/// Where a word of the set occurs in a text (byte offsets into that text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    pub word: usize,
    pub start: usize,
    pub end: usize,
}

impl WordSet {
    pub fn new(words: &[String]) -> Self {
        let mut fragments: Vec<String> = Vec::new();
        let mut fragments_of: Vec<Vec<usize>> = Vec::with_capacity(words.len());
        for word in words {
            let ids = fold_width(word)
                .split(GAP)
                .filter(|f| !f.is_empty())
                .map(|f| match fragments.iter().position(|known| known == f) {
                    Some(id) => id,
                    None => {
                        fragments.push(f.to_owned());
                        fragments.len() - 1
                    }
                })
                .collect();
            fragments_of.push(ids);
        }
        // A fragment's prefixes are the ones its own automaton would pass over for it: another
        // group's automaton finds those itself.
        let prefixes_of = fragments
            .iter()
            .enumerate()
            .map(|(own, fragment)| {
                fragments
                    .iter()
                    .enumerate()
                    .filter(|(id, other)| {
                        same_group(*id, own)
                            && other.len() < fragment.len()
                            && fragment.starts_with(*other)
                    })
                    .map(|(id, other)| (id, other.len()))
                    .collect()
            })
            .collect();
        // DFAs: word lists are small, and every check scans with them many times. Leftmost
        // longest, so that one search finds every fragment of the group starting at a place (the
        // longest and its prefixes), with the prefilter skipping to the next place.
        let automata = fragments
            .chunks(FRAGMENTS_PER_AUTOMATON)
            .map(|group| {
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(group)
                    .expect("word lists are small enough to compile")
            })
            .collect();
        Self {
            words: words.to_vec(),
            has_gaps: fragments_of.iter().any(|ids| ids.len() > 1),
            fragments_of,
            prefixes_of,
            fragment_count: fragments.len(),
            automata,
        }
    }

    pub fn word(&self, index: usize) -> &str {
        &self.words[index]
    }

    pub fn is_empty(&self) -> bool {
        self.automata.is_empty()
    }

    pub fn is_match(&self, text: &str) -> bool {
        // Most texts asked about hold no fragment at all, which one forward scan (with its
        // prefilter) tells, without finding every place as `find_all` does.
        self.has_fragment(text) && (!self.has_gaps || !self.find_all(text).is_empty())
    }

    fn has_fragment(&self, text: &str) -> bool {
        self.automata.iter().any(|a| a.is_match(text))
    }

    /// The text with every place of every word left out, the longest at each place; a word's
    /// gap is not bridged: its fragments are left out wherever they stand.
    pub fn erase(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for automaton in &self.automata {
            if automaton.is_match(text.as_str()) {
                text = automaton.replace_all(&text, &vec![""; automaton.patterns_len()]);
            }
        }
        text
    }

    /// The match that starts first (the longer one when two start together).
    pub fn find(&self, text: &str) -> Option<WordMatch> {
        if !self.has_fragment(text) {
            return None;
        }
        self.find_all(text)
            .into_iter()
            .min_by_key(|m| (m.start, std::cmp::Reverse(m.end)))
    }

    /// One match per word that occurs, each at its first place.
    pub fn find_all(&self, text: &str) -> Vec<WordMatch> {
        if self.automata.is_empty() {
            return Vec::new();
        }
        let mut places: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.fragment_count];
        // Each search finds the next place some fragment of the group starts, and the longest one
        // there; the others starting there are its prefixes. Each fragment's places come from its
        // group's automaton alone, in order, as `in_order` needs.
        for (group, automaton) in self.automata.iter().enumerate() {
            let first = group * FRAGMENTS_PER_AUTOMATON;
            let mut from = 0;
            while let Some(m) = automaton.find(Input::new(text).span(from..text.len())) {
                let (fragment, start) = (first + m.pattern().as_usize(), m.start());
                places[fragment].push((start, m.end()));
                for &(prefix, len) in &self.prefixes_of[fragment] {
                    places[prefix].push((start, start + len));
                }
                from = start + 1;
            }
        }
        self.fragments_of
            .iter()
            .enumerate()
            .filter_map(|(word, ids)| {
                in_order(ids, &places).map(|(start, end)| WordMatch { word, start, end })
            })
            .collect()
    }
}

fn same_group(fragment: usize, other: usize) -> bool {
    fragment / FRAGMENTS_PER_AUTOMATON == other / FRAGMENTS_PER_AUTOMATON
}

/// The span of the first occurrence of fragments `ids` one after another, if they all occur.
fn in_order(ids: &[usize], places: &[Vec<(usize, usize)>]) -> Option<(usize, usize)> {
    let (first, rest) = ids.split_first()?;
    places[*first].iter().find_map(|&(start, mut end)| {
        for id in rest {
            end = places[*id].iter().find(|(s, _)| *s >= end)?.1;
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `find_all` by its definition: every place of every fragment, tried at every byte.
    fn find_all_by_definition(words: &[String], text: &str) -> Vec<WordMatch> {
        let places_of = |fragment: &str| -> Vec<(usize, usize)> {
            (0..text.len())
                .filter(|&at| text.as_bytes()[at..].starts_with(fragment.as_bytes()))
                .map(|at| (at, at + fragment.len()))
                .collect()
        };
        words
            .iter()
            .enumerate()
            .filter_map(|(word, w)| {
                let fragments: Vec<&str> = w.split(GAP).filter(|f| !f.is_empty()).collect();
                let (first, rest) = fragments.split_first()?;
                places_of(first).into_iter().find_map(|(start, mut end)| {
                    for fragment in rest {
                        end = places_of(fragment).into_iter().find(|(s, _)| *s >= end)?.1;
                    }
                    Some(WordMatch { word, start, end })
                })
            })
            .collect()
    }

    #[test]
    fn erasing_leaves_out_every_place_of_every_word_the_longest_first() {
        let words = WordSet::new(&[
            "一把手".to_owned(),
            "一把手工程".to_owned(),
            "关键少数".to_owned(),
        ]);
        assert_eq!(
            words.erase("作为一把手工程，抓住关键少数，一把手带头"),
            "作为，抓住，带头"
        );
        assert_eq!(words.erase("没有口号"), "没有口号");
    }

    proptest! {
        /// Words that overlap, nest and share starts are all found, each at its first place.
        #[test]
        fn every_word_is_found_at_its_first_place(
            words in proptest::collection::vec("[法治政府…]{1,4}", 1..6),
            text in "[法治政府建]{0,30}",
        ) {
            prop_assert_eq!(WordSet::new(&words).find_all(&text), find_all_by_definition(&words, &text));
        }

        /// A list longer than one automaton holds: a fragment and its prefixes may fall in
        /// different groups, and each is still found at its first place.
        #[test]
        fn words_of_a_long_list_are_all_found(
            words in proptest::collection::vec("[法治政府建…]{1,4}", 100..160),
            text in "[法治政府建]{0,40}",
        ) {
            let set = WordSet::new(&words);
            prop_assume!(set.automata.len() > 1);
            prop_assert_eq!(set.find_all(&text), find_all_by_definition(&words, &text));
        }
    }

    fn set(words: &[&str]) -> WordSet {
        WordSet::new(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn gap_matches_text_in_between_in_order() {
        let words = set(&["主要举措…成效"]);
        assert!(words.is_match("一、2024年推进法治政府建设的主要举措和突出成效"));
        assert!(!words.is_match("成效与主要举措"));
        // A word without a gap beside it: its fragments found do not mean a word found.
        let mixed = set(&["主要举措…成效", "存在问题"]);
        assert!(!mixed.is_match("成效与主要举措"));
        assert!(mixed.is_match("成效与存在问题"));
    }

    #[test]
    fn earliest_match_wins() {
        let words = set(&["下一步", "存在的问题"]);
        let m = words.find("三、存在的问题及下一步工作打算").unwrap();
        assert_eq!(words.word(m.word), "存在的问题");
        assert_eq!(words.find_all("三、存在的问题及下一步工作打算").len(), 2);
    }

    #[test]
    fn full_width_words_match_half_width_text() {
        assert!(set(&["（一）"]).is_match("(一)党建引领"));
    }

    #[test]
    fn empty_set_matches_nothing() {
        assert!(set(&[]).find("任何文字").is_none());
    }
}
