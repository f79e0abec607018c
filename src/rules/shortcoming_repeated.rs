//! Rule `shortcoming-repeated`; its documentation is `shortcoming_repeated.md`.

use super::{Analysis, Findings, Rule};

pub struct ShortcomingRepeated;

impl Rule for ShortcomingRepeated {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(comparison) = analysis.comparison else {
            return;
        };
        for repeated in comparison
            .repeated_shortcomings
            .iter()
            .filter(|r| !r.remedied)
        {
            let message = analysis.lang().pick(
                "这条不足上一年度报告已经写过，本年度照列，没有说明一年来整改得怎样。".to_owned(),
                "Last year's report listed this shortcoming already; it is listed again with no word of what was done about it.".to_owned(),
            );
            let suggestion = analysis.lang().pick(
                "写明上一年度整改了什么、到了什么程度，还差在哪里、为什么。",
                "Say what was done about it since last year, how far it went, and why it remains.",
            );
            out.report(message)
                .at(repeated.range)
                .suggest(suggestion)
                .push();
        }
    }
}
