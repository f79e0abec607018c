//! Rule `addressee-mismatch`; its documentation is `addressee_mismatch.md`.

use crate::ruleset::IssuerKind;

use super::{Analysis, Findings, Need, Rule};

pub struct AddresseeMismatch;

/// The rules on what a report contains: the 督察规定.
const BASIS: &str = "ducha";

impl Rule for AddresseeMismatch {
    const NEEDS: &'static [Need] = &[Need::Basis(BASIS)];

    fn check(analysis: &Analysis, out: &mut Findings) {
        let document = analysis.document;
        let Some(line) = analysis.outline.layout.addressee else {
            return;
        };
        let range = document.line(line).range();
        let text = document.text(range);
        let kind = analysis.facts.issuer_kind;
        if analysis.rules.addressees(kind).is_match(text) {
            return;
        }
        let addressee = document.original_text(range).trim();
        let (zh, en) = match kind {
            IssuerKind::Government => (
                "上级党委、政府或其法治建设议事协调机构",
                "the Party committee and government above, or their rule-of-law office",
            ),
            IssuerKind::Department => (
                "本级政府或其法治建设议事协调机构",
                "its own government, or its rule-of-law office",
            ),
        };
        let message = analysis.lang().pick(
            format!("抬头“{addressee}”不是{zh}：年度报告应报送{zh}。"),
            format!("The addressee “{addressee}” is not {en}, to whom the report goes."),
        );
        out.report(message).at(range).basis(BASIS).push();
    }
}

#[cfg(test)]
rule_cases!(
    AddresseeMismatch,
    flags: report_with("县委、县政府：", "各位代表：") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod a_provinces_addressee {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    #[test]
    fn a_province_reports_to_the_centre() {
        let province =
            report_with("县委、县政府：", "党中央、国务院：").replace("青山县", "青山省");
        assert_findings(&province, RuleId::AddresseeMismatch, 0);
        // A speech's addressee is still none.
        let speech =
            report_with("县委、县政府：", "各位代表、各位委员：").replace("青山县", "青山省");
        assert_findings(&speech, RuleId::AddresseeMismatch, 1);
    }
}
