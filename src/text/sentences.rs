//! Sentences, and the items of a run-in enumeration ("一是……；二是……"), which reviewers count
//! as separate points.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A sentence ends at 。 and (after width folding, half-width) ; ! ?.
/// "二是", "三是": the start of the next item of an enumeration inside a paragraph.
static NEXT_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[二三四五六七八九十]是").expect("pattern compiles"));

/// 。, searched for with a finder built once (building one costs more than a paragraph's search).
static PERIOD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("。"));

/// The byte ranges of the sentences and enumeration items of `text`, blanks left out.
pub fn split(text: &str) -> Vec<Range<usize>> {
    // The ends found by byte search (SIMD) rather than by decoding every character.
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = memchr::memchr3_iter(b';', b'!', b'?', bytes)
        .map(|i| i + 1)
        .chain(PERIOD.find_iter(bytes).map(|i| i + "。".len()))
        .chain(NEXT_ITEM.find_iter(text).map(|m| m.start()))
        .collect();
    cuts.sort_unstable();
    cuts.push(text.len());
    let mut start = 0;
    let mut pieces = Vec::new();
    for cut in cuts {
        if cut > start && !text[start..cut].trim().is_empty() {
            pieces.push(start..cut);
        }
        start = start.max(cut);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_enumeration_items() {
        let text = "仍存在薄弱环节:一是素养有待提升;二是力量仍需增强。三是质量还需提升";
        let pieces: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            pieces,
            [
                "仍存在薄弱环节:一是素养有待提升;",
                "二是力量仍需增强。",
                "三是质量还需提升"
            ]
        );
    }
}
