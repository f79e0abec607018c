//! Rule `title-missing`; its documentation is `title_missing.md`.

use super::{Analysis, Findings, Rule};

pub struct TitleMissing;

impl Rule for TitleMissing {
    fn check(analysis: &Analysis, out: &mut Findings) {
        if analysis.title().is_some() {
            return;
        }
        let message = analysis.lang().pick(
            "报告没有标题：开头几行中没有写明“……法治政府建设……报告”的标题行。",
            "The report has no title: none of its first lines is a title naming “法治政府建设” (rule-of-law government building) and “报告” (report).",
        );
        out.report(message.to_owned())
            .suggest(suggested_title(analysis))
            .push();
    }
}

/// "××2024年度法治政府建设情况报告", with the year when it is known.
pub fn suggested_title(analysis: &Analysis) -> String {
    let year = analysis
        .year()
        .as_ref()
        .map_or_else(|| "××××".to_owned(), |y| y.year.to_string());
    format!("××{year}年度法治政府建设情况报告")
}

#[cfg(test)]
rule_cases!(
    TitleMissing,
    flags: report_with("青山县2024年法治政府建设年度报告\n\n", "") => 1,
    silent: REPORT,
);
