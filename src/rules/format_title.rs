//! Rule `format-title`; its documentation is `format_title.md`.

use super::word_format::{context, placed, run_deviation, wanted};
use super::{Analysis, Findings, Rule};

pub struct FormatTitle;

impl Rule for FormatTitle {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((_, profile)) = context(analysis) else {
            return;
        };
        let spec = &profile.title;
        let Some(placed) = analysis
            .outline
            .title(analysis.document)
            .and_then(|range| placed(analysis, range))
        else {
            return;
        };
        let lang = analysis.lang();
        let mut problems = Vec::new();
        if let Some(what) = run_deviation(
            &placed.format.text,
            &spec.fonts,
            spec.size_pt,
            None,
            analysis.lang(),
        ) {
            let should = wanted(&spec.fonts, spec.size_pt, analysis.lang());
            problems.push(lang.pick(
                format!("为{what}，应为{should}"),
                format!("is in {what}, not {should}"),
            ));
        }
        if placed.format.align.is_some_and(|a| a != spec.align) || placed.format.align.is_none() {
            problems.push(lang.pick("没有居中".to_owned(), "is not centred".to_owned()));
        }
        if problems.is_empty() {
            return;
        }
        let message = lang.pick(
            format!("标题{}。", problems.join("，")),
            format!("The title {}.", problems.join(" and ")),
        );
        out.report(message)
            .at(placed.range)
            .paragraphs(vec![placed.paragraph])
            .push();
    }
}
