//! Rule `part-missing`; its documentation is `part_missing.md`.

use crate::document::TextRange;
use crate::facts::parts::PartStatus;
use crate::ruleset::PartIndex;

use super::{Analysis, Findings, Rule};

pub struct PartMissing;

impl Rule for PartMissing {
    fn check(analysis: &Analysis, out: &mut Findings) {
        for (part, spec) in analysis.rules.indexed_parts() {
            let missing = analysis.parts().placement(part).status == PartStatus::Missing;
            if !spec.spec.required || !missing {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("缺少必需部分“{name}”。"),
                format!("The required part “{name}” is missing."),
            );
            let at = insertion_point(analysis, part);
            out.report(message)
                .part(part)
                .at(TextRange::at(at))
                .suggest(analysis.suggested_heading(part))
                .push();
        }
    }
}

/// Where a missing part belongs: before the first section of a part that comes after it in the
/// official order, else at the end of the body.
fn insertion_point(analysis: &Analysis, part: PartIndex) -> usize {
    analysis
        .outline
        .top_level()
        .find(|(index, _)| {
            analysis
                .parts()
                .of_heading(*index)
                .iter()
                .any(|&p| p > part)
        })
        .map_or(analysis.outline.body_end, |(_, heading)| {
            heading.range.start()
        })
}

#[cfg(test)]
rule_cases!(
    PartMissing,
    flags: report_with("三、党政主要负责人履行推进法治建设第一责任人职责情况\n县委书记、县长认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次，县长带头述法，出庭应诉2次。\n\n", "") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod organised_for_others {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    /// [`REPORT`] without its part three, one sentence added to the measures.
    fn without_part_three(sentence: &str) -> String {
        report_with("三、党政主要负责人履行推进法治建设第一责任人职责情况\n县委书记、县长认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次，县长带头述法，出庭应诉2次。\n\n", "")
            .replacen("全面推行行政执法三项制度。", &format!("全面推行行政执法三项制度。{sentence}"), 1)
    }

    #[test]
    fn the_leaders_reporting_a_bureau_organises_is_not_its_own_duty() {
        let organised = without_part_three(
            "协助县委依法治县办组织全县各级党政主要负责人述法，推动履行推进法治建设第一责任人职责。",
        );
        assert_findings(&organised, RuleId::PartMissing, 1);
        assert_findings(&organised, RuleId::PartEmbedded, 0);
        let own = without_part_three("县长带头述法，认真履行推进法治建设第一责任人职责。");
        assert_findings(&own, RuleId::PartMissing, 0);
        assert_findings(&own, RuleId::PartEmbedded, 1);
    }
}
