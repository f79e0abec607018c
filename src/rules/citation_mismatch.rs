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
        let lang = analysis.lang();
        for citation in &analysis.rules.citations {
            let title = &citation.title;
            for cited in citation.find_all(text) {
                if let (Some((from, to)), Some((first, last, range))) =
                    (&citation.years, &cited.years)
                    && (first != from || last != to)
                {
                    let message = lang.pick(
                        format!("引用《{title}》时年份写成了“{first}—{last}”，应为“{from}—{to}”。"),
                        format!("“{title}” is cited with the years {first}—{last}; they are {from}—{to}."),
                    );
                    findings.push(
                        analysis
                            .finding(&META, message)
                            .at(range.clone())
                            .basis(&citation.basis)
                            .suggest(format!("{from}—{to}"))
                            .build(),
                    );
                }
                if let (Some(canonical), Some((written, range))) = (&citation.number, &cited.number)
                    && written != canonical
                {
                    let message = lang.pick(
                        format!("《{title}》的文号写成了“{written}”，应为“{canonical}”。"),
                        format!("“{title}” is cited as {written}; its number is {canonical}."),
                    );
                    findings.push(
                        analysis
                            .finding(&META, message)
                            .at(range.clone())
                            .basis(&citation.basis)
                            .suggest(canonical.to_string())
                            .build(),
                    );
                }
            }
        }
    }
}
