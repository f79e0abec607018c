//! Rule `part-embedded`; its documentation is `part_embedded.md`.

use crate::facts::parts::PartStatus;

use super::{Analysis, Findings, Rule};

pub struct PartEmbedded;

impl Rule for PartEmbedded {
    fn check(analysis: &Analysis, out: &mut Findings) {
        for (part, spec) in analysis.rules.indexed_parts() {
            let placement = &analysis.parts().placement(part);
            if !spec.spec.required || placement.status != PartStatus::Embedded {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”没有单独成部分，只在其他部分中提及。"),
                format!("“{name}” is only reported inside another part, not as a part of its own."),
            );
            out.report(message)
                .part(part)
                .at(placement.mentions[0])
                .suggest(analysis.suggested_heading(part))
                .push();
        }
    }
}

#[cfg(test)]
rule_cases!(
    PartEmbedded,
    flags: report_with("三、党政主要负责人履行推进法治建设第一责任人职责情况\n", "") => 1,
    silent: REPORT,
);
