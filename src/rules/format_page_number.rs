//! Rule `format-page-number`; its documentation is `format_page_number.md`.

use crate::format::Align;
use crate::format::profile::NumberPosition;

use super::word_format::context;
use super::word_format::{font_is, size_is, wanted};
use super::{Analysis, Findings, Rule};

pub struct FormatPageNumber;

impl Rule for FormatPageNumber {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((format, profile)) = context(analysis) else {
            return;
        };
        let spec = &profile.page_number;
        let number = &format.page_number;
        let lang = analysis.lang();
        let mut problems = Vec::new();
        if !number.field {
            problems.push(lang.pick(
                "页脚没有页码（PAGE域）",
                "the footer has no page number (PAGE field)",
            ));
        } else {
            if !font_is(number.font.as_deref(), &spec.fonts)
                || !size_is(number.size_pt, spec.size_pt)
            {
                problems.push(lang.pick(
                    "页码字体字号不对",
                    "the page number's font or size is wrong",
                ));
            }
            if spec.dashes && !number.dashes {
                problems.push(lang.pick(
                    "页码两侧没有一字线（“— 1 —”）",
                    "the number is not between dashes (“— 1 —”)",
                ));
            }
            // GB/T 9704 7.5: odd pages' numbers on the right, even pages' on the left.
            let placed = match spec.position {
                NumberPosition::Outside => {
                    number.align == Some(Align::Right) && number.even_align == Some(Align::Left)
                }
                NumberPosition::Center => {
                    number.align == Some(Align::Center) && number.even_align == Some(Align::Center)
                }
            };
            if !placed {
                problems.push(match spec.position {
                    NumberPosition::Outside => lang.pick(
                        "页码没有单页居右、双页居左",
                        "the number is not right on odd pages and left on even",
                    ),
                    NumberPosition::Center => {
                        lang.pick("页码没有居中", "the number is not centred")
                    }
                });
            }
        }
        if problems.is_empty() {
            return;
        }
        let should = wanted(&spec.fonts, spec.size_pt, analysis.lang());
        let message = lang.pick(
            format!("页码不规范：{}；应为{should}“— 1 —”。", problems.join("，")),
            format!(
                "Page numbers: {}; {should} “— 1 —” is wanted.",
                problems.join("; ")
            ),
        );
        out.report(message).push();
    }
}
