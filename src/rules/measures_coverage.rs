//! Rule `measures-coverage`; its documentation is `measures_coverage.md`.

use super::{Analysis, Findings, Rule};

pub struct MeasuresCoverage;

impl Rule for MeasuresCoverage {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((coverage, part)) = analysis.coverage() else {
            return;
        };
        let lang = analysis.lang();
        let (covered, missed): (Vec<_>, Vec<_>) = coverage.areas.iter().partition(|a| a.covered);
        let names = |areas: &[&crate::facts::coverage::AreaCoverage]| {
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
            .map_or(basis.as_str(), |b| b.short_name_in(lang.is_english()));
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
                "“{name}” covers {} of the {} task areas of {basis_name}: {}. Not covered: {}. {} figures per 1,000 characters.",
                covered.len(),
                coverage.areas.len(),
                names(&covered),
                names(&missed),
                coverage.figures_per_1000_chars
            ),
        );
        out.report(message).at_part(part).basis(basis).push();
    }
}

#[cfg(test)]
rule_cases!(
    MeasuresCoverage,
    flags: REPORT => 1,
    silent: report_with("一、2024年推进法治政府建设的主要举措和成效\n（一）依法全面履行政府职能。", "（一）依法全面履行政府职能。").replacen("（二）健全", "健全", 1).replacen("（三）严格", "严格", 1).replacen("（四）强化", "强化", 1),
);
