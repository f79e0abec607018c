//! A sentence's own words and their fingerprint: what two reports are compared by. Quotations,
//! the rule set's set phrases, figures, numerals and punctuation are left out, so a sentence
//! repeated with only its figures or year changed has the same fingerprint, and one that only
//! quotes the Outline has none.

use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::ruleset::RuleSet;
use crate::text::figures::is_chinese_numeral;
use crate::text::is_han;

/// Quotation marks and title marks whose content is someone else's words.
const OPENING: [char; 4] = ['“', '《', '「', '‘'];
const CLOSING: [char; 4] = ['”', '》', '」', '’'];

/// Numerals, in digits or Chinese: a changed figure or year does not make a sentence new.
fn is_numeral(ch: char) -> bool {
    ch.is_ascii_digit() || is_chinese_numeral(ch) || matches!(ch, '〇' | '零' | '亿')
}

pub struct Fingerprinter {
    phrases: Option<AhoCorasick>,
    min_chars: usize,
}

impl Fingerprinter {
    /// Leaving out the rule set's set phrases and `names` (a unit's own, which a template has
    /// swapped in).
    pub fn leaving_out(rules: &RuleSet, names: &[String]) -> Self {
        let words = &rules.data.comparison;
        let left_out: Vec<&str> = words
            .set_phrases
            .iter()
            .chain(names)
            .map(String::as_str)
            .filter(|phrase| !phrase.is_empty())
            .collect();
        let phrases = (!left_out.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&left_out)
                .expect("the set phrases are plain strings")
        });
        Self {
            phrases,
            min_chars: words.min_sentence_chars,
        }
    }

    /// The sentence's own characters: Chinese characters and letters outside quotations and set
    /// phrases, numerals left out. A quotation left open ends with the sentence.
    pub fn core(&self, sentence: &str) -> String {
        let without_phrases;
        let text = match &self.phrases {
            Some(phrases) => {
                without_phrases = phrases.replace_all(sentence, &vec![""; phrases.patterns_len()]);
                without_phrases.as_str()
            }
            None => sentence,
        };
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
    let chars: Vec<char> = core.chars().collect();
    let mut pairs: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0] as u32) << 32) | u64::from(w[1] as u32))
        .collect();
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
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_years_and_set_phrases_do_not_make_a_sentence_new() {
        let prints = Fingerprinter::leaving_out(&RuleSet::embedded(), &[]);
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
}
