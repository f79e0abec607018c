//! Word segmentation with jieba's embedded dictionary, loaded once per process when a check first
//! needs it (about 0.1 s and 30 MB): only a character written twice that no list explains asks
//! for it, so most checks, and most runs of the command line, never load it.

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The words of a short Simplified-Chinese text, as byte ranges. Dictionary words only (no
/// guessing of unknown words), so a slip such as 发发挥 is not read as one new word.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let base = text.as_ptr() as usize;
    JIEBA
        .cut(text, false)
        .into_iter()
        .map(|token| {
            // Tokens borrow from `text`, so their place is their address.
            let start = token.word.as_ptr() as usize - base;
            start..start + token.word.len()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn words_cover_the_text_in_order() {
        assert_eq!(cut("充分发发挥法治"), ["充分", "发", "发挥", "法治"]);
        assert_eq!(cut("提升法治治理水平"), ["提升", "法治", "治理", "水平"]);
    }
}
