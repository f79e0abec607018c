//! Rule `shortcomings-too-few`; its documentation is `shortcomings_too_few.md`.

use crate::ruleset::words::WordSet;
use crate::text::{numbering, sentences};

use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Facet;

pub struct ShortcomingsTooFew;

/// The rule set's facets: the words a shortcoming is written with, and those of its causes.
const SHORTCOMINGS: Facet = Facet::Shortcomings;
const CAUSES: Facet = Facet::Causes;

impl Rule for ShortcomingsTooFew {
    const NEEDS: &'static [Need] = &[Need::Facet(SHORTCOMINGS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let wanted = analysis.rules.data.thresholds.min_shortcomings;
        for (part, spec) in analysis.rules.indexed_parts() {
            let Some(words) = spec.facet(SHORTCOMINGS) else {
                continue;
            };
            let causes = spec.facet(CAUSES);
            let body = analysis.part_body(part);
            let Some(place) = analysis.part_place(part) else {
                continue;
            };
            let stated = body
                .iter()
                .map(|range| {
                    let text = analysis.document.text(*range);
                    sentences::split(text)
                        .into_iter()
                        .filter(|s| states_shortcoming(&text[s.clone()], words, causes))
                        .count()
                })
                .sum::<usize>();
            if stated >= wanted {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”只写了{stated}条具体的不足，至少应有{wanted}条。"),
                format!("“{name}” states {stated} concrete shortcoming(s); at least {wanted} are expected."),
            );
            let suggestion = analysis.lang().pick(
                "逐条写明具体的不足（哪项工作、差在哪里），每条说明原因。",
                "List each concrete shortcoming (which work, what falls short) with its cause.",
            );
            out.report(message)
                .part(part)
                .at(place)
                .suggest(suggestion.to_owned())
                .push();
        }
    }
}

/// A sentence states a shortcoming when a shortcoming word comes before any word of causes:
/// "究其原因，主要是投入不够" gives a cause, not another shortcoming.
/// An item of an enumeration ("二是……", "2.……") in this part states one whatever its words.
fn states_shortcoming(sentence: &str, words: &WordSet, causes: Option<&WordSet>) -> bool {
    let sentence = sentence.trim_start();
    let cause = causes.and_then(|c| c.find(sentence));
    if is_item(sentence) {
        return cause.is_none_or(|cause| cause.start > 0);
    }
    let Some(shortcoming) = words.find(sentence) else {
        return false;
    };
    cause.is_none_or(|cause| cause.start > shortcoming.start)
}

fn is_item(sentence: &str) -> bool {
    let mut chars = sentence.chars();
    let numbered = numbering::numbering(sentence).is_some();
    let enumerated = chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
        && chars.next() == Some('是');
    numbered || enumerated
}

#[cfg(test)]
rule_cases!(
    ShortcomingsTooFew,
    flags: report_with("一是部分单位依法行政意识有待增强，个别执法人员程序意识不强。二是基层法治力量较为薄弱，乡镇法治审核人员不足。", "基层法治力量较为薄弱。") => 1,
    silent: REPORT,
);
