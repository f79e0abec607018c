//! What the format rules share: the Word document's format and the profile, the Word paragraph
//! behind a line, and one finding per kind of deviation, placed at its first paragraph and
//! listing every paragraph it covers.

use crate::document::TextRange;
use crate::format::profile::is_one_of;
use crate::format::sizes::size_name;
use crate::format::{FormatProfile, ParagraphFormat, RunFormat, WordFormat};
use crate::lang::Lang;

use super::{Analysis, Findings};

/// The format and the profile, for a Word document only.
pub fn context<'a>(analysis: &Analysis<'a>) -> Option<(&'a WordFormat, &'a FormatProfile)> {
    Some((analysis.document.word_format()?, &analysis.rules.format))
}

/// A line of the text at the start of its Word paragraph, with that paragraph's format.
pub struct Placed<'a> {
    pub range: TextRange,
    pub paragraph: usize,
    pub format: &'a ParagraphFormat,
}

/// The Word paragraph a range of the text starts, if it starts one.
pub fn placed<'a>(analysis: &Analysis<'a>, range: TextRange) -> Option<Placed<'a>> {
    let document = analysis.document;
    let format = document.word_format()?;
    let line = document.line(document.line_of(range.start()));
    if !line.starts_a_line_as_sent() {
        return None;
    }
    Some(Placed {
        range: document.trimmed(line.range()),
        paragraph: format.paragraph_of_line(line.source)?,
        format: format.of_line(line.source)?,
    })
}

/// Deviations grouped by what they are ("宋体小四"), in the order first seen.
#[derive(Default)]
pub struct Groups {
    groups: Vec<Group>,
}

struct Group {
    what: String,
    first: TextRange,
    paragraphs: Vec<usize>,
}

impl Groups {
    pub fn add(&mut self, what: String, placed: &Placed) {
        match self.groups.iter_mut().find(|g| g.what == what) {
            Some(group) => group.paragraphs.push(placed.paragraph),
            None => self.groups.push(Group {
                what,
                first: placed.range,
                paragraphs: vec![placed.paragraph],
            }),
        }
    }

    /// One finding per group; `message` gets what the group is and how many paragraphs.
    pub fn report(self, out: &mut Findings, message: impl Fn(&str, usize) -> String) {
        for group in self.groups {
            let text = message(&group.what, group.paragraphs.len());
            out.report(text)
                .at(group.first)
                .paragraphs(group.paragraphs)
                .push();
        }
    }
}

/// Whether a size is the one wanted; an unknown size is not held against the document.
pub fn size_is(size: Option<f32>, wanted: f32) -> bool {
    size.is_none_or(|size| (size - wanted).abs() < 0.26)
}

/// Whether a font is one of the wanted; an unknown font is not held against the document.
pub fn font_is(font: Option<&str>, wanted: &[String]) -> bool {
    font.is_none_or(|font| is_one_of(font, wanted))
}

/// Characters' font and size as a reviewer says them: "宋体小四"; in English “宋体” 12 pt (the
/// font's name is a name, quoted as the report's words are).
pub fn describe(run: &RunFormat, lang: Lang) -> String {
    let font = run.font.as_deref().unwrap_or("");
    match lang {
        Lang::Zh => format!("{font}{}", run.size_pt.map(size_name).unwrap_or_default()),
        Lang::En => {
            let size = run
                .size_pt
                .map(|pt| format!(" {pt} pt"))
                .unwrap_or_default();
            let font = if font.is_empty() {
                String::new()
            } else {
                format!("“{font}”")
            };
            format!("{font}{size}").trim().to_owned()
        }
    }
}

/// What is wrong with characters' font, size and weight, if anything: "宋体小四" for
/// characters that should be 三号 仿宋.
pub fn run_deviation(
    run: &RunFormat,
    fonts: &[String],
    size_pt: f32,
    bold: Option<bool>,
    lang: Lang,
) -> Option<String> {
    let font_ok = font_is(run.font.as_deref(), fonts);
    let size_ok = size_is(run.size_pt, size_pt);
    let bold_ok = bold.is_none_or(|b| b == run.bold);
    if font_ok && size_ok && bold_ok {
        return None;
    }
    let mut what = describe(run, lang);
    if !bold_ok {
        what.push_str(match (run.bold, lang) {
            (true, Lang::Zh) => "加粗",
            (false, Lang::Zh) => "未加粗",
            (true, Lang::En) => ", bold",
            (false, Lang::En) => ", not bold",
        });
    }
    Some(what)
}

/// What characters should be, as a reviewer says it: "三号仿宋_GB2312"; in English
/// “仿宋_GB2312” 16 pt.
pub fn wanted(fonts: &[String], size_pt: f32, lang: Lang) -> String {
    let font = fonts.first().map_or("", String::as_str);
    match lang {
        Lang::Zh => format!("{}{font}", size_name(size_pt)),
        Lang::En => format!("“{font}” {size_pt} pt"),
    }
}
