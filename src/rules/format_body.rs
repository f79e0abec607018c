//! Rule `format-body`; its documentation is `format_body.md`.

use crate::document::TextRange;
use crate::format::LineSpacing;
use crate::outline::HeadingIndex;

use super::word_format::{Groups, Placed, context, placed, run_deviation, wanted};
use super::{Analysis, Findings, Rule};

pub struct FormatBody;

impl Rule for FormatBody {
    fn check(analysis: &Analysis, out: &mut Findings) {
        let Some((format, profile)) = context(analysis) else {
            return;
        };
        let body = &profile.body;
        let grid = format
            .page
            .and_then(|page| page.grid_lines)
            .is_some_and(|lines| lines == body.grid_lines);
        let (mut fonts, mut indents, mut spacings) =
            (Groups::default(), Groups::default(), Groups::default());
        let paragraphs = analysis.outline.paragraphs().iter();
        for placed in paragraphs
            .filter(|p| p.heading.is_none_or(|h| is_run_in(analysis, h, p.range)))
            .filter_map(|p| placed(analysis, p.range))
            .filter(|p| has_han(analysis.document.text(p.range)))
        {
            let run = &placed.format.text;
            if let Some(what) = run_deviation(run, &body.fonts, body.size_pt, None, analysis.lang())
            {
                fonts.add(what, &placed);
            }
            if !indented(&placed, body.first_line_chars, run.size_pt) {
                indents.add(String::new(), &placed);
            }
            if let Some(what) =
                spacing_deviation(placed.format.line_spacing, grid, body, analysis.lang())
            {
                spacings.add(what, &placed);
            }
        }
        let lang = analysis.lang();
        let should = wanted(&body.fonts, body.size_pt, analysis.lang());
        fonts.report(out, |what, count| {
            lang.pick(
                format!("正文{count}段为{what}，应为{should}。"),
                format!("{count} body paragraphs are in {what}; they should be {should}."),
            )
        });
        let chars = body.first_line_chars;
        indents.report(out, |_, count| {
            lang.pick(
                format!("正文{count}段首行没有缩进{chars}个字符。"),
                format!("{count} body paragraphs lack a first-line indent of {chars} characters."),
            )
        });
        let (min, max) = (body.line_spacing_pt.min, body.line_spacing_pt.max);
        spacings.report(out, |what, count| {
            lang.pick(
                format!("正文{count}段行距为{what}，应为固定值{min}—{max}磅（每页{}行）。", body.grid_lines),
                format!("{count} body paragraphs are spaced {what}; fixed {min}–{max} pt ({} lines a page) is wanted.", body.grid_lines),
            )
        });
    }
}

/// A heading run into a paragraph mostly of body text ("（一）依法行政。全年……"): the paragraph's
/// text is body text.
fn is_run_in(analysis: &Analysis, heading: HeadingIndex, line: TextRange) -> bool {
    let heading = analysis.outline.heading(heading).range;
    let after = line.end().saturating_sub(heading.end());
    after > heading.end() - heading.start()
}

fn has_han(text: &str) -> bool {
    text.chars().any(crate::text::is_han)
}

/// Whether the first line is indented by `chars` characters, in characters or in points.
fn indented(placed: &Placed, chars: f32, size_pt: Option<f32>) -> bool {
    let format = placed.format;
    if let Some(given) = format.first_line_chars {
        return (given - chars).abs() < 0.15;
    }
    let points = format.first_line_pt.unwrap_or(0.0);
    let size = size_pt.unwrap_or(16.0);
    (points - chars * size).abs() <= size * 0.15
}

/// What is wrong with the line spacing, if anything: a fixed spacing out of the range, or
/// another rule without the document grid that gives the lines a page.
fn spacing_deviation(
    spacing: Option<LineSpacing>,
    grid: bool,
    body: &crate::format::profile::BodySpec,
    lang: crate::lang::Lang,
) -> Option<String> {
    let range = body.line_spacing_pt;
    let single = || lang.pick("单倍行距", "single").to_owned();
    match spacing {
        Some(LineSpacing::Exact(pt)) if pt >= range.min - 0.05 && pt <= range.max + 0.05 => None,
        Some(LineSpacing::Exact(pt)) => {
            Some(lang.pick(format!("固定值{pt}磅"), format!("exactly {pt} pt")))
        }
        _ if grid => None,
        Some(LineSpacing::AtLeast(pt)) => {
            Some(lang.pick(format!("最小值{pt}磅"), format!("at least {pt} pt")))
        }
        Some(LineSpacing::Multiple(times)) if (times - 1.0).abs() < 0.01 => Some(single()),
        Some(LineSpacing::Multiple(times)) => {
            Some(lang.pick(format!("{times}倍行距"), format!("{times} lines")))
        }
        None => Some(single()),
    }
}
