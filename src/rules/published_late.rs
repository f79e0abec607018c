//! Rule `published-late`; its documentation is `published_late.md`.

use super::dating::{self, flag_dates};
use super::{Analysis, Findings, Need, Rule};

pub struct PublishedLate;

impl Rule for PublishedLate {
    const NEEDS: &'static [Need] = &[Need::Basis(dating::BASIS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(year) = analysis.year() else {
            return;
        };
        let deadline = analysis
            .rules
            .deadline(analysis.facts.issuer_kind, year.year);
        flag_dates(analysis, out, |what, date| {
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::{REPORT, findings_with};
    use crate::rules::{CheckOptions, RuleId};

    fn published_on(date: &str) -> usize {
        let options = CheckOptions {
            published_on: date.parse().ok(),
            ..CheckOptions::default()
        };
        findings_with(REPORT, RuleId::PublishedLate, options).len()
    }

    #[test]
    fn flags_what_it_checks() {
        assert_eq!(published_on("2025-04-15"), 1);
    }

    #[test]
    fn stays_silent_on_a_near_miss() {
        assert_eq!(
            published_on("2025-04-01"),
            0,
            "the deadline day itself is in time"
        );
    }
}
