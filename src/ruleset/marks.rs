//! The paired punctuation marks of the proofreading rules (“” 《》 …), compiled once at load so
//! that a text's marks are found by automata with a prefilter, not by looking at every character.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

#[derive(Debug)]
pub struct PairedMarks {
    /// Each pair's opening and closing mark.
    pairs: Vec<(char, char)>,
    /// The marks of one byte ( ( ) [ ] ) and the longer ones (“ 《 …), each searched for apart:
    /// together, the prefilter could tell a candidate only by its first byte, which 《 shares
    /// with 。 and 、.
    narrow: Marks,
    wide: Marks,
}

/// Some marks in one automaton, and what each pattern is.
#[derive(Debug)]
struct Marks {
    automaton: Option<AhoCorasick>,
    /// For each pattern: its pair and whether it closes it.
    kinds: Vec<(usize, bool)>,
}

impl Marks {
    /// The opening marks come first: a mark that opens one pair and closes another reads as
    /// opening, as the first pair that has it.
    fn new(marks: &[(char, usize, bool)]) -> Self {
        let mut marks = marks.to_vec();
        marks.sort_by_key(|&(_, pair, closing)| (closing, pair));
        let patterns: Vec<String> = marks.iter().map(|&(mark, ..)| String::from(mark)).collect();
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::LeftmostFirst)
                .build(&patterns)
                .expect("a few marks compile")
        });
        Self {
            automaton,
            kinds: marks
                .iter()
                .map(|&(_, pair, closing)| (pair, closing))
                .collect(),
        }
    }

    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Mark> + 'a {
        self.automaton
            .iter()
            .flat_map(move |automaton| automaton.find_iter(text))
            .map(move |m| {
                let (pair, closing) = self.kinds[m.pattern().as_usize()];
                Mark {
                    at: m.start(),
                    pair,
                    closing,
                }
            })
    }
}

/// A mark found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the text.
    pub at: usize,
    pub pair: usize,
    pub closing: bool,
}

impl PairedMarks {
    /// The first character of each of the rule set's marks.
    pub fn new(pairs: impl IntoIterator<Item = (char, char)>) -> Self {
        let pairs: Vec<(char, char)> = pairs.into_iter().collect();
        let (narrow, wide): (Vec<_>, Vec<_>) = pairs
            .iter()
            .enumerate()
            .flat_map(|(pair, &(open, close))| [(open, pair, false), (close, pair, true)])
            .partition(|&(mark, ..)| mark.is_ascii());
        Self {
            pairs,
            narrow: Marks::new(&narrow),
            wide: Marks::new(&wide),
        }
    }

    pub fn pair(&self, index: usize) -> (char, char) {
        self.pairs[index]
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Every mark of `text`, in order (a mark of one byte never overlaps a longer one).
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Mark> + 'a {
        let mut narrow = self.narrow.find_iter(text).peekable();
        let mut wide = self.wide.find_iter(text).peekable();
        std::iter::from_fn(move || match (narrow.peek(), wide.peek()) {
            (Some(n), Some(w)) if n.at < w.at => narrow.next(),
            (_, Some(_)) => wide.next(),
            (Some(_), None) => narrow.next(),
            (None, None) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every mark is found as reading the text character by character finds it.
        #[test]
        fn marks_are_found_as_characters_are_read(text in "[“”《》()。、a法]{0,40}") {
            let pairs = [('“', '”'), ('《', '》'), ('(', ')')];
            let by_chars: Vec<Mark> = text
                .char_indices()
                .filter_map(|(at, c)| {
                    let open = pairs.iter().position(|&(o, _)| o == c).map(|pair| (pair, false));
                    let close = || pairs.iter().position(|&(_, cl)| cl == c).map(|pair| (pair, true));
                    open.or_else(close).map(|(pair, closing)| Mark { at, pair, closing })
                })
                .collect();
            let found: Vec<Mark> = PairedMarks::new(pairs).find_iter(&text).collect();
            proptest::prop_assert_eq!(found, by_chars);
        }
    }

    #[test]
    fn a_mark_that_opens_and_closes_reads_as_opening() {
        let marks = PairedMarks::new([('"', '"'), ('《', '》')]);
        let found: Vec<Mark> = marks.find_iter("他说\"好\"《书》").collect();
        let kinds: Vec<(usize, bool)> = found.iter().map(|m| (m.pair, m.closing)).collect();
        assert_eq!(kinds, [(0, false), (0, false), (1, false), (1, true)]);
    }
}
