//! Rule `plan-year-mismatch`; its documentation is `plan_year_mismatch.md`.

use crate::facts::year::years_named;

use super::{Analysis, Findings, Rule};
use crate::document::TextRange;
use crate::ruleset::{Facet, PartIndex};

pub struct PlanYearMismatch;

impl Rule for PlanYearMismatch {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let (Some(year), Some(plan)) = (analysis.year(), analysis.rules.plan_part()) else {
            return;
        };
        let expected = year.year + 1;
        let remedies = analysis.rules.part_at(plan).facet(Facet::Remedies);
        for (range, merged) in places_naming_years(analysis, plan) {
            let text = analysis.document.text(range);
            // 抓好2024年度督察反馈问题整改: the past year is what the plan remedies.
            let remedying = remedies.is_some_and(|words| words.is_match(text));
            for (named, at) in years_named(text, analysis.rules) {
                // A heading shared with a part of the report year may name that year too.
                if named == expected
                    || (merged && named == year.year)
                    || (remedying && named < expected)
                {
                    continue;
                }
                let message = analysis.lang().pick(
                    format!("下一年度安排写的是{named}年，本报告是{}年度报告，应为{expected}年。", year.year),
                    format!(
                        "The plans name {named}; this is a report on {}, so they should be for {expected}.",
                        year.year
                    ),
                );
                out.report(message)
                    .part(plan)
                    .at(range.sub(at))
                    .suggest(expected.to_string())
                    .push();
            }
        }
    }
}

/// The plan sections' headings (each flagged when shared with another part) and the opening
/// sentence of each section's first paragraph.
fn places_naming_years(analysis: &Analysis, plan: PartIndex) -> Vec<(TextRange, bool)> {
    let outline = analysis.outline;
    // The plans' own text: in a section shared with the shortcomings, from where the plans begin.
    let body = analysis.part_body(plan);
    let mut places = Vec::new();
    for &index in &analysis.parts().placement(plan).sections {
        let top = outline.heading(index);
        places.push((top.words(), analysis.parts().of_heading(index).len() > 1));
        places.extend(
            outline
                .sub_headings(index)
                .filter(|h| body.iter().any(|r| r.contains(h.range.start())))
                .map(|h| (h.words(), false)),
        );
        let Some(&first) = body.iter().find(|r| top.contains(r.start())) else {
            continue;
        };
        // A sub-heading opening the plans is looked at above.
        if outline
            .sub_headings(index)
            .any(|h| first.contains(h.range.start()))
        {
            continue;
        }
        let first = analysis.document.trimmed(first);
        let text = analysis.document.text(first);
        let sentence = text.find(['。', '\n', ',', ';']).unwrap_or(text.len());
        places.push((first.sub(0..sentence), false));
    }
    places
}

#[cfg(test)]
rule_cases!(
    PlanYearMismatch,
    flags: report_with("2025年，我县将持续深化", "2024年，我县将持续深化") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod remedies {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    fn plans_opening(sub_heading: &str) -> String {
        report_with(
            "2025年，我县将持续深化法治政府建设：",
            &format!("{sub_heading}\n"),
        )
    }

    #[test]
    fn the_past_year_a_plan_remedies_is_no_plan_year() {
        let remedy = plans_opening("（一）抓好2024年度督察反馈问题整改");
        assert_findings(&remedy, RuleId::PlanYearMismatch, 0);
        let wrong = plans_opening("（一）2024年深入推进依法行政");
        assert_findings(&wrong, RuleId::PlanYearMismatch, 1);
    }
}
