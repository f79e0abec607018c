//! What the rules look at: the document read into its outline and parts, with the request's
//! options. Built once per check by the engine; rules only read it.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::coverage::{self, Coverage};
use crate::document::Document;
use crate::lang::Lang;
use crate::outline::Outline;
use crate::parts::{PartStatus, Parts};
use crate::report::Finding;
use crate::rules::{Profile, RuleMeta};
use crate::ruleset::{IssuerKind, RuleSet};
use crate::year::ReportYear;

/// What the caller tells nianbao about a report besides its text.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub published_on: Option<NaiveDate>,
    pub issuer_kind: IssuerKind,
    pub profile: Profile,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub lang: Lang,
}

pub struct Analysis<'a> {
    pub rules: &'a RuleSet,
    pub document: &'a Document,
    pub outline: &'a Outline,
    pub parts: &'a Parts,
    pub year: Option<ReportYear>,
    pub options: &'a CheckOptions,
    /// Worked out on first use: a rule and the report both need it.
    pub coverage: OnceLock<Option<Coverage>>,
}

impl<'a> Analysis<'a> {
    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    /// A part's short name in the language of the request, for messages.
    pub fn part_name(&self, part: usize) -> &str {
        self.rules.parts()[part].short_name(self.lang().is_english())
    }

    /// The heading to add for a part, with the years filled in when the report year is known.
    pub fn suggested_heading(&self, part: usize) -> String {
        let spec = &self.rules.parts()[part].spec;
        match &self.year {
            Some(year) => spec
                .suggested_heading
                .replace("{year}", &year.year.to_string())
                .replace("{next_year}", &(year.year + 1).to_string()),
            None => spec.name.clone(),
        }
    }

    /// The text of a part: its sections, or the lines that report on it inside other parts;
    /// `None` when it is missing.
    pub fn part_text(&self, part: usize) -> Option<Vec<Range<usize>>> {
        let placement = &self.parts.placements[part];
        match placement.status {
            PartStatus::Present => Some(self.parts.section_ranges(part, self.outline).collect()),
            PartStatus::Embedded => Some(
                placement
                    .mentions
                    .iter()
                    .map(|m| self.document.lines()[self.document.line_of(m.start)].range())
                    .collect(),
            ),
            PartStatus::Missing => None,
        }
    }

    /// What the measures part covers, and that part's index; `None` when the report lacks it.
    pub fn coverage(&self) -> Option<(&Coverage, usize)> {
        let coverage = self.coverage.get_or_init(|| coverage::of(self)).as_ref()?;
        Some((coverage, self.rules.part_index(&coverage.part)?))
    }

    /// The body of a part without its top-level headings: the paragraphs that say something.
    pub fn part_body(&self, part: usize) -> Vec<Range<usize>> {
        let Some(mut ranges) = self.part_text(part) else {
            return Vec::new();
        };
        ranges.sort_by_key(|r| r.start);
        let headings = &self.parts.placements[part].sections;
        let inside = |at: usize| {
            // The last range starting at or before `at` is the only one that can hold it.
            let after = ranges.partition_point(|r| r.start <= at);
            after > 0 && ranges[after - 1].contains(&at)
        };
        self.outline
            .paragraphs()
            .iter()
            .filter(|p| inside(p.range.start))
            .filter(|p| {
                p.heading
                    .is_none_or(|h| headings.binary_search(&h).is_err())
            })
            .map(|p| p.range.clone())
            .collect()
    }

    /// Where to point at a part: its first heading, else its first mention.
    pub fn part_place(&self, part: usize) -> Option<Range<usize>> {
        let placement = &self.parts.placements[part];
        match placement.sections.first() {
            Some(&heading) => Some(self.outline.headings[heading].range.clone()),
            None => placement.mentions.first().cloned(),
        }
    }

    /// The title: the title line's text, else the one the request gives.
    pub fn title(&self) -> Option<(&str, Option<Range<usize>>)> {
        match self.outline.title(self.document) {
            Some(range) => Some((self.document.text(range.clone()), Some(range))),
            None => self.options.title.as_deref().map(|t| (t, None)),
        }
    }

    pub fn finding(&'a self, meta: &RuleMeta, message: String) -> FindingBuilder<'a> {
        FindingBuilder {
            analysis: self,
            finding: Finding {
                rule: meta.id.to_owned(),
                severity: meta.severity,
                message,
                part: None,
                span: None,
                context: None,
                suggestion: None,
                basis: None,
                paragraph: None,
            },
        }
    }
}

pub struct FindingBuilder<'a> {
    analysis: &'a Analysis<'a>,
    finding: Finding,
}

impl FindingBuilder<'_> {
    /// Where the finding is (bytes of the normalised text).
    pub fn at(mut self, range: Range<usize>) -> Self {
        let document = self.analysis.document;
        let context_chars = self.analysis.rules.data.thresholds.context_chars;
        self.finding.span = Some(document.span(range.clone()));
        self.finding.context = Some(document.context(range, context_chars));
        self
    }

    /// Where the finding is, when it has a place in the text.
    pub fn at_place(self, range: Option<Range<usize>>) -> Self {
        match range {
            Some(range) => self.at(range),
            None => self,
        }
    }

    /// The part it concerns, and that part's basis document.
    pub fn part(mut self, part: usize) -> Self {
        let spec = &self.analysis.rules.parts()[part].spec;
        self.finding.part = Some(spec.id.clone());
        self.finding.basis = self.analysis.rules.basis(&spec.basis).cloned();
        self
    }

    pub fn basis(mut self, basis_id: &str) -> Self {
        self.finding.basis = self.analysis.rules.basis(basis_id).cloned();
        self
    }

    pub fn suggest(mut self, suggestion: String) -> Self {
        self.finding.suggestion = Some(suggestion);
        self
    }

    pub fn build(self) -> Finding {
        self.finding
    }
}
