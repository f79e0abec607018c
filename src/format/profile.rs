//! The format profile: what a report laid out as a 公文 looks like, as data
//! (`schemas/format-gbt9704.json` by default), validated against
//! `schemas/format-profile.schema.json` when loaded, as the rule set is.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Align;
use crate::ruleset::{LoadError, Violation, parse_json, read_text};

/// The default profile, GB/T 9704-2012, embedded at build time.
pub const DEFAULT_FORMAT_PROFILE_JSON: &str = include_str!("../../schemas/format-gbt9704.json");
/// The JSON Schema every profile is validated against.
pub const FORMAT_PROFILE_SCHEMA_JSON: &str =
    include_str!("../../schemas/format-profile.schema.json");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FormatProfile {
    pub id: String,
    pub name: String,
    pub page: PageSpec,
    pub title: TitleSpec,
    pub body: BodySpec,
    pub headings: HeadingSpecs,
    pub page_number: PageNumberSpec,
    /// How heading numbers are written, in any format.
    #[serde(default)]
    pub numbering: NumberingSpec,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NumberingSpec {
    /// Whether the third level must be written 1. (GB/T 9704), not 1、 as many offices do.
    #[serde(default)]
    pub arabic_period: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageSpec {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_left_mm: f32,
    pub text_width_mm: f32,
    pub text_height_mm: f32,
    pub tolerance_mm: f32,
}

impl PageSpec {
    pub fn margin_right_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.text_width_mm
    }

    pub fn margin_bottom_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.text_height_mm
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TitleSpec {
    pub fonts: Vec<String>,
    pub size_pt: f32,
    pub align: Align,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BodySpec {
    pub fonts: Vec<String>,
    pub size_pt: f32,
    pub first_line_chars: f32,
    pub line_spacing_pt: Range,
    pub grid_lines: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Range {
    pub min: f32,
    pub max: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeadingSpecs {
    pub chinese: HeadingSpec,
    pub chinese_paren: HeadingSpec,
    pub arabic: HeadingSpec,
    pub arabic_paren: HeadingSpec,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeadingSpec {
    pub fonts: Vec<String>,
    pub size_pt: f32,
    /// Whether the level is bold; `None`: either.
    pub bold: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageNumberSpec {
    pub fonts: Vec<String>,
    pub size_pt: f32,
    pub dashes: bool,
    pub position: NumberPosition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberPosition {
    /// Odd pages right, even pages left.
    Outside,
    Center,
}

/// Whether `font` is one of `fonts`: names compare without spaces and case.
pub fn is_one_of(font: &str, fonts: &[String]) -> bool {
    let key = |name: &str| -> String {
        name.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let font = key(font);
    fonts.iter().any(|f| key(f) == font)
}

impl FormatProfile {
    pub fn embedded() -> Self {
        Self::from_json_str(DEFAULT_FORMAT_PROFILE_JSON).expect("the embedded profile is valid")
    }

    pub fn from_file(path: &Path) -> Result<Self, LoadError> {
        Self::from_json_str(&read_text(path)?)
    }

    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        let raw = parse_json(text)?;
        let schema: Value = serde_json::from_str(FORMAT_PROFILE_SCHEMA_JSON)
            .expect("the format profile schema is valid JSON");
        let validator = jsonschema::options()
            .build(&schema)
            .expect("the format profile schema compiles");
        let mut violations: Vec<Violation> = validator
            .iter_errors(&raw)
            .map(|error| violation(error.instance_path().as_str(), error.to_string()))
            .collect();
        if violations.is_empty() {
            let profile: Self = serde_json::from_value(raw)
                .map_err(|e| LoadError::Invalid(vec![violation("", e.to_string())]))?;
            violations = profile.consistency_violations();
            if violations.is_empty() {
                return Ok(profile);
            }
        }
        Err(LoadError::Invalid(violations))
    }

    /// What the schema cannot say: a text block that fits the page, a range the right way round.
    fn consistency_violations(&self) -> Vec<Violation> {
        let mut violations = Vec::new();
        let page = &self.page;
        if page.margin_right_mm() <= 0.0 {
            violations.push(violation(
                "/page/text_width_mm",
                "the text block and left margin are wider than the page".to_owned(),
            ));
        }
        if page.margin_bottom_mm() <= 0.0 {
            violations.push(violation(
                "/page/text_height_mm",
                "the text block and top margin are taller than the page".to_owned(),
            ));
        }
        let spacing = self.body.line_spacing_pt;
        if spacing.min > spacing.max {
            violations.push(violation(
                "/body/line_spacing_pt/min",
                "min is larger than max".to_owned(),
            ));
        }
        violations
    }
}

/// A violation in a format profile: the message says which file it is about.
fn violation(pointer: &str, message: String) -> Violation {
    Violation {
        pointer: pointer.to_owned(),
        message: format!("format profile: {message}"),
    }
}

impl Default for FormatProfile {
    fn default() -> Self {
        Self::embedded()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_profile_is_gbt_9704() {
        let profile = FormatProfile::embedded();
        assert!((profile.page.margin_right_mm() - 26.0).abs() < 0.01);
        assert!((profile.page.margin_bottom_mm() - 35.0).abs() < 0.01);
        assert!(is_one_of("仿宋_GB2312", &profile.body.fonts));
        assert!(is_one_of("fangsong", &profile.body.fonts));
    }

    #[test]
    fn an_invalid_profile_names_the_pointer() {
        let text = DEFAULT_FORMAT_PROFILE_JSON.replace("\"size_pt\": 22", "\"size_pt\": -1");
        let Err(LoadError::Invalid(violations)) = FormatProfile::from_json_str(&text) else {
            panic!("a negative size is refused");
        };
        assert_eq!(violations[0].pointer, "/title/size_pt");
        let text =
            DEFAULT_FORMAT_PROFILE_JSON.replace("\"text_width_mm\": 156", "\"text_width_mm\": 190");
        let Err(LoadError::Invalid(violations)) = FormatProfile::from_json_str(&text) else {
            panic!("a text block wider than the page is refused");
        };
        assert_eq!(violations[0].pointer, "/page/text_width_mm");
    }
}
