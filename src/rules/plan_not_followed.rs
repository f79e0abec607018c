//! Rule `plan-not-followed`; its documentation is `plan_not_followed.md`.

use super::{Analysis, Findings, Rule};

pub struct PlanNotFollowed;

impl Rule for PlanNotFollowed {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(comparison) = analysis.comparison else {
            return;
        };
        let missing: Vec<&str> = comparison
            .plan_follow_up
            .iter()
            .filter(|item| !item.followed)
            .map(|item| item.opening.as_str())
            .collect();
        if missing.is_empty() {
            return;
        }
        let (count, of) = (missing.len(), comparison.plan_follow_up.len());
        let list = missing.join("；");
        let message = analysis.lang().pick(
            format!("上一年度报告安排的{of}项工作中，有{count}项在本报告中找不到落实情况：{list}"),
            format!("Of the {of} items last year's report planned, {count} find no mention in this report: {list}"),
        );
        let suggestion = analysis.lang().pick(
            "在主要举措中逐项说明上一年度安排的落实情况；未落实的，写明原因。",
            "Report on each item planned last year among the measures; for those not done, say why.",
        );
        let measures = analysis.rules.part_index("measures");
        let mut finding = out.report(message).suggest(suggestion);
        if let Some(part) = measures {
            finding = finding.at_part(part);
        }
        finding.push();
    }
}
