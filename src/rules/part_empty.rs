//! Rule `part-empty`; its documentation is `part_empty.md`.

use crate::facts::parts::PartStatus;

use super::{Analysis, Findings, Rule};

pub struct PartEmpty;

impl Rule for PartEmpty {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let max_chars = analysis.rules.data.thresholds.part_empty_max_chars;
        for (part, spec) in analysis.rules.indexed_parts() {
            let placement = analysis.parts().placement(part);
            // An optional part answered “无。” is an honest answer, not an empty part.
            if placement.status != PartStatus::Present || !spec.spec.required {
                continue;
            }
            let headings = placement
                .sections
                .iter()
                .map(|&h| analysis.outline.heading(h));
            // Counting stops past the threshold: a long part need not be counted to the end.
            let chars = headings
                .clone()
                .flat_map(|h| analysis.document.text(h.body()).chars())
                .filter(|c| !c.is_whitespace())
                .take(max_chars + 1)
                .count();
            if chars > max_chars {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”部分只有标题，正文几乎没有内容（{chars}字）。"),
                format!("The part “{name}” has a heading but almost no text ({chars} characters)."),
            );
            let first = headings
                .clone()
                .next()
                .expect("a present part has a section");
            out.report(message).part(part).at(first.range).push();
        }
    }
}

#[cfg(test)]
rule_cases!(
    PartEmpty,
    flags: report_with("一是部分单位依法行政意识有待增强，个别执法人员程序意识不强。二是基层法治力量较为薄弱，乡镇法治审核人员不足。究其原因，主要是法治学习培训的针对性不够，基层法治队伍建设投入不足。", "详见附件。") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod optional_part {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    #[test]
    fn nothing_else_to_report_is_an_honest_answer() {
        let none = report_with(
            "\n青山县人民政府\n",
            "\n五、其他需要报告的情况\n无。\n\n青山县人民政府\n",
        );
        assert_findings(&none, RuleId::PartEmpty, 0);
    }
}
