//! Rule `year-unknown`; its documentation is `year_unknown.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct YearUnknown;

static META: RuleMeta = RuleMeta {
    id: "year-unknown",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("year_unknown.md"),
};

impl Rule for YearUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        if analysis.year.is_some() {
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
        findings.push(
            analysis
                .finding(&META, message.to_owned())
                .suggest(suggestion.to_owned())
                .build(),
        );
    }
}
