//! Rule `part-missing`; its documentation is `part_missing.md`.

use crate::analysis::Analysis;
use crate::parts::PartStatus;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PartMissing;

static META: RuleMeta = RuleMeta {
    id: "part-missing",
    severity: Severity::Error,
    profiles: EVERY_PROFILE,
    doc: include_str!("part_missing.md"),
};

impl Rule for PartMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        for (part, spec) in analysis.rules.parts().iter().enumerate() {
            let missing = analysis.parts.placements[part].status == PartStatus::Missing;
            if !spec.spec.required || !missing {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("缺少必需部分“{name}”。"),
                format!("The required part “{name}” is missing."),
            );
            let at = insertion_point(analysis, part);
            findings.push(
                analysis
                    .finding(&META, message)
                    .part(part)
                    .at(at..at)
                    .suggest(analysis.suggested_heading(part))
                    .build(),
            );
        }
    }
}

/// Where a missing part belongs: before the first section of a part that comes after it in the
/// official order, else at the end of the body.
fn insertion_point(analysis: &Analysis, part: usize) -> usize {
    analysis
        .outline
        .top_level()
        .find(|(index, _)| analysis.parts.of_heading[*index].iter().any(|&p| p > part))
        .map_or(analysis.outline.body_end, |(_, heading)| {
            heading.range.start
        })
}
