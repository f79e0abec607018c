//! Rule `no-structure`; its documentation is `no_structure.md`.

use super::{Analysis, Findings, Need, Rule};

pub struct NoStructure;

/// The rules on what a report contains: the 督察规定.
const BASIS: &str = "ducha";

impl Rule for NoStructure {
    const NEEDS: &'static [Need] = &[Need::Basis(BASIS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        if !analysis.outline.is_empty() {
            return;
        }
        let message = analysis.lang().pick(
            "报告没有任何标题，各部分只能根据段落开头推测。",
            "The report has no headings at all; its parts could only be guessed from paragraph openings.",
        );
        let suggestion = analysis.lang().pick(
            "按规定的四个部分分设一级标题，如“一、2024年推进法治政府建设的主要举措和成效”。",
            "Give each of the four required parts a numbered top-level heading.",
        );
        out.report(message.to_owned())
            .basis(BASIS)
            .suggest(suggestion.to_owned())
            .push();
    }
}

#[cfg(test)]
rule_cases!(
    NoStructure,
    flags: "青山县2024年法治政府建设年度报告\n2024年，我县依法行政水平进一步提高，办理行政复议案件85件，开展执法培训12场。存在的不足是基层力量薄弱。2025年将继续加强执法队伍建设。\n" => 1,
    silent: REPORT,
);
