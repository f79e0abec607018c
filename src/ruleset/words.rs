//! Word lists compiled once into an Aho-Corasick automaton.
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
    automaton: Option<AhoCorasick>,
}

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
        let prefixes_of = fragments
            .iter()
            .map(|fragment| {
                fragments
                    .iter()
                    .enumerate()
                    .filter(|(_, other)| {
                        other.len() < fragment.len() && fragment.starts_with(*other)
                    })
                    .map(|(id, other)| (id, other.len()))
                    .collect()
            })
            .collect();
        let automaton = (!fragments.is_empty()).then(|| {
            // A DFA: word lists are small, and every check scans with them many times. Leftmost
            // longest, so that one search finds every fragment starting at a place (the longest
            // and its prefixes), with the prefilter skipping to the next place.
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(&fragments)
                .expect("word lists are small enough to compile")
        });
        Self {
            words: words.to_vec(),
            has_gaps: fragments_of.iter().any(|ids| ids.len() > 1),
            fragments_of,
            prefixes_of,
            fragment_count: fragments.len(),
            automaton,
        }
    }

    pub fn word(&self, index: usize) -> &str {
        &self.words[index]
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    pub fn is_match(&self, text: &str) -> bool {
        // Most texts asked about hold no fragment at all, which one forward scan (with its
        // prefilter) tells, without finding every place as `find_all` does.
        let Some(automaton) = &self.automaton else {
            return false;
        };
        automaton.is_match(text) && (!self.has_gaps || !self.find_all(text).is_empty())
    }

    /// The match that starts first (the longer one when two start together).
    pub fn find(&self, text: &str) -> Option<WordMatch> {
        if !self.automaton.as_ref().is_some_and(|a| a.is_match(text)) {
            return None;
        }
        self.find_all(text)
            .into_iter()
            .min_by_key(|m| (m.start, std::cmp::Reverse(m.end)))
    }

    /// One match per word that occurs, each at its first place.
    pub fn find_all(&self, text: &str) -> Vec<WordMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut places: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.fragment_count];
        // Each search finds the next place some fragment starts, and the longest one there; the
        // others starting there are its prefixes. Places come in order, as `in_order` needs.
        let mut from = 0;
        while let Some(m) = automaton.find(Input::new(text).span(from..text.len())) {
            let (fragment, start) = (m.pattern().as_usize(), m.start());
            places[fragment].push((start, m.end()));
            for &(prefix, len) in &self.prefixes_of[fragment] {
                places[prefix].push((start, start + len));
            }
            from = start + 1;
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

    proptest! {
        /// Words that overlap, nest and share starts are all found, each at its first place.
        #[test]
        fn every_word_is_found_at_its_first_place(
            words in proptest::collection::vec("[法治政府…]{1,4}", 1..6),
            text in "[法治政府建]{0,30}",
        ) {
            prop_assert_eq!(WordSet::new(&words).find_all(&text), find_all_by_definition(&words, &text));
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
