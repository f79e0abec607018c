//! Rule `measures-coverage`; its documentation is `measures_coverage.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct MeasuresCoverage;

static META: RuleMeta = RuleMeta {
    id: "measures-coverage",
    severity: Severity::Info,
    profiles: EVERY_PROFILE,
    doc: include_str!("measures_coverage.md"),
};

impl Rule for MeasuresCoverage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let Some((coverage, part)) = analysis.coverage() else {
            return;
        };
        let lang = analysis.lang();
        let (covered, missed): (Vec<_>, Vec<_>) = coverage.areas.iter().partition(|a| a.covered);
        let names = |areas: &[&crate::coverage::AreaCoverage]| {
            if areas.is_empty() {
                lang.pick("无", "none").to_owned()
            } else {
                areas
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(lang.pick("；", "; "))
            }
        };
        let basis = &analysis.rules.data.coverage.basis;
        let basis_name = analysis
            .rules
            .basis(basis)
            .map_or(basis.as_str(), |b| b.short_name.as_str());
        let name = analysis.part_name(part);
        let message = lang.pick(
            format!(
                "“{name}”涉及{basis_name}{}个任务领域中的{}个：{}。未涉及：{}。每千字{}个数字。",
                coverage.areas.len(),
                covered.len(),
                names(&covered),
                names(&missed),
                coverage.figures_per_1000_chars
            ),
            format!(
                "“{name}” covers {} of the {} task areas of the {basis_name}: {}. Not covered: {}. {} figures per 1,000 characters.",
                covered.len(),
                coverage.areas.len(),
                names(&covered),
                names(&missed),
                coverage.figures_per_1000_chars
            ),
        );
        let finding = analysis.finding(&META, message).part(part).basis(basis);
        findings.push(finding.at_place(analysis.part_place(part)).build());
    }
}
