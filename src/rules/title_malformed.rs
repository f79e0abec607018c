//! Rule `title-malformed`; its documentation is `title_malformed.md`.

use crate::facts::year::years_in_title;

use super::title_missing::suggested_title;
use super::{Analysis, Findings, Rule};

pub struct TitleMalformed;

impl Rule for TitleMalformed {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((title, range)) = analysis.title() else {
            return;
        };
        let title = title.as_ref();
        let words = &analysis.rules.title;
        let lang = analysis.lang();
        let mut problems = Vec::new();
        if years_in_title(title, analysis.rules).is_empty() {
            problems.push(lang.pick(
                "标题没有写明年度".to_owned(),
                "The title names no year".to_owned(),
            ));
        }
        if !words.subject.is_match(title) {
            let subject = analysis.rules.data.title.subject_words.join("”或“");
            problems.push(lang.pick(
                format!("标题没有写明“{subject}”"),
                format!("The title does not say “{subject}”"),
            ));
        }
        if !words.genre.is_match(title) {
            let genre = analysis.rules.data.title.genre_words.join("”或“");
            problems.push(match words.wrong_genre.find(title) {
                Some(found) => {
                    let wrong = &title[found.start..found.end];
                    lang.pick(
                        format!("标题写成了“{wrong}”，文种应为“{genre}”"),
                        format!("The title calls it a “{wrong}”; it is a “{genre}”"),
                    )
                }
                None => lang.pick(
                    format!("标题没有写明文种“{genre}”"),
                    format!("The title does not call it a “{genre}”"),
                ),
            });
        }
        for problem in problems {
            let message = format!("{problem}{}", lang.pick("。", "."));
            out.report(message)
                .suggest(suggested_title(analysis))
                .at_place(range)
                .push();
        }
    }
}

#[cfg(test)]
rule_cases!(
    TitleMalformed,
    flags: report_with("青山县2024年法治政府建设年度报告", "青山县2024年法治政府建设年度工作情况") => 1,
    silent: report_with("青山县2024年法治政府建设年度报告", "青山县2024年度法治政府建设情况的报告"),
);
