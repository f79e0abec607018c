//! Rule `shortcomings-without-reasons`; its documentation is `shortcomings_without_reasons.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct ShortcomingsWithoutReasons;

static META: RuleMeta = RuleMeta {
    id: "shortcomings-without-reasons",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("shortcomings_without_reasons.md"),
};

/// The rule set's facet that lists the words of causal analysis.
const CAUSES: &str = "causes";

impl Rule for ShortcomingsWithoutReasons {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        for (part, spec) in analysis.rules.parts().iter().enumerate() {
            let Some(causes) = spec.facet(CAUSES) else {
                continue;
            };
            let Some(ranges) = analysis.part_text(part) else {
                continue;
            };
            let gives_causes = ranges
                .iter()
                .any(|r| causes.is_match(analysis.document.text(r.clone())));
            if gives_causes {
                continue;
            }
            let name = analysis.part_name(part);
            let message = analysis.lang().pick(
                format!("“{name}”只列出了不足，没有分析原因。"),
                format!("“{name}” lists shortcomings but gives no causes."),
            );
            let suggestion = analysis.lang().pick(
                "逐条说明不足产生的原因，例如“究其原因，主要是……”。",
                "Give the cause of each shortcoming, e.g. “究其原因，主要是……”.",
            );
            let place = analysis.part_place(part).unwrap_or(ranges[0].clone());
            findings.push(
                analysis
                    .finding(&META, message)
                    .part(part)
                    .at(place)
                    .suggest(suggestion.to_owned())
                    .build(),
            );
        }
    }
}
