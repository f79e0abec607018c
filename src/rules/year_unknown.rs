//! Rule `year-unknown`; its documentation is `year_unknown.md`.

use super::{Analysis, Findings, Rule};

pub struct YearUnknown;

impl Rule for YearUnknown {
    fn check(analysis: &Analysis, out: &mut Findings) {
        if analysis.year().is_some() {
            return;
        }
        let message = analysis.lang().pick(
            "无法确定报告所属年度：标题、开头和第一部分的标题都没有写明年份。年份检查和发布时间检查因此未进行。",
            "The report year cannot be found: neither the title, the opening nor the first part's heading names it. Year and publication-date checks were skipped.",
        );
        let suggestion = analysis.lang().pick(
            "在标题中写明年度，如“××街道2024年度法治政府建设情况报告”，或在请求中给出 year。",
            "Name the year in the title (“××街道2024年度法治政府建设情况报告”), or pass `year` in the request.",
        );
        out.report(message.to_owned())
            .suggest(suggestion.to_owned())
            .push();
    }
}

#[cfg(test)]
rule_cases!(
    YearUnknown,
    flags: "法治政府建设情况报告\n一、主要举措和成效\n依法行政水平进一步提高，办理行政复议案件85件。\n二、存在的不足和原因\n一是基层力量薄弱。二是培训不足。究其原因，主要是投入不够。\n三、下一步工作打算\n继续加强执法队伍建设。\n" => 1,
    silent: REPORT,
);
