//! Which of the Implementation Outline's task areas the measures part discusses, and how many
//! figures it gives per thousand characters: a reviewer's first look at whether the measures
//! are concrete work or slogans.

use serde::Serialize;
use utoipa::ToSchema;

use super::parts::Parts;
use crate::document::Document;
use crate::lang::Lang;
use crate::outline::Outline;
use crate::ruleset::RuleSet;
use crate::text::figures;

/// What the measures part covers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Coverage {
    /// The part read, by id.
    #[schema(example = "measures")]
    pub part: String,
    /// Characters of that part's body.
    pub chars: usize,
    /// Figures and counts it gives (numbers in digits that are not dates, counted numbers in
    /// Chinese numerals).
    pub figures: usize,
    /// Figures per 1,000 characters, one decimal.
    #[schema(example = 6.2)]
    pub figures_per_1000_chars: f64,
    /// Each task area of the rule set, in its order.
    pub areas: Vec<AreaCoverage>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AreaCoverage {
    #[schema(example = "enforcement")]
    pub id: String,
    /// The area's name (English with `lang: "en"`).
    #[schema(example = "健全行政执法工作体系")]
    pub name: String,
    /// Mentioned at least `thresholds.coverage_min_mentions` times.
    pub covered: bool,
    /// Paragraph by paragraph, the number of different area words used.
    pub mentions: usize,
}

/// The coverage of the rule set's measures part; `None` when the report lacks it.
pub fn of(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    parts: &Parts,
    lang: Lang,
) -> Option<Coverage> {
    let config = &rules.data.coverage;
    let part = rules.part_index(&config.part)?;
    let body = parts.body(part, outline, document);
    if body.is_empty() {
        return None;
    }
    let texts: Vec<&str> = body.iter().map(|r| document.text(*r)).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let figures: usize = texts
        .iter()
        .map(|t| figures::count(t, &config.figure_units))
        .sum();
    let mut mentions = vec![0; config.areas.len()];
    for text in &texts {
        for found in rules.area_words.find_all(text) {
            mentions[rules.area_of_word[found.word]] += 1;
        }
    }
    let english = lang.is_english();
    let areas = config
        .areas
        .iter()
        .zip(mentions)
        .map(|(area, mentions)| AreaCoverage {
            id: area.id.clone(),
            name: match (&area.name_en, english) {
                (Some(name), true) => name.clone(),
                _ => area.name.clone(),
            },
            covered: mentions >= rules.data.thresholds.coverage_min_mentions,
            mentions,
        })
        .collect();
    let per_thousand = if chars == 0 {
        0.0
    } else {
        (figures as f64 * 10_000.0 / chars as f64).round() / 10.0
    };
    Some(Coverage {
        part: config.part.clone(),
        chars,
        figures,
        figures_per_1000_chars: per_thousand,
        areas,
    })
}
