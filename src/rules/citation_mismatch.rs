//! Rule `citation-mismatch`; its documentation is `citation_mismatch.md`.

use crate::ruleset::citations::Citation;

use super::{Analysis, Findings, Rule};

pub struct CitationMismatch;

impl Rule for CitationMismatch {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let text = analysis.document.normalized();
        let lang = analysis.lang();
        let year = analysis.year().map(|y| y.year);
        let citations = &analysis.rules.citations;
        for (index, citation) in citations.iter().enumerate() {
            // The editions of one document are judged together, once.
            if citations[..index].iter().any(|c| c.name == citation.name) {
                continue;
            }
            let editions: Vec<&Citation> = citations
                .iter()
                .filter(|c| c.name == citation.name)
                .collect();
            let in_force = year.and_then(|year| {
                editions.iter().copied().find(|e| {
                    e.covers
                        .is_some_and(|(from, to)| (from..=to).contains(&year))
                })
            });
            for cited in citation.find_all(text) {
                let written = cited.years.as_ref();
                let matching = written.and_then(|(first, last, _)| {
                    editions.iter().copied().find(|e| {
                        e.years
                            .as_ref()
                            .is_some_and(|(from, to)| from == first && to == last)
                    })
                });
                let expected = in_force.or(matching).unwrap_or(citation);
                if let (Some((from, to)), Some((first, last, range))) = (&expected.years, written)
                    && (first != from || last != to)
                {
                    let title = &expected.title;
                    let message = lang.pick(
                        format!("引用《{title}》时年份写成了“{first}—{last}”，应为“{from}—{to}”。"),
                        format!("“{title}” is cited with the years {first}—{last}; they are {from}—{to}."),
                    );
                    out.report(message)
                        .at(range.clone().into())
                        .basis(&expected.basis)
                        .suggest(format!("{from}—{to}"))
                        .push();
                }
                let edition = matching.unwrap_or(expected);
                if let (Some(canonical), Some((number, range))) = (&edition.number, &cited.number)
                    && number != canonical
                {
                    let title = &edition.title;
                    let message = lang.pick(
                        format!("《{title}》的文号写成了“{number}”，应为“{canonical}”。"),
                        format!("“{title}” is cited as {number}; its number is {canonical}."),
                    );
                    out.report(message)
                        .at(range.clone().into())
                        .basis(&edition.basis)
                        .suggest(canonical.to_string())
                        .push();
                }
            }
        }
    }
}

#[cfg(test)]
rule_cases!(
    CitationMismatch,
    flags: report_with("《法治政府建设实施纲要（2021—2025年）》", "《法治政府建设实施纲要（2022—2025年）》") => 1,
    silent: REPORT,
);
