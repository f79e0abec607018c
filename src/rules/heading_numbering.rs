//! Rule `heading-numbering`; its documentation is `heading_numbering.md`.
//!
//! Reads the outline: each numbered heading against the one before it at its level under the
//! same parent, and its mark against the form GB/T 9704 gives its style.

use std::collections::{BTreeMap, HashMap};

use crate::outline::{Heading, NumberStyle};

use super::{Analysis, Findings, Rule};

pub struct HeadingNumbering;

/// A numbered heading as this rule reads it.
struct Numbered<'a> {
    heading: &'a Heading,
    style: NumberStyle,
    value: u32,
    /// The mark as written (normalised), "一." or "(一)、".
    mark: &'a str,
}

impl Rule for HeadingNumbering {
    const FIXES: bool = true;

    fn check(analysis: &Analysis, out: &mut Findings) {
        // Heading styles of a .docx set levels the numbers need not follow.
        if analysis
            .outline
            .headings()
            .iter()
            .any(|h| h.styled_level.is_some())
        {
            return;
        }
        let document = analysis.document;
        let numbered: Vec<Option<Numbered>> = analysis
            .outline
            .headings()
            .iter()
            .map(|heading| {
                let style = heading.style?;
                let mark = document.text(heading.numbering()).trim_end();
                Some(Numbered {
                    heading,
                    style,
                    value: value_of(mark)?,
                    mark,
                })
            })
            .collect();
        // Each number as it should be, so that one repeat does not make the next look skipped.
        let mut corrected: Vec<u32> = numbered
            .iter()
            .map(|n| n.as_ref().map_or(0, |n| n.value))
            .collect();
        let mut seen = Seen::default();
        for (at, item) in numbered.iter().enumerate() {
            let Some(item) = item else { continue };
            let strict = analysis.rules.format.numbering.arabic_period;
            if let Some(right) = right_form(item.style, item.mark, strict) {
                flag(analysis, out, item, &right, Problem::Form);
            }
            let parent = seen.parent_of(item, &numbered);
            let sibling = seen.previous_sibling(item, &numbered);
            seen.note(item, at);
            match sibling {
                Some((index, previous)) => {
                    let expected = corrected[index] + 1;
                    // A new list under the same heading starts again at 1; after a repeated
                    // number either the written or the corrected one may go on.
                    let follows = item.value == expected || item.value == previous.value + 1;
                    if !follows && item.value != 1 {
                        let problem = if item.value == previous.value {
                            corrected[at] = expected;
                            Problem::Repeated
                        } else {
                            Problem::Skipped
                        };
                        flag(
                            analysis,
                            out,
                            item,
                            &mark_for(item.style, expected),
                            problem,
                        );
                    }
                }
                None if item.value > 1 => match parent {
                    // "3." as the first item under "（二）": a (三) written in the wrong style,
                    // after which "（四）" goes on from it.
                    Some((index, parent))
                        if parent.style != item.style && item.value == parent.value + 1 =>
                    {
                        corrected[index] = item.value;
                        let right = mark_for(parent.style, item.value);
                        flag(analysis, out, item, &right, Problem::Mixed);
                    }
                    Some(_) => flag(
                        analysis,
                        out,
                        item,
                        &mark_for(item.style, 1),
                        Problem::Skipped,
                    ),
                    None => {}
                },
                None => {}
            }
            if item.heading.level > 1 && parent.is_none() && item.value == 1 {
                flag(
                    analysis,
                    out,
                    item,
                    &mark_for(item.style, 1),
                    Problem::NoParent,
                );
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Problem {
    Form,
    Skipped,
    Repeated,
    Mixed,
    NoParent,
}

fn flag(analysis: &Analysis, out: &mut Findings, item: &Numbered, right: &str, problem: Problem) {
    let number = analysis.document.original_text(item.heading.numbering());
    let written = number.trim_end().to_owned();
    // The space after the number, if any, stays as it was.
    let space_after = &number[written.len()..];
    let lang = analysis.lang();
    let message = match problem {
        Problem::Form => lang.pick(
            format!("标题序号“{written}”的标点不合公文格式，应为“{right}”。"),
            format!(
                "The heading number “{written}” is punctuated wrongly; it should be “{right}”."
            ),
        ),
        Problem::Skipped => lang.pick(
            format!("标题序号“{written}”不连续，此处应为“{right}”。"),
            format!("The heading number “{written}” skips; it should be “{right}”."),
        ),
        Problem::Repeated => lang.pick(
            format!("标题序号“{written}”与上一个同级标题重复，此处应为“{right}”。"),
            format!(
                "The heading number “{written}” repeats the one before; it should be “{right}”."
            ),
        ),
        Problem::Mixed => lang.pick(
            format!("标题序号“{written}”接续上一级的序号，层级混用，此处应为“{right}”。"),
            format!(
                "The heading number “{written}” continues the level above; it should be “{right}”."
            ),
        ),
        Problem::NoParent => lang.pick(
            format!("标题“{written}”前没有上一级标题，层级不对。"),
            format!("The heading “{written}” has no heading of the level above before it."),
        ),
    };
    let builder = out.report(message).at(item.heading.numbering());
    match problem {
        // Where the heading above is missing, what to write is for the drafter to decide.
        Problem::NoParent => builder.push(),
        _ => builder.replace_with(format!("{right}{space_after}")).push(),
    }
}

/// Where the last numbered heading of each level, and of each level and style, was: the parent
/// and the previous sibling are found from them at once, not by walking back over every heading
/// (180,000 headings of one level would take that walk 16 billion steps).
#[derive(Default)]
struct Seen {
    by_level: BTreeMap<usize, usize>,
    by_level_and_style: HashMap<(usize, NumberStyle), usize>,
}

impl Seen {
    fn note(&mut self, item: &Numbered, at: usize) {
        let level = item.heading.level;
        self.by_level.insert(level, at);
        self.by_level_and_style.insert((level, item.style), at);
    }

    /// The index of the nearest heading above `item`'s level before it.
    fn parent_index(&self, item: &Numbered) -> Option<usize> {
        self.by_level
            .range(..item.heading.level)
            .map(|(_, &at)| at)
            .max()
    }

    /// The nearest heading above `item`'s level before it.
    fn parent_of<'a>(
        &self,
        item: &Numbered,
        numbered: &'a [Option<Numbered<'a>>],
    ) -> Option<(usize, &'a Numbered<'a>)> {
        let at = self.parent_index(item)?;
        Some((at, numbered[at].as_ref()?))
    }

    /// The heading before `item` at its level and in its style, under the same parent.
    fn previous_sibling<'a>(
        &self,
        item: &Numbered,
        numbered: &'a [Option<Numbered<'a>>],
    ) -> Option<(usize, &'a Numbered<'a>)> {
        let at = *self
            .by_level_and_style
            .get(&(item.heading.level, item.style))?;
        if self.parent_index(item).is_some_and(|parent| parent > at) {
            return None;
        }
        Some((at, numbered[at].as_ref()?))
    }
}

/// The form a mark should take, when `mark` is written otherwise: 一、 not 一. or 一,;
/// （一） and （1） without a 、 or . after them; 1. not 1、 when the profile is `strict` on it.
fn right_form(style: NumberStyle, mark: &str, strict: bool) -> Option<String> {
    let last = mark.chars().last()?;
    let wrong = match style {
        NumberStyle::Chinese => matches!(last, '.' | ','),
        NumberStyle::ChineseParen | NumberStyle::ArabicParen => matches!(last, '、' | '.'),
        NumberStyle::Arabic => strict && last == '、',
        _ => false,
    };
    wrong.then(|| mark_for(style, value_of(mark).unwrap_or(1)))
}

/// The number a mark holds: 一 to 九十九, or digits.
fn value_of(mark: &str) -> Option<u32> {
    let digits: String = mark.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    if let Some(circled) = mark.chars().find(|c| ('①'..='⑳').contains(c)) {
        return Some(circled as u32 - '①' as u32 + 1);
    }
    let numerals: Vec<u32> = mark.chars().filter_map(chinese_digit).collect();
    match numerals.as_slice() {
        [10] => Some(10),
        [d] => Some(*d),
        [10, ones] => Some(10 + ones),
        [tens, 10] => Some(tens * 10),
        [tens, 10, ones] => Some(tens * 10 + ones),
        _ => None,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|i| i as u32 + 1)
}

/// `n` as a Chinese numeral, 1 to 99.
fn chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    match tens {
        0 => DIGITS[ones].to_owned(),
        1 => format!("十{}", DIGITS[ones]),
        _ => format!("{}十{}", DIGITS[tens.min(9)], DIGITS[ones]),
    }
}

/// The mark for number `n` in `style`, as GB/T 9704 writes it.
fn mark_for(style: NumberStyle, n: u32) -> String {
    match style {
        NumberStyle::Part => format!("第{}部分", chinese(n)),
        NumberStyle::Chinese => format!("{}、", chinese(n)),
        NumberStyle::ChineseParen => format!("（{}）", chinese(n)),
        NumberStyle::Arabic => format!("{n}."),
        NumberStyle::ArabicParen => format!("（{n}）"),
        NumberStyle::Circled => char::from_u32('①' as u32 + n.clamp(1, 20) - 1)
            .map_or_else(|| n.to_string(), String::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, findings_with, report_with};

    #[test]
    fn numbers_and_marks() {
        assert_eq!(value_of("十二、"), Some(12));
        assert_eq!(value_of("(二十一)"), Some(21));
        assert_eq!(mark_for(NumberStyle::ChineseParen, 13), "（十三）");
        assert_eq!(mark_for(NumberStyle::Chinese, 20), "二十、");
    }

    #[test]
    fn a_repeated_number_is_flagged_with_the_right_one() {
        let text = report_with("（三）严格", "（二）严格");
        let found = findings_with(&text, RuleId::HeadingNumbering, Default::default());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].suggestion.as_deref(), Some("（三）"));
    }

    #[test]
    fn a_wrong_mark_is_flagged() {
        assert_findings(
            &report_with("二、2024年推进", "二.2024年推进"),
            RuleId::HeadingNumbering,
            1,
        );
        assert_findings(
            &report_with("（二）健全", "（二）、健全"),
            RuleId::HeadingNumbering,
            1,
        );
    }

    #[test]
    fn a_sub_heading_before_any_part_heading_is_flagged() {
        let text = report_with("2024年，青山县坚持", "（一）总体情况\n2024年，青山县坚持");
        assert_findings(&text, RuleId::HeadingNumbering, 1);
    }

    #[test]
    fn an_item_continuing_its_parents_numbers_is_flagged() {
        let text = report_with("（四）强化", "4.强化");
        let found = findings_with(&text, RuleId::HeadingNumbering, Default::default());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].suggestion.as_deref(), Some("（四）"));
    }

    #[test]
    fn a_new_list_restarting_at_one_is_not_flagged() {
        let text = report_with(
            "（四）强化行政权力制约和监督。",
            "（四）强化行政权力制约和监督。\n1.复议。办理案件。\n2.应诉。出庭应诉。\n",
        );
        assert_findings(&text, RuleId::HeadingNumbering, 0);
    }
}

#[cfg(test)]
rule_cases!(
    HeadingNumbering,
    flags: report_with("四、2025年", "五、2025年") => 1,
    silent: report_with("三、党政主要", "三、 党政主要"),
);
