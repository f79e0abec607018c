//! Rule `citation-mismatch`; its documentation is `citation_mismatch.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct CitationMismatch;

static META: RuleMeta = RuleMeta {
    id: "citation-mismatch",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("citation_mismatch.md"),
};

impl Rule for CitationMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let text = analysis.document.normalized();
        for citation in &analysis.rules.citations {
            let (from, to) = (&citation.from, &citation.to);
            for found in citation.pattern.captures_iter(text) {
                let (Some(first), Some(last)) = (found.get(1), found.get(2)) else {
                    continue;
                };
                if first.as_str() == from && last.as_str() == to {
                    continue;
                }
                let written = format!("{}—{}", first.as_str(), last.as_str());
                let message = analysis.lang().pick(
                    format!(
                        "引用《{}》时年份写成了“{written}”，应为“{from}—{to}”。",
                        citation.title
                    ),
                    format!(
                        "“{}” is cited with the years {written}; they are {from}—{to}.",
                        citation.title
                    ),
                );
                findings.push(
                    analysis
                        .finding(&META, message)
                        .at(first.start()..last.end())
                        .basis(&citation.basis)
                        .suggest(format!("{from}—{to}"))
                        .build(),
                );
            }
        }
    }
}
