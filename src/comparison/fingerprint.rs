//! A sentence's own words and their fingerprint: what two reports are compared by. Quotations,
//! the rule set's set phrases, figures, numerals and punctuation are left out, so a sentence
//! repeated with only its figures or year changed has the same fingerprint, and one that only
//! quotes the Outline has none.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::ruleset::RuleSet;
use crate::ruleset::words::WordSet;
use crate::text::figures::is_chinese_numeral;
use crate::text::is_han;

/// Quotation marks and title marks whose content is someone else's words.
const OPENING: [char; 4] = ['“', '《', '「', '‘'];
const CLOSING: [char; 4] = ['”', '》', '」', '’'];

/// Numerals, in digits or Chinese: a changed figure or year does not make a sentence new.
fn is_numeral(ch: char) -> bool {
    ch.is_ascii_digit() || is_chinese_numeral(ch) || matches!(ch, '〇' | '零' | '亿')
}

pub struct Fingerprinter<'a> {
    /// The rule set's set phrases, compiled with it.
    set_phrases: &'a WordSet,
    /// The units' own names: a few words, so a cheap automaton built for each check.
    names: Option<AhoCorasick>,
    min_chars: usize,
}

impl<'a> Fingerprinter<'a> {
    /// Leaving out the rule set's set phrases and `names` (a unit's own, which a template has
    /// swapped in).
    pub fn leaving_out(rules: &'a RuleSet, names: &[String]) -> Self {
        // A noncontiguous NFA builds in microseconds for a handful of names; a DFA would cost
        // more to build than every search of one report.
        let names: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| !n.is_empty())
            .collect();
        let names = (!names.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(&names)
                .expect("names are plain strings")
        });
        Self {
            set_phrases: &rules.set_phrases,
            names,
            min_chars: rules.data.comparison.min_sentence_chars,
        }
    }

    /// The sentence's own characters: Chinese characters and letters outside quotations and set
    /// phrases, numerals left out. A quotation left open ends with the sentence.
    pub fn core(&self, sentence: &str) -> String {
        let without_phrases = self.set_phrases.erase(sentence);
        let text = leave_out(self.names.as_ref(), &without_phrases);
        let mut depth = 0usize;
        let mut core = String::with_capacity(text.len());
        for ch in text.chars() {
            if OPENING.contains(&ch) {
                depth += 1;
            } else if CLOSING.contains(&ch) {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && (is_han(ch) || ch.is_alphabetic()) && !is_numeral(ch) {
                core.push(ch);
            }
        }
        core
    }

    /// The fingerprint of a sentence with enough words of its own to be compared.
    pub fn key(&self, sentence: &str) -> Option<u64> {
        let core = self.core(sentence);
        (core.chars().count() >= self.min_chars).then(|| hash(&core))
    }
}

/// `text` without what `phrases` finds in it.
fn leave_out<'t>(phrases: Option<&AhoCorasick>, text: &'t str) -> std::borrow::Cow<'t, str> {
    match phrases {
        Some(phrases) if phrases.is_match(text) => phrases
            .replace_all(text, &vec![""; phrases.patterns_len()])
            .into(),
        _ => text.into(),
    }
}

pub fn hash(core: &str) -> u64 {
    // SipHash with fixed keys: the same fingerprint in every process, for every report.
    let mut hasher = DefaultHasher::new();
    core.hash(&mut hasher);
    hasher.finish()
}

/// One digest of a report's sorted fingerprints.
pub fn hash_keys(keys: &[u64]) -> u64 {
    let mut hasher = DefaultHasher::new();
    keys.hash(&mut hasher);
    hasher.finish()
}

/// The pairs of neighbouring characters of a text, as numbers: what near repeats are measured by.
pub fn bigrams(core: &str) -> Vec<u64> {
    let mut pairs = Vec::with_capacity(core.len() / 3 + 1);
    let mut chars = core.chars();
    if let Some(mut previous) = chars.next() {
        for ch in chars {
            pairs.push((u64::from(previous as u32) << 32) | u64::from(ch as u32));
            previous = ch;
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// How alike two sorted sets of bigrams are (Dice's coefficient, 0 to 1).
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    dice_of(shared, a.len(), b.len())
}

/// A few sets of bigrams (a plan's sentences) indexed by bigram, so that each of many texts is
/// compared with all of them in one pass over its own bigrams.
pub struct BigramIndex {
    /// Each bigram's latest entry in `entries`.
    heads: HashMap<u64, u32, BuildHasherDefault<GramHasher>>,
    /// A set's id and the bigram's previous entry (`NO_ENTRY` for none): one allocation for
    /// every list, where a vector a bigram cost as much as the comparisons.
    entries: Vec<(u32, u32)>,
    sizes: Vec<usize>,
}

const NO_ENTRY: u32 = u32::MAX;

impl BigramIndex {
    pub fn new(sets: &[Vec<u64>]) -> Self {
        let total = sets.iter().map(Vec::len).sum();
        let mut heads =
            HashMap::with_capacity_and_hasher(total, BuildHasherDefault::<GramHasher>::default());
        let mut entries = Vec::with_capacity(total);
        for (id, set) in sets.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(NO_ENTRY);
            for &gram in set {
                let entry = u32::try_from(entries.len()).unwrap_or(NO_ENTRY);
                let previous = heads.insert(gram, entry).unwrap_or(NO_ENTRY);
                entries.push((id, previous));
            }
        }
        Self {
            heads,
            entries,
            sizes: sets.iter().map(Vec::len).collect(),
        }
    }

    /// How many bigrams of `pairs` (sorted, without repeats, as `bigrams` gives them) each
    /// indexed set has, into `shared`, one count a set.
    pub fn count_shared(&self, pairs: &[u64], shared: &mut [usize]) {
        shared.fill(0);
        for &head in pairs.iter().filter_map(|gram| self.heads.get(gram)) {
            let mut entry = head;
            while let Some(&(id, previous)) = self.entries.get(entry as usize) {
                shared[id as usize] += 1;
                entry = previous;
            }
        }
    }

    /// How many bigrams the `id`th set has.
    pub fn size(&self, id: usize) -> usize {
        self.sizes[id]
    }
}

/// Dice's coefficient of two sets of `a` and `b` bigrams that share `shared`: what `dice` gives.
pub fn dice_of(shared: usize, a: usize, b: usize) -> f64 {
    if shared == 0 {
        return 0.0;
    }
    2.0 * shared as f64 / (a + b) as f64
}

/// A bigram is two code points already: one multiplication spreads them over the table (the
/// default SipHash costs more than the rest of a lookup).
#[derive(Default)]
struct GramHasher(u64);

impl Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, gram: u64) {
        self.0 = (gram ^ (gram >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_years_and_set_phrases_do_not_make_a_sentence_new() {
        let rules = RuleSet::embedded();
        let prints = Fingerprinter::leaving_out(&rules, &[]);
        let last =
            prints.key("2023年全镇共办理行政复议案件23件，办结率达到95%，群众满意度稳步提高。");
        let this =
            prints.key("2024年全镇共办理行政复议案件31件，办结率达到98%，群众满意度稳步提高。");
        assert!(last.is_some());
        assert_eq!(last, this);
        assert_eq!(
            prints.key("以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。"),
            None
        );
        assert_eq!(
            prints.key("全面落实《法治政府建设实施纲要（2021—2025年）》各项任务。"),
            None
        );
    }

    #[test]
    fn the_index_counts_what_each_set_shares_with_a_text() {
        let sets = [
            "健全依法决策机制",
            "开展执法人员轮训",
            "加强行政执法队伍建设",
        ];
        let index = BigramIndex::new(&sets.map(bigrams));
        let mut shared = vec![0; sets.len()];
        for text in ["加强行政执法人员轮训", "健全依法决策", "完全不同的话", ""]
        {
            let pairs = bigrams(text);
            index.count_shared(&pairs, &mut shared);
            for (id, set) in sets.iter().enumerate() {
                let set = bigrams(set);
                assert_eq!(index.size(id), set.len());
                let by_hand = dice(&pairs, &set);
                let indexed = dice_of(shared[id], pairs.len(), set.len());
                assert_eq!(indexed, by_hand, "{text} against set {id}");
            }
        }
    }

    #[test]
    fn bigrams_are_the_neighbouring_pairs_once_each() {
        assert_eq!(bigrams("法治法治").len(), 2);
        assert!(bigrams("法").is_empty());
        assert!(bigrams("").is_empty());
    }
}
