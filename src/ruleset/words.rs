//! Word lists compiled once into an Aho-Corasick automaton.
//!
//! A word may hold `…`, which stands for any text in between: `主要举措…成效` matches
//! `主要举措和突出成效`. Words are normalised like report text, so `（一）` in a rule set matches
//! `(一)` in a report.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::document::normalize::fold_width;

/// The gap marker inside a word.
const GAP: char = '…';

#[derive(Debug, Clone)]
pub struct WordSet {
    words: Vec<String>,
    /// For each word, the ids of its fragments in order.
    fragments_of: Vec<Vec<usize>>,
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
        let automaton = (!fragments.is_empty()).then(|| {
            // A DFA: word lists are small, and every check scans with them many times.
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&fragments)
                .expect("word lists are small enough to compile")
        });
        Self {
            words: words.to_vec(),
            has_gaps: fragments_of.iter().any(|ids| ids.len() > 1),
            fragments_of,
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
        // prefilter) tells, without the overlapping scan `find_all` needs.
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
        for m in automaton.find_overlapping_iter(text) {
            places[m.pattern().as_usize()].push((m.start(), m.end()));
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
