//! Rule `previous-mismatch`; its documentation is `previous_mismatch.md`.

use super::{Analysis, Findings, Rule};

pub struct PreviousMismatch;

impl Rule for PreviousMismatch {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(comparison) = analysis.comparison else {
            return;
        };
        let lang = analysis.lang();
        if let Some((this, that)) = &comparison.mismatch.issuers {
            out.report(lang.pick(
                format!("作为上一年度报告比对的是“{that}”的报告，本报告是“{this}”的：比对结果不能说明本单位的情况。"),
                format!("The previous report given is {that}'s, this one is {this}'s: the comparison says nothing of this unit's own record."),
            ))
            .suggest(lang.pick("附上本单位上一年度的报告。", "Give this unit's own report of the year before."))
            .push();
        }
        if let Some((this, that)) = comparison.mismatch.years {
            out.report(lang.pick(
                format!("作为上一年度报告比对的是{that}年度的报告，本报告是{this}年度的，不是相邻两年。"),
                format!("The previous report given is of {that}, this one of {this}: not the year before."),
            ))
            .suggest(lang.pick(
                format!("附上{}年度的报告。", this - 1),
                format!("Give the report of {}.", this - 1),
            ))
            .push();
        }
    }
}
