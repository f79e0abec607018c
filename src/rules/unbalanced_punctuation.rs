//! Rule `unbalanced-punctuation`; its documentation is `unbalanced_punctuation.md`.

use std::sync::LazyLock;

use regex::Regex;

use super::{Analysis, Findings, Rule};
use crate::ruleset::marks::{Mark, PairedMarks};

pub struct UnbalancedPunctuation;

/// An item number closed by a bracket alone ("1)", "一）") has no opening mark to match.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[0-9一二三四五六七八九十]{1,3}\)").expect("pattern compiles")
});

impl Rule for UnbalancedPunctuation {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let marks = &analysis.rules.paired_marks;
        // What the last line of a text cut short opens may close beyond it.
        let last = analysis.outline.cut_short_at;
        // The page around the report (portal chrome such as "【字号") is not its text.
        let head_end = analysis.outline.layout.head_end;
        for (index, line) in analysis.document.indexed_lines().skip(head_end.get()) {
            let text = analysis.document.text(line.range());
            let skip = ITEM_NUMBER.find(text).map_or(0, |m| m.end());
            let cut_here = Some(index) == last;
            for (at, mark, partner, closing) in unbalanced(text, skip, marks) {
                if cut_here && !closing {
                    continue;
                }
                if out.is_full() {
                    out.count();
                    continue;
                }
                let range = line.range().sub(at..at + mark.len_utf8());
                let original = analysis.document.original_text(range).to_owned();
                let partner = partner.to_string();
                let (message, suggestion) = if closing {
                    (
                        analysis.lang().pick(
                            format!("“{original}”前面没有与之对应的“{partner}”。"),
                            format!("“{original}” has no matching “{partner}” before it."),
                        ),
                        analysis.lang().pick(
                            format!("在引用内容前补上“{partner}”，或删去多余的“{original}”。"),
                            format!("Add “{partner}” where the quotation starts, or delete the extra “{original}”."),
                        ),
                    )
                } else {
                    (
                        analysis.lang().pick(
                            format!("“{original}”在本段内没有与之对应的“{partner}”。"),
                            format!("“{original}” is not closed by “{partner}” in its paragraph."),
                        ),
                        analysis.lang().pick(
                            format!("在引用内容后补上“{partner}”，或删去多余的“{original}”。"),
                            format!("Add “{partner}” where the quotation ends, or delete the extra “{original}”."),
                        ),
                    )
                };
                out.report(message).at(range).suggest(suggestion).push();
            }
        }
    }
}

/// Marks without a partner in `text` (from byte `skip`): (byte offset, mark, the partner it
/// lacks, whether it is a closing mark). Linear: besides the stack of open marks, each kind of
/// mark keeps where its own open marks stand in that stack, so a closing mark finds its partner
/// at once and every mark leaves the stack once.
fn unbalanced(text: &str, skip: usize, marks: &PairedMarks) -> Vec<(usize, char, char, bool)> {
    let mut open: Vec<(usize, usize)> = Vec::new(); // (byte offset, pair)
    let mut open_of_pair: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
    let mut lone = Vec::new();
    for Mark { at, pair, closing } in marks.find_iter(&text[skip..]) {
        let at = skip + at;
        let (opening, closing_mark) = marks.pair(pair);
        if !closing {
            open_of_pair[pair].push(open.len());
            open.push((at, pair));
        } else {
            match open_of_pair[pair].pop() {
                // Marks opened inside this pair and never closed are lone too.
                Some(index) => {
                    for (at, inner) in open.drain(index..).skip(1) {
                        open_of_pair[inner].pop();
                        let (o, c) = marks.pair(inner);
                        lone.push((at, o, c, false));
                    }
                }
                None => lone.push((at, closing_mark, opening, true)),
            }
        }
    }
    lone.extend(open.into_iter().map(|(at, pair)| {
        let (o, c) = marks.pair(pair);
        (at, o, c, false)
    }));
    lone.sort_by_key(|(at, ..)| *at);
    lone
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbalanced(
        text: &str,
        skip: usize,
        pairs: &[(char, char)],
    ) -> Vec<(usize, char, char, bool)> {
        super::unbalanced(text, skip, &PairedMarks::new(pairs.iter().copied()))
    }

    const PAIRS: [(char, char); 3] = [('“', '”'), ('《', '》'), ('(', ')')];

    #[test]
    fn a_lone_closing_quote_is_found() {
        let text = "现培育“法律明白人”115名,遵纪守法示范户”57户。";
        let found = unbalanced(text, 0, &PAIRS);
        assert_eq!(found.len(), 1);
        let (at, mark, partner, closing) = found[0];
        assert_eq!(
            (&text[at..at + 3], mark, partner, closing),
            ("”", '”', '“', true)
        );
    }

    #[test]
    fn balanced_and_nested_marks_pass_and_unclosed_ones_do_not() {
        assert!(unbalanced("落实《法治政府建设实施纲要(2021-2025年)》要求", 0, &PAIRS).is_empty());
        let found = unbalanced("开展“法治进社区活动。", 0, &PAIRS);
        assert_eq!(found[0].1, '“');
        assert!(!found[0].3);
    }

    #[test]
    fn closing_marks_far_from_their_kind_cost_no_rescans() {
        // Quadratic before: each 》 searched 200,000 open “ for a 《.
        let text = "“".repeat(200_000) + &"》".repeat(200_000);
        let found = unbalanced(&text, 0, &PAIRS);
        assert_eq!(found.len(), 400_000);
        assert!(found[..200_000].iter().all(|f| f.1 == '“' && !f.3));
        assert!(found[200_000..].iter().all(|f| f.1 == '》' && f.3));
    }
}

#[cfg(test)]
rule_cases!(
    UnbalancedPunctuation,
    flags: report_with("深化“放管服”改革", "深化“放管服改革") => 1,
    silent: REPORT,
);
