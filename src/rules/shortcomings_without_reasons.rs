//! Rule `shortcomings-without-reasons`; its documentation is `shortcomings_without_reasons.md`.

use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Facet;

pub struct ShortcomingsWithoutReasons;

/// The rule set's facet that lists the words of causal analysis.
const CAUSES: Facet = Facet::Causes;

impl Rule for ShortcomingsWithoutReasons {
    const NEEDS: &'static [Need] = &[Need::Facet(CAUSES)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        for (part, spec) in analysis.rules.indexed_parts() {
            let Some(causes) = spec.facet(CAUSES) else {
                continue;
            };
            let Some(ranges) = analysis.part_text(part) else {
                continue;
            };
            let gives_causes = ranges
                .iter()
                .any(|r| causes.is_match(analysis.document.text(*r)));
            if gives_causes {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”只列出了不足，没有分析原因。"),
                format!("“{name}” lists shortcomings but gives no causes."),
            );
            let suggestion = analysis.lang().pick(
                "逐条说明不足产生的原因，例如“究其原因，主要是……”。",
                "Give the cause of each shortcoming, e.g. “究其原因，主要是……”.",
            );
            let place = analysis.part_place(part).unwrap_or(ranges[0]);
            out.report(message)
                .part(part)
                .at(place)
                .suggest(suggestion.to_owned())
                .push();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    #[test]
    fn flags_what_it_checks() {
        assert_findings(
            &report_with(
                "究其原因，主要是法治学习培训的针对性不够，基层法治队伍建设投入不足。",
                "",
            )
            .replacen("存在的不足和原因", "存在的问题", 1),
            RuleId::ShortcomingsWithoutReasons,
            1,
        );
    }

    /// [`REPORT`]'s shortcomings under a heading that promises no causes, in `body`'s words.
    fn shortcomings(body: &str) -> String {
        report_with(
            "一是部分单位依法行政意识有待增强，个别执法人员程序意识不强。二是基层法治力量较为薄弱，乡镇法治审核人员不足。究其原因，主要是法治学习培训的针对性不够，基层法治队伍建设投入不足。",
            body,
        )
        .replacen("存在的不足和原因", "存在的问题", 1)
    }

    #[test]
    fn causes_in_the_wordings_reviewers_accept_are_causes() {
        for body in [
            "一是执法文书不规范；二是备案审查不及时。从主观上看，部分干部重视不够；从客观上看，乡镇法律人才匮乏。",
            "一是执法力量不足，受制于编制总量难以充实；二是非现场执法应用偏少，系数据标准不统一所致。",
            "一是执法人员掌握新法不够，这与集中培训偏少有关；二是执法监督手段单一。",
        ] {
            assert_findings(&shortcomings(body), RuleId::ShortcomingsWithoutReasons, 0);
        }
    }

    #[test]
    fn the_word_cause_inside_a_shortcoming_is_no_cause() {
        let text = shortcomings(
            "一是复议案件办理质量有待提升，对案件的原因剖析不够深入；二是执法监督手段较为单一。",
        );
        assert_findings(&text, RuleId::ShortcomingsWithoutReasons, 1);
    }

    #[test]
    fn stays_silent_on_a_near_miss() {
        // The causes given under a heading that does not promise them.
        let causes_kept = report_with("存在的不足和原因", "存在的问题");
        assert_findings(&causes_kept, RuleId::ShortcomingsWithoutReasons, 0);
    }
}
