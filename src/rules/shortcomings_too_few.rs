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

#[cfg(test)]
/// The back half merged (“三、存在的不足和下一步打算”) or closing with the plans: see
/// `facts::back_half`.
mod back_half {
    use crate::facts::parts::PartStatus;
    use crate::rules::testing::{REPORT, assert_findings, check};
    use crate::rules::{CheckOptions, RuleId};

    /// [`REPORT`] with its parts two and four merged into one, as township reports often do.
    fn merged(shortcomings: &str, plans: &str) -> String {
        let second = REPORT.find("二、2024年推进").unwrap();
        let signed = REPORT.find("青山县人民政府\n2025").unwrap();
        let third = REPORT.find("三、党政主要负责人").unwrap();
        let fourth = REPORT.find("四、2025年").unwrap();
        format!(
            "{}二、{}\n三、存在的不足和下一步打算\n{shortcomings}\n{plans}\n\n{}",
            &REPORT[..second],
            &REPORT[third + "三、".len()..fourth].trim_end(),
            &REPORT[signed..]
        )
    }

    const PLANS: &str = "2025年，我县将重点做好以下工作：一是深入学习贯彻习近平法治思想；二是严格落实重大行政决策程序；三是深化行政执法监督；四是加强基层法治力量；五是推进数字法治政府建设。";

    #[test]
    fn the_plans_items_are_no_shortcomings_and_the_shortcomings_year_no_plan_year() {
        let text = merged(
            "2024年，我县法治政府建设虽取得一定成效，但还存在一些不足，主要是基层法治力量有待加强。",
            PLANS,
        );
        assert_findings(&text, RuleId::ShortcomingsTooFew, 1);
        assert_findings(&text, RuleId::PlanYearMismatch, 0);
        assert_findings(&text, RuleId::PlanRestatesYear, 0);
    }

    #[test]
    fn two_shortcomings_with_their_causes_before_the_plans_are_enough() {
        let text = merged(
            "一是部分乡镇合法性审查能力不足，主要原因是审核人员多为兼职。二是执法案卷文书不规范，究其原因是执法监督没有跟上。",
            &PLANS.replace("2025年，我县将", "下一步，我县将"),
        );
        assert_findings(&text, RuleId::ShortcomingsTooFew, 0);
        assert_findings(&text, RuleId::PlanYearMismatch, 0);
        assert_findings(&text, RuleId::PlanRestatesYear, 0);
        // A plan naming the wrong year is still one.
        let wrong = merged(
            "（一）存在的问题\n一是部分乡镇合法性审查能力不足，主要原因是审核人员多为兼职。",
            &format!("（二）2024年工作打算\n{}", PLANS.replace("2025年，", "")),
        );
        assert_findings(&wrong, RuleId::PlanYearMismatch, 1);
    }

    fn plan_status(text: &str) -> PartStatus {
        check(text, &CheckOptions::default())
            .parts
            .iter()
            .find(|p| p.part == "next_year_plan")
            .unwrap()
            .status
    }

    #[test]
    fn next_steps_closing_the_shortcomings_are_the_plans_embedded_there() {
        let no_part_four = |closing: &str| {
            let fourth = REPORT.find("四、2025年").unwrap();
            let signed = REPORT.find("青山县人民政府\n2025").unwrap();
            let third = REPORT.find("三、党政主要负责人").unwrap();
            let second = REPORT.find("二、2024年推进").unwrap();
            // Shortcomings last, so the closing paragraph is theirs.
            format!(
                "{}二、{}三、{}\n{closing}\n\n{}",
                &REPORT[..second],
                &REPORT[third + "三、".len()..fourth],
                &REPORT[second + "二、".len()..third].trim_end(),
                &REPORT[signed..]
            )
        };
        let embedded = no_part_four(
            "下一步，我县将针对上述不足，一是配齐乡镇法治审核人员；二是开展执法人员轮训。",
        );
        assert_eq!(plan_status(&embedded), PartStatus::Embedded);
        assert_findings(&embedded, RuleId::PartMissing, 0);
        assert_findings(&embedded, RuleId::PartEmbedded, 1);
        assert_findings(&embedded, RuleId::PlanRestatesYear, 0);
        // Next steps inside the measures are no plan part.
        let measures_only = no_part_four("").replacen(
            "全面推行行政执法三项制度。",
            "全面推行行政执法三项制度。\n下一步，我县将继续开展执法人员轮训。",
            1,
        );
        assert_eq!(plan_status(&measures_only), PartStatus::Missing);
    }
}
