//! Rule `unbalanced-punctuation`; its documentation is `unbalanced_punctuation.md`.

use std::sync::LazyLock;

use regex::Regex;


use super::{Analysis, Findings, Rule};

pub struct UnbalancedPunctuation;


/// An item number closed by a bracket alone ("1)", "一）") has no opening mark to match.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[0-9一二三四五六七八九十]{1,3}\)").expect("pattern compiles")
});

impl Rule for UnbalancedPunctuation {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let pairs: Vec<(char, char)> = analysis
            .rules
            .data
            .proofreading
            .pairs
            .iter()
            .filter_map(|(open, close)| Some((open.chars().next()?, close.chars().next()?)))
            .collect();
        for line in analysis.document.lines() {
            let text = analysis.document.text(line.range());
            let skip = ITEM_NUMBER.find(text).map_or(0, |m| m.end());
            for (at, mark, partner, closing) in unbalanced(text, skip, &pairs) {
                let start = line.start + at;
                let range = start..start + mark.len_utf8();
                let original = analysis.document.original_text(range.clone()).to_owned();
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
                out.report(message)
                        .at(range)
                        .suggest(suggestion)
                        .push();
            }
        }
    }
}

/// Marks without a partner in `text` (from byte `skip`): (byte offset, mark, the partner it
/// lacks, whether it is a closing mark).
fn unbalanced(text: &str, skip: usize, pairs: &[(char, char)]) -> Vec<(usize, char, char, bool)> {
    let mut open: Vec<(usize, char, char)> = Vec::new();
    let mut lone = Vec::new();
    // Marks sit below the CJK block, so most characters of a report are passed over at once.
    let highest = pairs.iter().map(|&(o, c)| o.max(c)).max().unwrap_or('\0');
    for (at, c) in text[skip..].char_indices().map(|(at, c)| (at + skip, c)) {
        if c > highest {
            continue;
        }
        if let Some(&(opening, closing)) = pairs.iter().find(|(o, _)| *o == c) {
            open.push((at, opening, closing));
        } else if let Some(&(opening, _)) = pairs.iter().find(|(_, cl)| *cl == c) {
            match open.iter().rposition(|(_, o, _)| *o == opening) {
                // Marks opened inside this pair and never closed are lone too.
                Some(index) => lone.extend(
                    open.drain(index..)
                        .skip(1)
                        .map(|(at, o, cl)| (at, o, cl, false)),
                ),
                None => lone.push((at, c, opening, true)),
            }
        }
    }
    lone.extend(open.into_iter().map(|(at, o, cl)| (at, o, cl, false)));
    lone.sort_by_key(|(at, ..)| *at);
    lone
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

#[cfg(test)]
rule_cases!(
    UnbalancedPunctuation,
    flags: report_with("深化“放管服”改革", "深化“放管服改革") => 1,
    silent: REPORT,
);
