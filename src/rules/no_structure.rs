//! Rule `no-structure`; its documentation is `no_structure.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct NoStructure;

static META: RuleMeta = RuleMeta {
    id: "no-structure",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("no_structure.md"),
};

impl Rule for NoStructure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        if !analysis.outline.is_empty() {
            return;
        }
        let message = analysis.lang().pick(
            "报告没有任何标题，各部分只能根据段落开头推测。",
            "The report has no headings at all; its parts could only be guessed from paragraph openings.",
        );
        let suggestion = analysis.lang().pick(
            "按规定的四个部分分设一级标题，如“一、2024年推进法治政府建设的主要举措和成效”。",
            "Give each of the four required parts a numbered top-level heading.",
        );
        findings.push(
            analysis
                .finding(&META, message.to_owned())
                .basis("ducha")
                .suggest(suggestion.to_owned())
                .build(),
        );
    }
}
