//! Heading numbers: 第一部分 / 一、 / (一) / 1. / (1) / ①, from the highest rank to the lowest.
//!
//! Works on normalised text, so full-width `（一）` arrives here as `(一)`. Enumerations inside
//! paragraphs (一是、二是) have no number mark and are not matched.

use std::sync::LazyLock;

use regex::Regex;

/// Numbering styles in rank order: a lower value is a higher level of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberStyle {
    /// 第一部分
    Part,
    /// 一、 一.
    Chinese,
    /// (一) （一）
    ChineseParen,
    /// 1. 1、
    Arabic,
    /// (1) （1）
    ArabicParen,
    /// ① ②
    Circled,
}

static PATTERNS: LazyLock<Vec<(NumberStyle, Regex)>> = LazyLock::new(|| {
    [
        (
            NumberStyle::Part,
            r"^第[一二三四五六七八九十百零〇]+(?:部分|章)\s*[、.:,]?\s*",
        ),
        (
            NumberStyle::Chinese,
            r"^[一二三四五六七八九十]{1,3}\s*[、.,]\s*",
        ),
        (
            NumberStyle::ChineseParen,
            r"^\(\s*[一二三四五六七八九十]{1,3}\s*\)\s*[、.]?\s*",
        ),
        (NumberStyle::Arabic, r"^\d{1,2}\s*[.、]\s*"),
        (NumberStyle::ArabicParen, r"^\(\s*\d{1,2}\s*\)\s*[、.]?\s*"),
        (NumberStyle::Circled, r"^[①-⑳]\s*"),
    ]
    .into_iter()
    .map(|(style, pattern)| {
        (
            style,
            Regex::new(pattern).expect("numbering patterns compile"),
        )
    })
    .collect()
});

/// The numbering at the start of `line` and its length in bytes (with the space after it).
pub fn numbering(line: &str) -> Option<(NumberStyle, usize)> {
    PATTERNS.iter().find_map(|(style, pattern)| {
        let end = pattern.find(line)?.end();
        let rest = &line[end..];
        // "1.5万人次" is a number, not an item; a bare number mark is no heading either.
        let starts_with_digit = rest.starts_with(|c: char| c.is_ascii_digit());
        let is_decimal = *style == NumberStyle::Arabic && starts_with_digit;
        (!is_decimal && !rest.trim().is_empty()).then_some((*style, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_style() {
        let cases = [
            ("第一部分 工作情况", NumberStyle::Part),
            ("一、2024年主要举措", NumberStyle::Chinese),
            ("十二.其他", NumberStyle::Chinese),
            ("(一)党建引领", NumberStyle::ChineseParen),
            ("1. 严格依法履职", NumberStyle::Arabic),
            ("2、理顺机制", NumberStyle::Arabic),
            ("(3)强化监督", NumberStyle::ArabicParen),
            ("②加强培训", NumberStyle::Circled),
        ];
        for (line, style) in cases {
            assert_eq!(numbering(line).map(|(s, _)| s), Some(style), "{line}");
        }
    }

    #[test]
    fn enumerations_years_and_decimals_are_not_numbering() {
        for line in [
            "一是丰富学习形式",
            "2024年,白石江街道",
            "1.5万人次参与",
            "一、",
            "今年以来",
        ] {
            assert_eq!(numbering(line), None, "{line}");
        }
    }

    #[test]
    fn length_covers_the_mark_and_its_space() {
        assert_eq!(numbering("1. 严格"), Some((NumberStyle::Arabic, 3)));
    }
}
