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
                    .at(placement.mentions[0].clone())
                    .suggest(analysis.suggested_heading(part))
                    .push();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleId;
    use crate::rules::testing::{REPORT, assert_findings, report_with};

    #[test]
    fn flags_what_it_checks() {
        assert_findings(&report_with("三、党政主要负责人履行推进法治建设第一责任人职责情况\n", ""), RuleId::PartEmbedded, 1);
    }

    #[test]
    fn stays_silent_on_a_near_miss() {
        assert_findings(REPORT, RuleId::PartEmbedded, 0);
    }
}
