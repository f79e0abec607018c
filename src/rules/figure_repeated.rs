//! Rule `figure-repeated`; its documentation is `figure_repeated.md`.

use super::{Analysis, Findings, Rule};

pub struct FigureRepeated;

impl Rule for FigureRepeated {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some(comparison) = analysis.comparison else {
            return;
        };
        for figure in &comparison.repeated_figures {
            let (label, value) = (&figure.label, &figure.value);
            let message = analysis.lang().pick(
                format!("“{label}{value}”与上一年度报告的数字完全相同。"),
                format!("“{label}{value}” is the very figure of last year's report."),
            );
            out.report(message)
                .at(figure.range)
                .suggest(
                    analysis
                        .lang()
                        .pick("核对本年度的实际数字。", "Check this year's actual figure."),
                )
                .push();
        }
    }
}
