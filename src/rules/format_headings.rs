//! Rule `format-headings`; its documentation is `format_headings.md`.

use crate::format::profile::HeadingSpec;
use crate::outline::NumberStyle;

use super::word_format::{Groups, context, placed, run_deviation, wanted};
use super::{Analysis, Findings, Rule};

pub struct FormatHeadings;

impl Rule for FormatHeadings {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((_, profile)) = context(analysis) else {
            return;
        };
        let specs = &profile.headings;
        let levels: [(NumberStyle, &HeadingSpec, &str); 4] = [
            (NumberStyle::Chinese, &specs.chinese, "一、"),
            (NumberStyle::ChineseParen, &specs.chinese_paren, "（一）"),
            (NumberStyle::Arabic, &specs.arabic, "1."),
            (NumberStyle::ArabicParen, &specs.arabic_paren, "（1）"),
        ];
        let lang = analysis.lang();
        for (style, spec, mark) in levels {
            let mut groups = Groups::default();
            for placed in analysis
                .outline
                .headings()
                .iter()
                .filter(|h| h.style == Some(style))
                .filter_map(|h| placed(analysis, h.range))
            {
                // The heading's own characters: a heading run into its paragraph has the body's
                // format after it.
                if let Some(what) = run_deviation(
                    &placed.format.lead,
                    &spec.fonts,
                    spec.size_pt,
                    spec.bold,
                    analysis.lang(),
                ) {
                    groups.add(what, &placed);
                }
            }
            let mut should = wanted(&spec.fonts, spec.size_pt, analysis.lang());
            match spec.bold {
                Some(true) => should.push_str("加粗"),
                Some(false) => should.push_str("不加粗"),
                None => {}
            }
            groups.report(out, |what, count| {
                lang.pick(
                    format!("“{mark}”级标题{count}处为{what}，应为{should}。"),
                    format!(
                        "{count} headings of level “{mark}” are in {what}; they should be {should}."
                    ),
                )
            });
        }
    }
}
