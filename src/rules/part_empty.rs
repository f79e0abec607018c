//! Rule `part-empty`; its documentation is `part_empty.md`.

use crate::analysis::Analysis;
use crate::parts::PartStatus;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PartEmpty;

static META: RuleMeta = RuleMeta {
    id: "part-empty",
    severity: Severity::Error,
    profiles: EVERY_PROFILE,
    doc: include_str!("part_empty.md"),
};

impl Rule for PartEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let max_chars = analysis.rules.data.thresholds.part_empty_max_chars;
        for (part, placement) in analysis.parts.placements.iter().enumerate() {
            if placement.status != PartStatus::Present {
                continue;
            }
            let headings = placement
                .sections
                .iter()
                .map(|&h| &analysis.outline.headings[h]);
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
            findings.push(
                analysis
                    .finding(&META, message)
                    .part(part)
                    .at(first.range.clone())
                    .build(),
            );
        }
    }
}
