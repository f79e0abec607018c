//! Rule `format-page`; its documentation is `format_page.md`.

use super::word_format::context;
use super::{Analysis, Findings, Rule};

pub struct FormatPage;

impl Rule for FormatPage {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((format, profile)) = context(analysis) else {
            return;
        };
        // Without a section's page setup Word uses the template's: nothing to judge.
        let Some(page) = format.page else {
            return;
        };
        let spec = &profile.page;
        let measures = [
            ("纸张宽度", "page width", page.width_mm, spec.width_mm),
            ("纸张高度", "page height", page.height_mm, spec.height_mm),
            ("上边距", "top margin", page.top_mm, spec.margin_top_mm),
            (
                "下边距",
                "bottom margin",
                page.bottom_mm,
                spec.margin_bottom_mm(),
            ),
            ("左边距", "left margin", page.left_mm, spec.margin_left_mm),
            (
                "右边距",
                "right margin",
                page.right_mm,
                spec.margin_right_mm(),
            ),
        ];
        let lang = analysis.lang();
        let off: Vec<String> = measures
            .iter()
            .filter(|(_, _, is, should)| (is - should).abs() > spec.tolerance_mm + 0.05)
            .map(|(zh, en, is, should)| {
                lang.pick(
                    format!("{zh}{is:.1}毫米（应为{should:.0}毫米）"),
                    format!("{en} {is:.1} mm ({should:.0} mm wanted)"),
                )
            })
            .collect();
        if off.is_empty() {
            return;
        }
        let message = lang.pick(
            format!("页面设置不符合{}：{}。", profile.name, off.join("，")),
            format!(
                "The page setup does not follow {}: {}.",
                profile.name,
                off.join(", ")
            ),
        );
        out.report(message).push();
    }
}
