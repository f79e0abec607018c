//! Rule `not-a-report`; its documentation is `not_a_report.md`.

use crate::facts::genre::Genre;

use super::{Analysis, Findings, Rule};

pub struct NotAReport;

impl Rule for NotAReport {
    const ABOUT_REPORT: bool = false;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let lang = analysis.lang();
        let english = lang.is_english();
        let seems = match analysis.facts.genre {
            Genre::Report => return,
            Genre::Other(genre) => {
                let name = analysis.rules.genres[genre].name(english);
                lang.pick(
                    format!("这份文件看来是{name}，不是法治政府建设年度报告"),
                    format!("This document looks like {name}, not a rule-of-law government annual report"),
                )
            }
            Genre::TooShort => lang.pick(
                "这份文件几乎没有可读的文字，看不出是法治政府建设年度报告（扫描件或图片请提供文字版）".to_owned(),
                "This document has almost no text to read, nothing of an annual report (for a scan or an image, send the text version)".to_owned(),
            ),
            Genre::Unrelated => lang.pick(
                "这份文件的标题和各级标题都看不出是法治政府建设年度报告".to_owned(),
                "Neither the title nor the headings of this document show a rule-of-law government annual report".to_owned(),
            ),
        };
        let message = format!(
            "{seems}{}",
            lang.pick(
                "；对报告内容的检查（必备部分、年度、期限等）未进行。",
                "; the checks of a report's content (parts, years, deadlines) were not run."
            )
        );
        let place = analysis.title().and_then(|(_, range)| range);
        let report = out.report(message);
        match place {
            Some(range) => report.at(range).push(),
            None => report.push(),
        }
    }
}

#[cfg(test)]
rule_cases!(
    NotAReport,
    flags: "某县2024年法治政府建设年度报告解读\n一、起草背景\n为便于社会公众了解我县法治政府建设情况，现对报告解读如下。\n二、主要内容\n报告分为四个部分，介绍了全年工作。" => 1,
    silent: REPORT,
);
