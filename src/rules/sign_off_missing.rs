//! Rule `sign-off-missing`; its documentation is `sign_off_missing.md`.

use crate::facts::dates::first_date;

use super::{Analysis, Findings, Rule};

pub struct SignOffMissing;

impl Rule for SignOffMissing {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let lang = analysis.lang();
        let document = analysis.document;
        let Some(range) = analysis.outline.layout.sign_off_range(document) else {
            let message = lang.pick(
                "报告末尾没有落款：应写明发布机关和成文日期。",
                "The report has no sign-off at the end: the issuer and the date.",
            );
            out.report(message.to_owned()).push();
            return;
        };
        let text = document.text(range);
        let date = first_date(text);
        let has_issuer = text.lines().any(|line| {
            let line = line.trim();
            !line.is_empty() && first_date(line).is_none()
        });
        let mut missing = Vec::new();
        if !has_issuer {
            missing.push(lang.pick("发布机关", "the issuer"));
        }
        if date.is_none() {
            missing.push(lang.pick("成文日期", "the date"));
        }
        if missing.is_empty() {
            return;
        }
        let missing = missing.join(lang.pick("和", " and "));
        let message = lang.pick(
            format!("落款缺少{missing}。"),
            format!("The sign-off lacks {missing}."),
        );
        out.report(message).at(range).push();
    }
}

#[cfg(test)]
rule_cases!(
    SignOffMissing,
    flags: report_with("青山县人民政府\n2025年3月20日\n", "") => 1,
    silent: REPORT,
);
