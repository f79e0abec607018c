//! Rule `published-late`; its documentation is `published_late.md`.

use crate::analysis::Analysis;
use crate::dates::flag_dates;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PublishedLate;

static META: RuleMeta = RuleMeta {
    id: "published-late",
    severity: Severity::Error,
    profiles: EVERY_PROFILE,
    doc: include_str!("published_late.md"),
};

impl Rule for PublishedLate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let Some(year) = &analysis.year else {
            return;
        };
        let deadline = analysis
            .rules
            .deadline(analysis.options.issuer_kind, year.year);
        flag_dates(analysis, &META, findings, |what, date| {
            (date > deadline).then(|| {
                analysis.lang().pick(
                    format!(
                        "{what}{date}晚于{}年度报告的公开期限{deadline}。",
                        year.year
                    ),
                    format!(
                        "{what}{date} is after the deadline for a report on {}: {deadline}.",
                        year.year
                    ),
                )
            })
        });
    }
}
