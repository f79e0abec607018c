//! Rule `anachronistic-citation`; its documentation is `anachronistic_citation.md`.

use chrono::NaiveDate;

use crate::ruleset::Basis;
use crate::text::sentences;

use super::{Analysis, Findings, Rule};

pub struct AnachronisticCitation;

impl Rule for AnachronisticCitation {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(written_by) = written_by(analysis) else {
            return;
        };
        let rules = analysis.rules;
        if rules.events.iter().all(|event| event.date <= written_by) {
            return;
        }
        let document = analysis.document;
        // Most reports name no event later than they were written: one scan of the whole text
        // (each word at its first place) says so.
        let late =
            |word: usize| rules.events[rules.event_words.event_of_word[word]].date > written_by;
        if !rules
            .event_words
            .words
            .find_all(document.normalized())
            .iter()
            .any(|found| late(found.word))
        {
            return;
        }
        for line in document.lines() {
            let text = document.text(line.range());
            if !rules.event_words.words.is_match(text) {
                continue;
            }
            for sentence in sentences::split(text) {
                let said = &text[sentence.clone()];
                let mut named = rules.event_words.words.find_all(said);
                named.sort_by_key(|found| found.start);
                let mut seen = Vec::new();
                for found in named {
                    let index = rules.event_words.event_of_word[found.word];
                    let event = &rules.events[index];
                    // One finding per event and sentence, at its first name.
                    if event.date <= written_by
                        || seen.contains(&index)
                        || event.unless.is_match(said)
                    {
                        continue;
                    }
                    seen.push(index);
                    let range = line
                        .range()
                        .sub(sentence.clone())
                        .sub(found.start..found.end);
                    let written = document.original_text(range).to_owned();
                    let english = analysis.lang().is_english();
                    let (name, date) = (event.spec.name_in(english), event.date);
                    let message = analysis.lang().pick(
                        format!("报告提到“{written}”，但{name}在{date}才有，晚于报告写成的时间（不晚于{written_by}）。"),
                        format!("The report names “{written}”, but {name} dates from {date}, after the report was written (by {written_by})."),
                    );
                    out.report(message)
                        .at(range)
                        .basis_of(Basis {
                            id: event.spec.id.clone(),
                            short_name: event.spec.name.clone(),
                            short_name_en: event.spec.name_en.clone(),
                            title: event.spec.name.clone(),
                            issuer: None,
                            number: None,
                            year: None,
                            effective: Some(date.to_string()),
                            covers: None,
                        })
                        .push();
                }
            }
        }
    }
}

/// The latest day the report can have been written: its latest known date (the request's,
/// the portal's, the sign-off's), else the end of the year after the one it reports on.
fn written_by(analysis: &Analysis) -> Option<NaiveDate> {
    let latest = analysis.facts.dates.iter().map(|d| d.date).max();
    latest.or_else(|| {
        let year = analysis.year()?.year;
        NaiveDate::from_ymd_opt(year + 1, 12, 31)
    })
}

#[cfg(test)]
rule_cases!(
    AnachronisticCitation,
    // Signed on 2025-03-20: the fourth plenum met that October.
    flags: report_with("深入贯彻落实《法治政府建设", "深入贯彻党的二十届四中全会精神，落实《法治政府建设") => 1,
    silent: report_with(
        "深入贯彻落实《法治政府建设",
        "深入贯彻党的二十届三中全会精神，以优异成绩迎接党的二十届四中全会召开，落实《法治政府建设",
    ),
);

#[cfg(test)]
mod without_dates {
    use crate::rules::testing::{findings_with, report_with};
    use crate::rules::{CheckOptions, RuleId};

    fn findings_in(year: i32) -> usize {
        // Its opening names 习近平法治思想 (November 2020); no date is left.
        let undated = report_with("青山县人民政府\n2025年3月20日\n", "青山县人民政府\n");
        let options = CheckOptions {
            year: Some(year),
            ..CheckOptions::default()
        };
        findings_with(&undated, RuleId::AnachronisticCitation, options).len()
    }

    #[test]
    fn an_undated_report_is_given_until_the_end_of_the_next_year() {
        // A report on 2019 may have been written in the last weeks of 2020.
        assert_eq!(findings_in(2019), 0);
        assert_eq!(findings_in(2018), 1);
    }
}

#[cfg(test)]
mod the_year_of_a_congress {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    /// [`REPORT`] as a report on 2021 signed in March 2022, its plans opening with `plans`.
    fn signed_march_2022(plans: &str) -> String {
        report_with("2025年，我县将持续深化法治政府建设", plans)
            .replace("2025年3月20日", "2022年3月15日")
            .replace("2024", "2021")
            .replace("2025", "2022")
    }

    #[test]
    fn the_year_a_congress_meets_is_named_before_it_meets() {
        let year = signed_march_2022("2022年是党的二十大召开之年，我县将持续深化法治政府建设");
        assert_findings(&year, RuleId::AnachronisticCitation, 0);
        // Its spirit cannot be studied before it met.
        let spirit =
            signed_march_2022("2022年，我县将深入学习贯彻党的二十大精神，持续深化法治政府建设");
        assert_findings(&spirit, RuleId::AnachronisticCitation, 1);
    }
}
