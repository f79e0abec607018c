//! Heading numbers: 第一部分 / 一、 / (一) / 1. / (1) / ①, from the highest rank to the lowest.
//!
//! Works on normalised text, so full-width `（一）` arrives here as `(一)`. Enumerations inside
//! paragraphs (一是、二是) have no number mark and are not matched.

use std::sync::LazyLock;

use regex::Regex;
use regex_syntax::Parser;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

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

static PATTERNS: LazyLock<Vec<(NumberStyle, Regex, ClassUnicode)>> = LazyLock::new(|| {
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
        let first = Parser::new()
            .parse(pattern)
            .ok()
            .and_then(|hir| first_chars(&hir))
            .expect("each numbering pattern starts with a character class");
        let pattern = Regex::new(pattern).expect("numbering patterns compile");
        (style, pattern, first)
    })
    .collect()
});

/// The characters a match of `hir` may start with, when its first atom says (`^` is passed
/// over): read from the pattern, so that a line is searched only by the patterns it may match.
fn first_chars(hir: &Hir) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            let first = std::str::from_utf8(&literal.0).ok()?.chars().next()?;
            Some(ClassUnicode::new([ClassUnicodeRange::new(first, first)]))
        }
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        HirKind::Repetition(repetition) if repetition.min > 0 => first_chars(&repetition.sub),
        HirKind::Capture(capture) => first_chars(&capture.sub),
        HirKind::Concat(items) => items
            .iter()
            .find(|item| !matches!(item.kind(), HirKind::Look(_)))
            .and_then(first_chars),
        _ => None,
    }
}

/// The numbering at the start of `line` and its length in bytes (with the space after it).
pub fn numbering(line: &str) -> Option<(NumberStyle, usize)> {
    let first = line.chars().next()?;
    PATTERNS
        .iter()
        .filter(|(_, _, starts)| holds(starts, first))
        .find_map(|(style, pattern, _)| numbered_as(*style, pattern, line))
}

/// Whether `class` holds `c`: its ranges are sorted and apart, so the first that ends at or
/// after `c` is the only one that may.
fn holds(class: &ClassUnicode, c: char) -> bool {
    let ranges = class.ranges();
    let at = ranges.partition_point(|range| range.end() < c);
    ranges.get(at).is_some_and(|range| range.start() <= c)
}

/// The numbering of `line` in one style, if its pattern matches and something follows the mark.
fn numbered_as(style: NumberStyle, pattern: &Regex, line: &str) -> Option<(NumberStyle, usize)> {
    let end = pattern.find(line)?.end();
    let rest = &line[end..];
    // "1.5万人次" is a number, not an item; a bare number mark is no heading either.
    let starts_with_digit = rest.starts_with(|c: char| c.is_ascii_digit());
    let is_decimal = style == NumberStyle::Arabic && starts_with_digit;
    (!is_decimal && !rest.trim().is_empty()).then_some((style, end))
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
            // `\d` reads any decimal digit, as Unicode counts them.
            ("٣. 加强", NumberStyle::Arabic),
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

    /// The numbering as the patterns alone define it, without the first-character filter.
    fn numbering_by_patterns_alone(line: &str) -> Option<(NumberStyle, usize)> {
        PATTERNS
            .iter()
            .find_map(|(style, pattern, _)| numbered_as(*style, pattern, line))
    }

    proptest::proptest! {
        #[test]
        fn the_first_character_filter_changes_no_answer(
            line in "[第一十(1٣①⑳⑴是 ][一十()、.1٣部分章 加]{0,8}|\\PC{0,12}"
        ) {
            proptest::prop_assert_eq!(numbering(&line), numbering_by_patterns_alone(&line));
        }
    }

    #[test]
    fn length_covers_the_mark_and_its_space() {
        assert_eq!(numbering("1. 严格"), Some((NumberStyle::Arabic, 3)));
    }
}
