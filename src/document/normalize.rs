//! Normalisation for matching: Traditional to Simplified script, full-width forms to half-width.
//!
//! Every step maps one character to one character, so a position in the normalised copy is the
//! same code-point position in the submitted text (see [`super::Document`]).

use std::collections::HashMap;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use serde::Serialize;
use utoipa::ToSchema;

/// The script a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Simplified,
    Traditional,
}

/// The CJK Unified Ideographs block, where Traditional-only characters live.
const CJK: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';
/// Code points in the block.
const CJK_LEN: usize = *CJK.end() as usize - *CJK.start() as usize + 1;

/// Folds full-width ASCII forms and the ideographic space to their half-width forms.
pub fn fold_width(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    // Only characters whose UTF-8 starts 0xEF (U+F000..) or 0xE3 (U+3000..) can change; the
    // runs between them are copied whole instead of character by character.
    while let Some(at) = memchr::memchr2(0xEF, 0xE3, rest.as_bytes()) {
        let c = rest[at..]
            .chars()
            .next()
            .expect("a lead byte starts a character");
        folded.push_str(&rest[..at]);
        folded.push(fold_char(c));
        rest = &rest[at + c.len_utf8()..];
    }
    folded.push_str(rest);
    folded
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Converts Traditional script to Simplified, built once at start-up.
pub struct Normalizer {
    opencc: OpenCC,
    /// Each Traditional-only character of the CJK block and its Simplified form.
    simplified_of: HashMap<char, char>,
    /// The same characters as a bit per code point of the block: telling the script reads every
    /// character of every report, and a bit test is far cheaper than a hash lookup.
    traditional: Box<[u64; CJK_LEN.div_ceil(64)]>,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("traditional_chars", &self.simplified_of.len())
            .finish()
    }
}

impl Normalizer {
    pub fn new() -> Self {
        let opencc =
            OpenCC::from_config(BuiltinConfig::T2s).expect("the built-in t2s configuration loads");
        // One conversion of the whole block, a character per line, tells which characters change.
        let block: String = CJK.flat_map(|c| [c, '\n']).collect();
        let converted = opencc.convert(&block);
        let simplified_of = block
            .lines()
            .zip(converted.lines())
            .filter_map(|(from, to)| {
                let mut from = from.chars();
                let mut to = to.chars();
                match (from.next(), to.next(), to.next()) {
                    (Some(f), Some(t), None) if f != t => Some((f, t)),
                    _ => None,
                }
            })
            .collect::<HashMap<char, char>>();
        let mut traditional = Box::new([0u64; CJK_LEN.div_ceil(64)]);
        for &c in simplified_of.keys() {
            let bit = c as usize - *CJK.start() as usize;
            traditional[bit / 64] |= 1 << (bit % 64);
        }
        Self {
            opencc,
            simplified_of,
            traditional,
        }
    }

    /// Characters of the CJK block in `text`, and how many of them are Traditional-only.
    fn count_cjk(&self, text: &str) -> (usize, usize) {
        let (mut cjk, mut traditional) = (0usize, 0usize);
        // The block lies in the three-byte sequences (lead 0xE0..=0xEF), so the bytes are read
        // directly rather than decoding every character; other bytes step one at a time, as no
        // continuation byte looks like a lead.
        let mut rest = text.as_bytes();
        while let [lead, second, third, after @ ..] = rest {
            rest = if lead & 0xF0 == 0xE0 {
                let code = (usize::from(lead & 0x0F) << 12)
                    | (usize::from(second & 0x3F) << 6)
                    | usize::from(third & 0x3F);
                let bit = code.wrapping_sub(*CJK.start() as usize);
                if bit < CJK_LEN {
                    cjk += 1;
                    traditional += usize::from(self.is_traditional_bit(bit));
                }
                after
            } else {
                &rest[1..]
            };
        }
        (cjk, traditional)
    }

    #[cfg(test)]
    fn is_traditional(&self, c: char) -> bool {
        self.is_traditional_bit(c as usize - *CJK.start() as usize)
    }

    /// Whether the character `bit` places after the block's start is Traditional-only.
    fn is_traditional_bit(&self, bit: usize) -> bool {
        self.traditional[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The script of `text`: Traditional when at least `min_share` of its CJK characters are
    /// Traditional-only. Cheap: one pass, no conversion.
    pub fn script(&self, text: &str, min_share: f64) -> Script {
        let (cjk, traditional) = self.count_cjk(text);
        if cjk > 0 && traditional as f64 >= min_share * cjk as f64 {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }

    /// The copy of `text` used for matching: same number of characters, Simplified, half-width.
    pub fn normalize(&self, text: &str, script: Script) -> String {
        match script {
            Script::Simplified => fold_width(text),
            Script::Traditional => text
                .split_inclusive('\n')
                .map(|line| fold_width(&self.to_simplified(line)))
                .collect(),
        }
    }

    /// OpenCC's phrase-aware conversion where it keeps the length, character by character where not.
    fn to_simplified(&self, line: &str) -> String {
        let converted = self.opencc.convert(line);
        if converted.chars().count() == line.chars().count() {
            converted
        } else {
            line.chars()
                .map(|c| self.simplified_of.get(&c).copied().unwrap_or(c))
                .collect()
        }
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_folding_keeps_length() {
        let text = "（一）２０２４年，全面推进。";
        let folded = fold_width(text);
        assert_eq!(folded, "(一)2024年,全面推进。");
        assert_eq!(folded.chars().count(), text.chars().count());
    }

    proptest::proptest! {
        #[test]
        fn width_folding_is_the_same_character_by_character(text in "[a-z（）、。　！～｟￥]{0,40}|\\PC{0,40}") {
            let one_by_one: String = text.chars().map(fold_char).collect();
            proptest::prop_assert_eq!(fold_width(&text), one_by_one);
        }
    }

    #[test]
    fn traditional_is_detected_and_converted() {
        let normalizer = Normalizer::new();
        let text = "二、存在的問題短板\n三、黨政主要負責人履行推進法治建設第一責任人職責情況";
        assert_eq!(normalizer.script(text, 0.02), Script::Traditional);
        let simplified = normalizer.normalize(text, Script::Traditional);
        assert_eq!(
            simplified,
            "二、存在的问题短板\n三、党政主要负责人履行推进法治建设第一责任人职责情况"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_script_byte_scan_counts_what_decoding_would(text in "[a-z，。乐樂國国問问䷀䶵]{0,40}|\\PC{0,40}") {
            let normalizer = &*NORMALIZER;
            let block: Vec<char> = text.chars().filter(|c| CJK.contains(c)).collect();
            let traditional = block.iter().filter(|&&c| normalizer.is_traditional(c)).count();
            proptest::prop_assert_eq!(normalizer.count_cjk(&text), (block.len(), traditional));
        }
    }

    static NORMALIZER: std::sync::LazyLock<Normalizer> = std::sync::LazyLock::new(Normalizer::new);

    #[test]
    fn simplified_text_is_left_alone() {
        let normalizer = Normalizer::new();
        let text = "依申请公开的答复质量还需进一步提升,覆盖全街道。";
        assert_eq!(normalizer.script(text, 0.02), Script::Simplified);
        assert_eq!(normalizer.normalize(text, Script::Simplified), text);
    }
}
