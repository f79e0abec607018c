//! Rule `measures-without-figures`; its documentation is `measures_without_figures.md`.

use super::{Analysis, Findings, Rule};

pub struct MeasuresWithoutFigures;

impl Rule for MeasuresWithoutFigures {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((coverage, part)) = analysis.coverage() else {
            return;
        };
        let thresholds = &analysis.rules.data.thresholds;
        let wanted = thresholds.min_figures_per_1000_chars;
        // Too short a text to tell slogans from a summary; or the text stops inside the
        // measures, and the figures may come after.
        let stops_inside = analysis.outline.cut_short_at.is_some_and(|line| {
            let end = analysis.document.line(line).range().end();
            analysis
                .parts()
                .section_ranges(part, analysis.outline)
                .any(|section| section.start() < end && end <= section.end())
        });
        if coverage.figures_per_1000_chars >= wanted
            || coverage.chars < thresholds.figures_min_chars
            || stops_inside
        {
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
        out.report(message).at_part(part).suggest(suggestion).push();
    }
}

#[cfg(test)]
rule_cases!(
    MeasuresWithoutFigures,
    flags: report_with("（一）依法全面履行政府职能。深化“放管服”改革，公布权责清单事项3120项，政务服务事项网上可办率达到98.6%，办理企业开办业务1450件。\n（二）健全依法行政制度体系。审查县政府行政规范性文件16件，清理规章和规范性文件42件，重大行政决策事项全部经过合法性审查。\n（三）严格规范公正文明执法。开展行政执法案卷评查2次，评查案卷260卷，组织执法人员培训12场、参训560人次，全面推行行政执法三项制度。\n（四）强化行政权力制约和监督。办理行政复议案件85件，纠错率为11.8%，行政机关负责人出庭应诉率达到100%。", "（一）依法全面履行政府职能。深化“放管服”改革，持续推进简政放权，不断优化营商环境，政务服务水平进一步提升。\n（二）健全依法行政制度体系。加强行政规范性文件管理，严格落实合法性审查，重大行政决策程序更加规范。\n（三）严格规范公正文明执法。全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度，执法行为更加规范。\n（四）强化行政权力制约和监督。自觉接受人大监督和政协民主监督，认真办理行政复议和行政应诉案件。") => 1,
    silent: REPORT,
);
