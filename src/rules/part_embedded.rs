//! Rule `part-embedded`; its documentation is `part_embedded.md`.

use crate::analysis::Analysis;
use crate::parts::PartStatus;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PartEmbedded;

static META: RuleMeta = RuleMeta {
    id: "part-embedded",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("part_embedded.md"),
};

impl Rule for PartEmbedded {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        for (part, spec) in analysis.rules.parts().iter().enumerate() {
            let placement = &analysis.parts.placements[part];
            if !spec.spec.required || placement.status != PartStatus::Embedded {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”没有单独成部分，只在其他部分中提及。"),
                format!("“{name}” is only reported inside another part, not as a part of its own."),
            );
            findings.push(
                analysis
                    .finding(&META, message)
                    .part(part)
                    .at(placement.mentions[0].clone())
                    .suggest(analysis.suggested_heading(part))
                    .build(),
            );
        }
    }
}
