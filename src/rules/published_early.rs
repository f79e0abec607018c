//! Rule `published-early`; its documentation is `published_early.md`.

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::dates::flag_dates;
use crate::report::{Finding, Severity};

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct PublishedEarly;

static META: RuleMeta = RuleMeta {
    id: "published-early",
    severity: Severity::Error,
    profiles: EVERY_PROFILE,
    doc: include_str!("published_early.md"),
};

impl Rule for PublishedEarly {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let Some(year) = &analysis.year else {
            return;
        };
        let Some(year_end) = NaiveDate::from_ymd_opt(year.year, 12, 31) else {
            return;
        };
        flag_dates(analysis, &META, findings, |what, date| {
            (date <= year_end).then(|| {
                analysis.lang().pick(
                    format!(
                        "{what}{date}早于{}年度结束，报告不可能已涵盖全年。",
                        year.year
                    ),
                    format!(
                        "{what}{date} is before the year {} it reports on had ended.",
                        year.year
                    ),
                )
            })
        });
    }
}
