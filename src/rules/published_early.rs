//! Rule `published-early`; its documentation is `published_early.md`.

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::{Rule, RuleMeta};

pub struct PublishedEarly;

static META: RuleMeta = RuleMeta {
    id: "published-early",
    severity: Severity::Error,
    default_enabled: true,
    doc: include_str!("published_early.md"),
};

impl Rule for PublishedEarly {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let (Some(published), Some(year)) = (analysis.options.published_on, &analysis.year) else {
            return;
        };
        let year_end = NaiveDate::from_ymd_opt(year.year, 12, 31);
        if year_end.is_none_or(|end| published > end) {
            return;
        }
        let message = analysis.lang().pick(
            format!(
                "发布日期{published}早于{}年度结束，报告不可能已涵盖全年。",
                year.year
            ),
            format!(
                "Published on {published}, before the year {} it reports on had ended.",
                year.year
            ),
        );
        findings.push(analysis.finding(&META, message).basis("gangyao").build());
    }
}
