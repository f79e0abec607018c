//! Rule `sign-off-date-form`; its documentation is `sign_off_date_form.md`.

use chrono::Datelike;

use crate::facts::dates::first_date;

use super::{Analysis, Findings, Rule};

pub struct SignOffDateForm;

impl Rule for SignOffDateForm {
    const FIXES: bool = true;

    fn check(analysis: &Analysis, out: &mut Findings) {
        let document = analysis.document;
        let Some(sign_off) = analysis.outline.layout.sign_off_range(document) else {
            return;
        };
        let text = document.text(sign_off);
        let Some((date, at)) = first_date(text) else {
            return;
        };
        let lang = analysis.lang();
        let range = sign_off.sub(at.clone());
        let written = document.original_text(range);
        let wanted = format!("{}年{}月{}日", date.year(), date.month(), date.day());
        let compact: String = written.chars().filter(|c| !c.is_whitespace()).collect();
        if compact != wanted {
            let message = lang.pick(
                format!("成文日期“{written}”应使用阿拉伯数字将年、月、日标全，月、日不编虚位。"),
                format!(
                    "The date “{written}” should be in Arabic numerals with 年月日 and no leading zeros."
                ),
            );
            out.report(message).at(range).replace_with(wanted).push();
        }
        if let Some(issuer) = issuer_below(&text[at.end..]) {
            let message = lang.pick(
                format!("发布机关“{issuer}”应写在成文日期之上。"),
                format!("The issuer “{issuer}” belongs above the date."),
            );
            out.report(message).at(range).push();
        }
    }
}

/// An issuer's name written after the date instead of above it: a line that names an office,
/// not a note in brackets (（此件公开发布）) nor a signature's seal.
fn issuer_below(after_date: &str) -> Option<&str> {
    after_date
        .lines()
        .map(str::trim)
        .find(|line| !is_record(line) && names_an_office(line))
}

/// A note or the document's record under the date (（此件公开发布）, 抄送：…, 印发), not an issuer.
fn is_record(line: &str) -> bool {
    line.starts_with(['(', '（'])
        || ["抄送", "印发", "附件", "联系人"]
            .iter()
            .any(|w| line.starts_with(w))
}

fn names_an_office(line: &str) -> bool {
    line.chars().count() <= 40
        && ["政府", "办事处", "局", "委员会", "办公室", "厅", "委", "院"]
            .iter()
            .any(|w| line.ends_with(w))
}

#[cfg(test)]
mod tests {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    #[test]
    fn leading_zeros_and_a_slash_form_are_flagged() {
        let text = report_with("2025年3月20日", "2025年03月20日");
        assert_findings(&text, RuleId::SignOffDateForm, 1);
        let text = report_with("2025年3月20日", "2025.3.20");
        assert_findings(&text, RuleId::SignOffDateForm, 1);
    }

    #[test]
    fn the_issuer_below_the_date_is_flagged() {
        let text = report_with(
            "青山县人民政府\n2025年3月20日\n",
            "2025年3月20日\n青山县人民政府\n",
        );
        assert_findings(&text, RuleId::SignOffDateForm, 1);
    }

    #[test]
    fn the_record_below_the_date_is_not_an_issuer() {
        let text = report_with("2025年3月20日\n", "2025年3月20日\n抄送市委办公室\n");
        assert_findings(&text, RuleId::SignOffDateForm, 0);
    }

    #[test]
    fn a_note_below_the_date_is_not_an_issuer() {
        let text = report_with("2025年3月20日\n", "2025年3月20日\n（此件公开发布）\n");
        assert_findings(&text, RuleId::SignOffDateForm, 0);
    }
}

#[cfg(test)]
rule_cases!(
    SignOffDateForm,
    flags: report_with("2025年3月20日", "二〇二五年三月二十日") => 1,
    silent: REPORT,
);
