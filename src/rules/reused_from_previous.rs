//! Rule `reused-from-previous`; its documentation is `reused_from_previous.md`.

use super::{Analysis, Findings, Rule};

pub struct ReusedFromPrevious;

impl Rule for ReusedFromPrevious {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(comparison) = analysis.comparison else {
            return;
        };
        let threshold = analysis.rules.data.comparison.reuse_threshold;
        if comparison.reused_share <= threshold {
            return;
        }
        let Some(largest) = comparison.reused.iter().max_by_key(|r| r.chars) else {
            return;
        };
        let percent = (comparison.reused_share * 100.0).round();
        let passages = comparison.reused.len();
        let message = analysis.lang().pick(
            format!(
                "本报告约{percent}%的文字重复上一年度报告（{passages}段，只改了数字或年份的也算），这里是最长的一段。"
            ),
            format!(
                "About {percent}% of this report repeats last year's report ({passages} passage(s), counting those with only figures or years changed); this is the longest."
            ),
        );
        let suggestion = analysis.lang().pick(
            "按本年度实际做了的工作重写，写明新的举措、数据和成效。",
            "Rewrite it from this year's work: its new measures, figures and results.",
        );
        out.report(message)
            .at(largest.range)
            .suggest(suggestion)
            .push();
    }
}
