//! Word segmentation as jieba does it without its HMM: every dictionary word at every place
//! (a DAG), then the route of greatest probability by word frequency. The dictionary is jieba's,
//! compiled by `build.rs` into an FST inside the binary and walked in place: nothing is loaded
//! or parsed when the process starts (jieba-rs took about 0.1 s and 30 MB to build its trie).

use std::ops::Range;
use std::sync::LazyLock;

use fst::raw::{Fst, Output};

include!(concat!(env!("OUT_DIR"), "/dictionary_total.rs"));

static DICTIONARY: LazyLock<Fst<&'static [u8]>> = LazyLock::new(|| {
    Fst::new(&include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.fst"))[..])
        .expect("build.rs writes a valid FST")
});

/// The words of a short Simplified-Chinese text, as byte ranges, in order. Dictionary words only
/// (no guessing of unknown words), so a slip such as 发发挥 is not read as one new word. Outside
/// runs of Chinese, letters and digits (jieba's blocks) each character is a word of its own.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut block_start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_block_char(c) && at < text.len(), block_start) {
            (true, None) => block_start = Some(at),
            (true, Some(_)) => {}
            (false, start) => {
                if let Some(start) = start {
                    cut_block(&text[start..at], start, &mut words);
                    block_start = None;
                }
                if at < text.len() {
                    words.push(at..at + c.len_utf8());
                }
            }
        }
    }
    words
}

/// jieba's block class: CJK ideographs, ASCII letters and digits, and `+#&._%-`.
fn is_block_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

fn cut_block(block: &str, offset: usize, words: &mut Vec<Range<usize>>) {
    let starts: Vec<usize> = block
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(block.len()))
        .collect();
    let n = starts.len() - 1;
    let log_total = (TOTAL_FREQUENCY as f64).ln();
    // route[i]: the best log probability of the rest from character i, and where its first word ends.
    let mut route = vec![(0.0f64, n); n + 1];
    let mut found = Vec::new();
    for i in (0..n).rev() {
        let mut best: Option<(f64, usize)> = None;
        words_at(block, &starts, i, &mut found);
        for &(end, frequency) in &found {
            let probability = (frequency as f64).ln() - log_total + route[end].0;
            if best.is_none_or(|(p, e)| probability > p || (probability == p && end > e)) {
                best = Some((probability, end));
            }
        }
        route[i] = best.unwrap_or((0.0 - log_total + route[i + 1].0, i + 1));
    }
    // A run of single ASCII letters or digits is one word.
    let mut ascii_run: Option<usize> = None;
    let mut i = 0;
    while i < n {
        let end = route[i].1;
        let single_ascii = end == i + 1 && block.as_bytes()[starts[i]].is_ascii_alphanumeric();
        if single_ascii {
            ascii_run.get_or_insert(i);
        } else {
            if let Some(run) = ascii_run.take() {
                words.push(offset + starts[run]..offset + starts[i]);
            }
            words.push(offset + starts[i]..offset + starts[end]);
        }
        i = end;
    }
    if let Some(run) = ascii_run {
        words.push(offset + starts[run]..offset + block.len());
    }
}

/// The dictionary words starting at character `i`, into `found`: where each ends (in
/// characters) and its frequency.
fn words_at(block: &str, starts: &[usize], i: usize, found: &mut Vec<(usize, u64)>) {
    let dictionary = &*DICTIONARY;
    found.clear();
    let mut node = dictionary.root();
    let mut output = Output::zero();
    for (end, window) in starts.windows(2).enumerate().skip(i) {
        for &byte in &block.as_bytes()[window[0]..window[1]] {
            let Some(transition) = node.find_input(byte) else {
                return;
            };
            let transition = node.transition(transition);
            output = output.cat(transition.out);
            node = dictionary.node(transition.addr);
        }
        if node.is_final() {
            found.push((end + 1, output.cat(node.final_output()).value()));
        }
    }
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
        assert_eq!(cut("办理12件，"), ["办理", "12", "件", "，"]);
    }

    /// The words jieba-rs finds without its HMM, on every line of the corpus and the realistic
    /// texts: the same, word for word.
    #[test]
    fn segments_as_jieba_does() {
        let jieba = jieba_rs::Jieba::new();
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts: Vec<String> = std::fs::read_dir(format!("{root}/tests/fixtures"))
            .unwrap()
            .chain(std::fs::read_dir(format!("{root}/tests/fixtures/realistic")).unwrap())
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .map(|path| std::fs::read_to_string(path).unwrap())
            .collect();
        texts.push("我们中出了一个叛徒，2024年办理行政复议案件85件，纠错率为11.8%。".into());
        let mut lines = 0;
        for text in &texts {
            for line in text.lines() {
                let ours: Vec<&str> = cut(line);
                let theirs: Vec<&str> = jieba.cut(line, false).iter().map(|t| t.word).collect();
                assert_eq!(ours, theirs, "{line}");
                lines += 1;
            }
        }
        assert!(lines > 800, "{lines} lines compared");
    }
}
