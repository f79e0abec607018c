//! Rule `measures-without-figures`; its documentation is `measures_without_figures.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct MeasuresWithoutFigures;

static META: RuleMeta = RuleMeta {
    id: "measures-without-figures",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("measures_without_figures.md"),
};

impl Rule for MeasuresWithoutFigures {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let Some((coverage, part)) = analysis.coverage() else {
            return;
        };
        let wanted = analysis.rules.data.thresholds.min_figures_per_1000_chars;
        if coverage.figures_per_1000_chars >= wanted {
            return;
        }
        let name = analysis.part_name(part);
        let message = analysis.lang().pick(
            format!(
                "“{name}”共{}字，只有{}个数字（每千字{}个，少于{wanted}个）：举措和成效缺少数据支撑。",
                coverage.chars, coverage.figures, coverage.figures_per_1000_chars
            ),
            format!(
                "“{name}” has {} characters and only {} figures ({} per 1,000 characters, fewer than {wanted}): the results are not backed by numbers.",
                coverage.chars, coverage.figures, coverage.figures_per_1000_chars
            ),
        );
        let suggestion = analysis.lang().pick(
            "用数字说明成效：办理了多少件、开展了多少场、覆盖多少人、比上年变化多少。",
            "Show results in numbers: cases handled, sessions held, people reached, change from last year.",
        );
        let finding = analysis
            .finding(&META, message)
            .part(part)
            .suggest(suggestion.to_owned());
        findings.push(finding.at_place(analysis.part_place(part)).build());
    }
}
