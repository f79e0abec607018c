//! Rule `published-late`; its documentation is `published_late.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

use super::{Rule, RuleMeta};

pub struct PublishedLate;

static META: RuleMeta = RuleMeta {
    id: "published-late",
    severity: Severity::Error,
    default_enabled: true,
    doc: include_str!("published_late.md"),
};

impl Rule for PublishedLate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let (Some(published), Some(year)) = (analysis.options.published_on, &analysis.year) else {
            return;
        };
        let deadline = analysis
            .rules
            .deadline(analysis.options.issuer_kind, year.year);
        if published <= deadline {
            return;
        }
        let message = analysis.lang().pick(
            format!(
                "发布日期{published}晚于{}年度报告的公开期限{deadline}。",
                year.year
            ),
            format!(
                "Published on {published}, after the deadline for a report on {}: {deadline}.",
                year.year
            ),
        );
        findings.push(analysis.finding(&META, message).basis("gangyao").build());
    }
}
