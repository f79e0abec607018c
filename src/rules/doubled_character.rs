//! Rule `doubled-character`; its documentation is `doubled_character.md`.

use crate::text::{is_han, segment};

use super::{Analysis, Findings, Rule};

pub struct DoubledCharacter;

/// Characters of context on each side given to the segmenter: enough for the words around.
const WINDOW_CHARS: usize = 8;

impl Rule for DoubledCharacter {
    const ABOUT_REPORT: bool = false;
    const FIXES: bool = true;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let proofreading = &analysis.rules.data.proofreading;
        let (reduplications, word_starts) =
            (&proofreading.reduplications, &proofreading.word_starts);
        for paragraph in analysis.outline.paragraphs() {
            let text = analysis.document.text(paragraph.range);
            for at in doubled(text) {
                let ch = text[at..].chars().next().unwrap_or_default();
                let pair = text[at..at + 2 * ch.len_utf8()].to_owned();
                let starts_word = || {
                    let second = &text[at + ch.len_utf8()..];
                    word_starts.iter().any(|w| second.starts_with(w.as_str()))
                };
                if reduplications.contains(&pair)
                    || starts_word()
                    || !is_slip(text, at, ch.len_utf8())
                {
                    continue;
                }
                if out.is_full() {
                    out.count();
                    continue;
                }
                let range = paragraph.range.sub(at..at + pair.len());
                let written = analysis.document.original_text(range).to_owned();
                let single: String = written.chars().take(1).collect();
                let message = analysis.lang().pick(
                    format!("“{written}”重复了一个字，疑为笔误。"),
                    format!("“{written}” repeats a character; it looks like a slip."),
                );
                out.report(message).at(range).replace_with(single).push();
            }
        }
    }
}

/// Byte offsets where a Chinese character is immediately repeated. Han characters are three
/// bytes each, so a repeat is three bytes equal to the next three: 32 bytes are compared with
/// the 32 three on at once (a loop the compiler turns into vector compares), and a repeat is
/// three equal bytes in a row, rather than decoding every character.
fn doubled(text: &str) -> Vec<usize> {
    /// The positions whose run of three lies within the 32 compared.
    const WHOLE_RUNS: u32 = (1 << 30) - 1;
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut check = |at: usize| {
        let repeated = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_han);
        if repeated {
            found.push(at);
        }
    };
    let mut at = 0;
    while at + 35 <= bytes.len() {
        let equal = equal_bytes(&bytes[at..at + 32], &bytes[at + 3..at + 35]);
        let mut runs = equal & (equal >> 1) & (equal >> 2) & WHOLE_RUNS;
        while runs != 0 {
            check(at + runs.trailing_zeros() as usize);
            runs &= runs - 1;
        }
        at += 30;
    }
    while at + 6 <= bytes.len() {
        if bytes[at..at + 3] == bytes[at + 3..at + 6] {
            check(at);
        }
        at += 1;
    }
    found
}

/// A bit for each of 32 places where the two slices hold the same byte.
fn equal_bytes(a: &[u8], b: &[u8]) -> u32 {
    let (a, b): (&[u8; 32], &[u8; 32]) = (
        a.try_into().expect("32 bytes"),
        b.try_into().expect("32 bytes"),
    );
    (0..32).fold(0, |mask, i| mask | u32::from(a[i] == b[i]) << i)
}

/// A slip leaves one of the two characters standing alone beside a word that already has it:
/// 充分|发|发挥. Two words that share the character (法治|治理, 学习|习近平) and a word that
/// is the doubled pair itself (人人) are fine.
fn is_slip(text: &str, at: usize, width: usize) -> bool {
    let window_start = text[..at]
        .char_indices()
        .rev()
        .nth(WINDOW_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let window_end = text[at..]
        .char_indices()
        .nth(WINDOW_CHARS + 2)
        .map_or(text.len(), |(i, _)| at + i);
    let window = &text[window_start..window_end];
    let (first, second) = (at - window_start, at - window_start + width);
    let words = segment::words(window);
    let word_at = |byte: usize| words.iter().find(|w| w.contains(&byte));
    let (Some(left), Some(right)) = (word_at(first), word_at(second)) else {
        return false;
    };
    if left == right {
        return false;
    }
    let chars = |r: &std::ops::Range<usize>| window[r.clone()].chars().count();
    let (left_chars, right_chars) = (chars(left), chars(right));
    (left_chars == 1 && right_chars > 1) || (right_chars == 1 && left_chars > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `doubled` by its definition: each character compared with the one before.
    fn doubled_by_chars(text: &str) -> Vec<usize> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        chars
            .windows(2)
            .filter(|pair| pair[0].1 == pair[1].1 && is_han(pair[0].1))
            .map(|pair| pair[0].0)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn repeats_are_found_as_characters_compared_find_them(text in "[发法治a1，、\u{20000}]{0,120}") {
            proptest::prop_assert_eq!(doubled(&text), doubled_by_chars(&text));
        }
    }

    fn slips(text: &str) -> Vec<usize> {
        doubled(text)
            .into_iter()
            .filter(|&at| is_slip(text, at, text[at..].chars().next().unwrap().len_utf8()))
            .collect()
    }

    #[test]
    fn a_repeated_character_beside_its_word_is_a_slip() {
        let text = "推动行政执法轨道，充分发发挥法治固根本的作用";
        assert_eq!(slips(text), [text.find("发发").unwrap()]);
        assert_eq!(slips("我们要认认真真学习").len(), 0);
    }

    #[test]
    fn words_that_share_a_character_are_not_slips() {
        for text in [
            "提升法治治理水平",
            "全面推行行政执法",
            "开展法治宣讲讲座7场",
            "深入学习习近平法治思想",
            "坚实工作作风推动各项工作",
            "《中国共产党党内法规制定条例》",
            "确保事事有着落",
            "推出“人人学法直播间”",
        ] {
            assert_eq!(slips(text), Vec::<usize>::new(), "{text}");
        }
    }
}

#[cfg(test)]
rule_cases!(
    DoubledCharacter,
    flags: report_with("县长带头述法", "县长充分发发挥带头作用，带头述法") => 1,
    silent: report_with("县长带头述法", "县长常常带头述法，会同市市场监管局办结市市民热线诉求"),
);
