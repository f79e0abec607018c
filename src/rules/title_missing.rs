//! Rule `title-missing`; its documentation is `title_missing.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::profile::STRICT_ONLY;
use super::{Rule, RuleMeta};

pub struct TitleMissing;

static META: RuleMeta = RuleMeta {
    id: "title-missing",
    severity: Severity::Warning,
    profiles: STRICT_ONLY,
    doc: include_str!("title_missing.md"),
};

impl Rule for TitleMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        if analysis.title().is_some() {
            return;
        }
        let message = analysis.lang().pick(
            "报告没有标题：开头几行中没有写明“……法治政府建设……报告”的标题行。",
            "The report has no title: none of its first lines is a title naming 法治政府建设 and 报告.",
        );
        findings.push(
            analysis
                .finding(&META, message.to_owned())
                .suggest(suggested_title(analysis))
                .build(),
        );
    }
}

/// "××2024年度法治政府建设情况报告", with the year when it is known.
pub fn suggested_title(analysis: &Analysis) -> String {
    let year = analysis
        .year
        .as_ref()
        .map_or_else(|| "××××".to_owned(), |y| y.year.to_string());
    format!("××{year}年度法治政府建设情况报告")
}
