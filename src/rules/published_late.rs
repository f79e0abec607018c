//! Rule `published-late`; its documentation is `published_late.md`.

use super::dating::{self, flag_dates};
use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Act;

pub struct PublishedLate;

/// The basis of the submission deadline: the supervision provisions.
const SUBMISSION_BASIS: &str = "ducha";

impl Rule for PublishedLate {
    const NEEDS: &'static [Need] = &[Need::Basis(dating::BASIS), Need::Basis(SUBMISSION_BASIS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(year) = analysis.year() else {
            return;
        };
        let kind = analysis.facts.issuer_kind;
        // Two acts, two deadlines: the dates a report carries or is published on against the
        // publication deadline, the day it went up against the submission deadline.
        let deadline = analysis.rules.deadline(Act::Publication, kind, year.year);
        flag_dates(analysis, out, |what, date| {
            (date > deadline).then(|| {
                analysis.lang().pick(
                    format!(
                        "{what}{date}晚于{}年度报告的公开期限{deadline}。",
                        year.year
                    ),
                    format!(
                        "{what}{date} is after the publication deadline for a report on {}: {deadline}.",
                        year.year
                    ),
                )
            })
        });
        let Some(submitted) = analysis.options.submitted_on else {
            return;
        };
        let deadline = analysis.rules.deadline(Act::Submission, kind, year.year);
        if submitted > deadline {
            let message = analysis.lang().pick(
                format!(
                    "报送日期{submitted}晚于{}年度报告的报送期限{deadline}。",
                    year.year
                ),
                format!(
                    "The submission date {submitted} is after the submission deadline for a report on {}: {deadline}.",
                    year.year
                ),
            );
            out.report(message).basis(SUBMISSION_BASIS).push();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{REPORT, findings_with};
    use crate::rules::{CheckOptions, RuleId};
    use crate::ruleset::IssuerKind;

    fn late(published_on: Option<&str>, submitted_on: Option<&str>, kind: IssuerKind) -> usize {
        let options = CheckOptions {
            published_on: published_on.and_then(|d| d.parse().ok()),
            submitted_on: submitted_on.and_then(|d| d.parse().ok()),
            issuer_kind: Some(kind),
            ..CheckOptions::default()
        };
        findings_with(REPORT, RuleId::PublishedLate, options).len()
    }

    #[test]
    fn flags_what_it_checks() {
        assert_eq!(late(Some("2025-04-15"), None, IssuerKind::Government), 1);
        assert_eq!(late(Some("2025-04-02"), None, IssuerKind::Department), 1);
        // A department submits by 1 March.
        assert_eq!(late(None, Some("2025-03-02"), IssuerKind::Department), 1);
    }

    #[test]
    fn stays_silent_on_a_near_miss() {
        assert_eq!(
            late(Some("2025-04-01"), None, IssuerKind::Government),
            0,
            "the deadline day itself is in time"
        );
        // A department's report published on 15 March is in time (督察规定: 1 April) ...
        assert_eq!(late(Some("2025-03-15"), None, IssuerKind::Department), 0);
        // ... and submitted on 1 March too; a government submits within the first quarter.
        assert_eq!(late(None, Some("2025-03-01"), IssuerKind::Department), 0);
        assert_eq!(late(None, Some("2025-03-20"), IssuerKind::Government), 0);
    }
}
