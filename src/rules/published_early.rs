//! Rule `published-early`; its documentation is `published_early.md`.

use chrono::NaiveDate;

use super::dating::{self, flag_dates};
use super::{Analysis, Findings, Need, Rule};

pub struct PublishedEarly;

impl Rule for PublishedEarly {
    const NEEDS: &'static [Need] = &[Need::Basis(dating::BASIS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(year) = analysis.year() else {
            return;
        };
        let Some(year_end) = NaiveDate::from_ymd_opt(year.year, 12, 31) else {
            return;
        };
        flag_dates(analysis, out, |what, date| {
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

#[cfg(test)]
rule_cases!(
    PublishedEarly,
    flags: report_with("2025年3月20日", "2024年12月1日") => 1,
    silent: REPORT,
);
