//! Rule `first-responsible-shallow`; its documentation is `first_responsible_shallow.md`.

use crate::analysis::Analysis;
use crate::figures;
use crate::report::{Finding, Severity};
use crate::ruleset::IssuerKind;

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct FirstResponsibleShallow;

static META: RuleMeta = RuleMeta {
    id: "first-responsible-shallow",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("first_responsible_shallow.md"),
};

/// The rule set's facets of the part: leaders named jointly, the Party head, the government
/// head, and duties carried out.
const WHO: &str = "who";
const WHO_PARTY: &str = "who_party";
const WHO_GOVERNMENT: &str = "who_government";
const WHAT: &str = "what";

impl Rule for FirstResponsibleShallow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        for (part, spec) in analysis.rules.parts().iter().enumerate() {
            if spec.facet(WHAT).is_none() {
                continue;
            }
            // The part's own heading repeats the duty's name; the body must say who did what.
            let ranges = analysis.part_body(part);
            if ranges.is_empty() {
                continue;
            }
            let texts: Vec<&str> = ranges
                .iter()
                .map(|r| analysis.document.text(r.clone()))
                .collect();
            let names = |facet: &str| {
                spec.facet(facet)
                    .is_some_and(|words| texts.iter().any(|t| words.is_match(t)))
            };
            let (party, government) = (names(WHO_PARTY), names(WHO_GOVERNMENT));
            let lang = analysis.lang();
            let mut problems = Vec::new();
            let names_leaders = names(WHO)
                || (party && government)
                || (analysis.options.issuer_kind == IssuerKind::Department
                    && (party || government));
            if !names_leaders {
                problems.push(match (party, government) {
                    (true, _) => lang.pick(
                        "只写了党委（党工委）主要负责人，没有写政府（办事处）主要负责人怎样履职",
                        "it names the Party head but not how the government head fulfilled the duty",
                    ),
                    (_, true) => lang.pick(
                        "只写了政府（办事处）主要负责人，没有写党委（党工委）主要负责人怎样履职",
                        "it names the government head but not how the Party head fulfilled the duty",
                    ),
                    _ => lang.pick(
                        "没有写明党委、政府主要负责人是谁",
                        "it does not name the Party and government heads",
                    ),
                });
            }
            let units = &analysis.rules.data.coverage.figure_units;
            let did_something = names(WHAT) || texts.iter().any(|t| figures::count(t, units) > 0);
            if !did_something {
                problems.push(lang.pick(
                    "只重申了第一责任人职责，没有写亲自部署、专题研究、会前学法、述法、出庭应诉等具体履职情况和次数",
                    "it restates the duty without anything done: no meetings, study sessions, reporting on rule of law or court appearances, and no counts",
                ));
            }
            if problems.is_empty() {
                continue;
            }
            let name = analysis.part_name(part);
            let message = lang.pick(
                format!("“{name}”{}。", problems.join("；")),
                format!("“{name}”: {}.", problems.join("; ")),
            );
            let suggestion = lang.pick(
                "写明党政主要负责人（党委和政府各自的主要负责人）亲自部署、亲自过问、亲自协调、亲自督办的具体事项，召开常务会议专题研究的次数，会前学法、述法和出庭应诉情况。",
                "Name the Party and government heads and what each did in person, with counts: meetings that studied rule-of-law work, study before meetings, year-end reporting on rule of law, court appearances.",
            );
            let finding = analysis
                .finding(&META, message)
                .part(part)
                .suggest(suggestion.to_owned());
            findings.push(finding.at_place(analysis.part_place(part)).build());
        }
    }
}
