//! Rule `addressee-mismatch`; its documentation is `addressee_mismatch.md`.

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};
use crate::ruleset::IssuerKind;

use super::profile::EVERY_PROFILE;
use super::{Rule, RuleMeta};

pub struct AddresseeMismatch;

static META: RuleMeta = RuleMeta {
    id: "addressee-mismatch",
    severity: Severity::Warning,
    profiles: EVERY_PROFILE,
    doc: include_str!("addressee_mismatch.md"),
};

impl Rule for AddresseeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>) {
        let document = analysis.document;
        let Some(line) = analysis.outline.layout.addressee else {
            return;
        };
        let range = document.lines()[line].range();
        let text = document.text(range.clone());
        let kind = analysis.options.issuer_kind;
        if analysis.rules.addressees(kind).is_match(text) {
            return;
        }
        let addressee = document.original_text(range.clone()).trim();
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
        findings.push(
            analysis
                .finding(&META, message)
                .at(range)
                .basis("ducha")
                .build(),
        );
    }
}
