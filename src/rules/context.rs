//! What the rules look at: the document read into its outline and facts, with the request's
//! options. Built once per check by the engine; rules only read it.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::CheckOptions;
use crate::document::{Document, LineIndex, TextRange};
use crate::facts::Facts;
use crate::facts::coverage::Coverage;
use crate::facts::parts::Parts;
use crate::facts::year::ReportYear;
use crate::lang::Lang;
use crate::outline::Outline;
use crate::ruleset::{Level, PartIndex, RuleSet};

pub struct Analysis<'a> {
    pub rules: &'a RuleSet,
    pub document: &'a Document,
    pub outline: &'a Outline,
    pub facts: &'a Facts,
    pub options: &'a CheckOptions,
    /// The report beside the same issuer's previous one, when one was given.
    pub comparison: Option<&'a crate::comparison::Comparison>,
    /// The lines some formulation pattern matches, found once for the rules that share them.
    pub formulation_hits: OnceCell<Vec<FormulationHits>>,
}

/// A line and the indexes of the formulations whose patterns match it.
pub struct FormulationHits {
    pub line: LineIndex,
    pub patterns: Vec<usize>,
}

impl<'a> Analysis<'a> {
    /// The lines some formulation's pattern matches. Most reports hold none of the wrong forms:
    /// each pattern first looks through the whole text, and only those that may match are tried
    /// on each line.
    pub fn formulation_hits(&self) -> &[FormulationHits] {
        self.formulation_hits.get_or_init(|| {
            let candidates: Vec<usize> = self
                .rules
                .formulations
                .iter()
                .enumerate()
                .filter(|(_, f)| f.may_match_a_line_of(self.document.normalized()))
                .map(|(index, _)| index)
                .collect();
            if candidates.is_empty() {
                return Vec::new();
            }
            self.document
                .indexed_lines()
                .filter_map(|(line, range)| {
                    let text = self.document.text(range.range());
                    let patterns: Vec<usize> = candidates
                        .iter()
                        .copied()
                        .filter(|&i| self.rules.formulations[i].pattern.is_match(text))
                        .collect();
                    (!patterns.is_empty()).then_some(FormulationHits { line, patterns })
                })
                .collect()
        })
    }

    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    pub fn parts(&self) -> &'a Parts {
        &self.facts.parts
    }

    pub fn year(&self) -> Option<&'a ReportYear> {
        self.facts.year.as_ref()
    }

    /// The issuer's level (a township, a sub-district), when its name shows one.
    pub fn issuer_level(&self) -> Option<&'a Level> {
        self.facts
            .issuer_level
            .map(|i| &self.rules.issuer_levels[i])
    }

    /// A part's short name in the language of the request, for messages.
    pub fn part_name(&self, part: PartIndex) -> &str {
        self.rules
            .part_at(part)
            .short_name(self.lang().is_english())
    }

    /// The heading to add for a part, with the years filled in when the report year is known.
    pub fn suggested_heading(&self, part: PartIndex) -> String {
        let spec = &self.rules.part_at(part).spec;
        match self.year() {
            Some(year) => spec
                .suggested_heading
                .replace("{year}", &year.year.to_string())
                .replace("{next_year}", &(year.year + 1).to_string()),
            None => spec.name.clone(),
        }
    }

    /// The text of a part: its sections, or the lines that report on it inside other parts;
    /// `None` when it is missing.
    pub fn part_text(&self, part: PartIndex) -> Option<Vec<TextRange>> {
        self.parts().text(part, self.outline, self.document)
    }

    /// What the measures part covers, and that part's index; `None` when the report lacks it.
    pub fn coverage(&self) -> Option<(&'a Coverage, PartIndex)> {
        let coverage = self.facts.coverage.as_ref()?;
        Some((coverage, self.rules.part_index(&coverage.part)?))
    }

    /// The body of a part without its top-level headings: the paragraphs that say something.
    pub fn part_body(&self, part: PartIndex) -> Vec<TextRange> {
        self.parts().body(part, self.outline, self.document)
    }

    /// Where to point at a part: its first heading, else its first mention.
    pub fn part_place(&self, part: PartIndex) -> Option<TextRange> {
        self.parts().place(part, self.outline)
    }

    /// The title: the title's words (its lines joined), else the one the request gives.
    pub fn title(&self) -> Option<(Cow<'a, str>, Option<TextRange>)> {
        match self.outline.title_text(self.document) {
            Some(text) => Some((Cow::Owned(text), self.outline.title(self.document))),
            None => self
                .options
                .title
                .as_deref()
                .map(|t| (Cow::Borrowed(t), None)),
        }
    }
}
