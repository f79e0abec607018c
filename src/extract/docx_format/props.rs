//! Run and paragraph properties as one level of the cascade states them: each field `None`
//! where that level says nothing, so that levels overlay one another.

use quick_xml::events::BytesStart;

use crate::extract::xml::{attr, local};
use crate::format::{Align, LineSpacing};

/// A font as a run names it: by name, or the theme's major or minor East Asian font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontRef {
    Name(String),
    ThemeMajor,
    ThemeMinor,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub font: Option<FontRef>,
    pub size_half_points: Option<u32>,
    pub bold: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    pub align: Option<Align>,
    /// Hundredths of a character; wins over `first_line_twips` when both are set.
    pub first_line_chars: Option<i32>,
    pub first_line_twips: Option<i32>,
    pub line_spacing: Option<LineSpacing>,
}

impl RunProps {
    pub fn overlay(&mut self, over: &RunProps) {
        if over.font.is_some() {
            self.font.clone_from(&over.font);
        }
        self.size_half_points = over.size_half_points.or(self.size_half_points);
        self.bold = over.bold.or(self.bold);
    }

    /// Reads one child of `w:rPr`.
    pub fn read(&mut self, element: &BytesStart) {
        match local(element) {
            "rFonts" => {
                let theme = attr(element, "eastAsiaTheme").and_then(|t| match t.as_str() {
                    "majorEastAsia" => Some(FontRef::ThemeMajor),
                    "minorEastAsia" => Some(FontRef::ThemeMinor),
                    _ => None,
                });
                let named = attr(element, "eastAsia").map(FontRef::Name);
                // Word lets the theme attribute win over the name.
                if let Some(font) = theme.or(named) {
                    self.font = Some(font);
                }
            }
            "sz" => {
                self.size_half_points = attr(element, "val").and_then(|v| v.parse().ok());
            }
            "b" => self.bold = Some(on(element)),
            _ => {}
        }
    }
}

impl ParaProps {
    pub fn overlay(&mut self, over: &ParaProps) {
        self.align = over.align.or(self.align);
        if over.first_line_chars.is_some() || over.first_line_twips.is_some() {
            self.first_line_chars = over.first_line_chars;
            self.first_line_twips = over.first_line_twips.or(self.first_line_twips);
        }
        self.line_spacing = over.line_spacing.or(self.line_spacing);
    }

    /// Reads one child of `w:pPr`.
    pub fn read(&mut self, element: &BytesStart) {
        let number = |name: &str| attr(element, name).and_then(|v| v.parse::<i32>().ok());
        match local(element) {
            "jc" => {
                self.align = attr(element, "val").and_then(|v| match v.as_str() {
                    "left" | "start" => Some(Align::Left),
                    "center" => Some(Align::Center),
                    "right" | "end" => Some(Align::Right),
                    "both" | "distribute" => Some(Align::Justify),
                    _ => None,
                });
            }
            "ind" => {
                let chars = number("firstLineChars").or(number("hangingChars").map(|h| -h));
                let twips = number("firstLine").or(number("hanging").map(|h| -h));
                if chars.is_some() || twips.is_some() {
                    // firstLineChars="0" leaves the indent to firstLine.
                    self.first_line_chars = chars.filter(|&c| c != 0);
                    self.first_line_twips = twips;
                }
            }
            "spacing" => {
                if let Some(line) = number("line") {
                    let rule = attr(element, "lineRule");
                    self.line_spacing = Some(match rule.as_deref() {
                        Some("exact") => LineSpacing::Exact(line as f32 / 20.0),
                        Some("atLeast") => LineSpacing::AtLeast(line as f32 / 20.0),
                        _ => LineSpacing::Multiple(line as f32 / 240.0),
                    });
                }
            }
            _ => {}
        }
    }
}

/// A toggle property's value: on unless `w:val` says 0, false or off.
fn on(element: &BytesStart) -> bool {
    !matches!(
        attr(element, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}
