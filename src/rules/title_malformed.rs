//! Rule `title-malformed`; its documentation is `title_malformed.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};
use crate::year::years_named;

use super::profile::EVERY_PROFILE;
use super::title_missing::suggested_title;
use super::{Rule, RuleMeta};

pub struct TitleMalformed;

static META: RuleMeta = RuleMeta {
    id: "title-malformed",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("title_malformed.md"),
};

impl Rule for TitleMalformed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let Some((title, range)) = analysis.title() else {
            return;
        };
        let words = &analysis.rules.title;
        let lang = analysis.lang();
        let mut problems = Vec::new();
        if years_named(title, analysis.rules).is_empty() {
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
            let finding = analysis
                .finding(&META, message)
                .suggest(suggested_title(analysis))
                .at_place(range.clone());
            findings.push(finding.build());
        }
    }
}
