//! Rule `citation-mismatch`; its documentation is `citation_mismatch.md`.


use super::{Analysis, Findings, Rule};

pub struct CitationMismatch;


impl Rule for CitationMismatch {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let text = analysis.document.normalized();
        let lang = analysis.lang();
        for citation in &analysis.rules.citations {
            let title = &citation.title;
            for cited in citation.find_all(text) {
                if let (Some((from, to)), Some((first, last, range))) =
                    (&citation.years, &cited.years)
                    && (first != from || last != to)
                {
                    let message = lang.pick(
                        format!("引用《{title}》时年份写成了“{first}—{last}”，应为“{from}—{to}”。"),
                        format!("“{title}” is cited with the years {first}—{last}; they are {from}—{to}."),
                    );
                    out.report(message)
                            .at(range.clone())
                            .basis(&citation.basis)
                            .suggest(format!("{from}—{to}"))
                            .push();
                }
                if let (Some(canonical), Some((written, range))) = (&citation.number, &cited.number)
                    && written != canonical
                {
                    let message = lang.pick(
                        format!("《{title}》的文号写成了“{written}”，应为“{canonical}”。"),
                        format!("“{title}” is cited as {written}; its number is {canonical}."),
                    );
                    out.report(message)
                            .at(range.clone())
                            .basis(&citation.basis)
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
