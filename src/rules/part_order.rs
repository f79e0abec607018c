//! Rule `part-order`; its documentation is `part_order.md`.

use super::{Analysis, Findings, Rule};
use crate::outline::HeadingIndex;
use crate::ruleset::PartIndex;

pub struct PartOrder;

impl Rule for PartOrder {
    fn check(analysis: &Analysis, out: &mut Findings) {
        // Parts are indexed in official order, so the text must meet them in rising order.
        let mut latest: Option<(PartIndex, HeadingIndex)> = None;
        for (index, _) in analysis.outline.top_level() {
            for &part in analysis.parts().of_heading(index) {
                match latest {
                    Some((ahead, ahead_heading)) if part < ahead => {
                        report(analysis, out, ahead, ahead_heading, part);
                        return;
                    }
                    Some((ahead, _)) if part == ahead => {}
                    _ => latest = Some((part, index)),
                }
            }
        }
    }
}

fn report(
    analysis: &Analysis,
    out: &mut Findings,
    early: PartIndex,
    early_heading: HeadingIndex,
    late: PartIndex,
) {
    let (early_name, late_name) = (analysis.part_name(early), analysis.part_name(late));
    let message = analysis.lang().pick(
        format!("“{early_name}”排在“{late_name}”之前，与规定的顺序不一致。"),
        format!("“{early_name}” comes before “{late_name}”, against the official order."),
    );
    let order: Vec<&str> = analysis
        .rules
        .indexed_parts()
        .filter(|&(p, _)| !analysis.parts().placement(p).sections.is_empty())
        .map(|(p, _)| analysis.part_name(p))
        .collect();
    let separator = analysis.lang().pick("；", "; ");
    out.report(message)
        .part(early)
        .at(analysis.outline.heading(early_heading).range)
        .suggest(order.join(separator))
        .push();
}

#[cfg(test)]
rule_cases!(
    PartOrder,
    flags: report_with("三、党政主要负责人履行推进法治建设第一责任人职责情况", "三、2025年推进法治政府建设的主要安排").replacen("四、2025年推进法治政府建设的主要安排", "四、党政主要负责人履行推进法治建设第一责任人职责情况", 1) => 1,
    silent: REPORT,
);
