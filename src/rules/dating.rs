//! What published-late and published-early share: a finding at each report date the rule
//! objects to.

use chrono::NaiveDate;

use super::{Analysis, Findings};

/// The basis of publication deadlines: the Implementation Outline.
pub const BASIS: &str = "gangyao";

/// One finding for each report date that `misdated` objects to, at the date where it is
/// written; `misdated` gets what the date is ("落款日期") and the date, and returns the message.
pub fn flag_dates(
    analysis: &Analysis,
    out: &mut Findings,
    misdated: impl Fn(&str, NaiveDate) -> Option<String>,
) {
    for dated in &analysis.facts.dates {
        let what = dated.source.describe(analysis.lang());
        if let Some(message) = misdated(&what, dated.date) {
            out.report(message)
                .basis(BASIS)
                .at_place(dated.range)
                .push();
        }
    }
}
