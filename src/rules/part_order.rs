//! Rule `part-order`; its documentation is `part_order.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PartOrder;

static META: RuleMeta = RuleMeta {
    id: "part-order",
    severity: Severity::Info,
    profiles: EVERY_PROFILE,
    doc: include_str!("part_order.md"),
};

impl Rule for PartOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        // Parts are indexed in official order, so the text must meet them in rising order.
        let mut latest: Option<(usize, usize)> = None;
        for (index, _) in analysis.outline.top_level() {
            for &part in &analysis.parts.of_heading[index] {
                match latest {
                    Some((ahead, ahead_heading)) if part < ahead => {
                        findings.push(finding(analysis, ahead, ahead_heading, part));
                        return;
                    }
                    Some((ahead, _)) if part == ahead => {}
                    _ => latest = Some((part, index)),
                }
            }
        }
    }
}

fn finding(analysis: &Analysis, early: usize, early_heading: usize, late: usize) -> Finding {
    let (early_name, late_name) = (analysis.part_name(early), analysis.part_name(late));
    let message = analysis.lang().pick(
        format!("“{early_name}”排在“{late_name}”之前，与规定的顺序不一致。"),
        format!("“{early_name}” comes before “{late_name}”, against the official order."),
    );
    let order: Vec<&str> = (0..analysis.rules.parts().len())
        .filter(|&p| !analysis.parts.placements[p].sections.is_empty())
        .map(|p| analysis.part_name(p))
        .collect();
    let separator = analysis.lang().pick("；", "; ");
    analysis
        .finding(&META, message)
        .part(early)
        .at(analysis.outline.headings[early_heading].range.clone())
        .suggest(order.join(separator))
        .build()
}
