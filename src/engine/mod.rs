//! The engine: input → extracted text → document → outline → facts → rules → check report.
//! Every front end (the single HTTP check, the batch, the CLI) comes in through
//! [`Engine::check_input`].

mod input;
mod spool;

pub use input::{Input, NamedInput};
pub use spool::{Region, Spool, Spooled};

use crate::comparison;
use crate::document::{Document, Normalizer, TextRange};
use crate::extract::{Cancel, ExtractError, Extracted, Limits};
use crate::facts::parts::PartStatus;
use crate::facts::{Facts, Given};
use std::iter::Peekable;

use crate::outline::{Heading, HeadingIndex, Outline};
use crate::report::{
    CheckReport, OutlineNode, PartReport, Place, ReportInfo, RuleSetRef, SCHEMA_VERSION,
};
use crate::rules::{self, Analysis, CheckOptions};
use crate::ruleset::{LoadError, RuleSet};

/// Everything built once at start-up: the compiled rule set, the script converter and the limits
/// on reading documents. (The segmenter's dictionary is loaded by the first check that needs it.)
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    normalizer: Normalizer,
    limits: Limits,
}

impl Default for Engine {
    /// The engine with the embedded rule set and the default limits.
    fn default() -> Self {
        Self::new(RuleSet::embedded()).expect("the embedded rule set meets every rule's needs")
    }
}

impl Engine {
    /// An engine for a rule set; refused when the rule set lacks what a rule reads from it.
    pub fn new(rules: RuleSet) -> Result<Self, LoadError> {
        let unmet = rules::unmet_needs(&rules);
        if !unmet.is_empty() {
            return Err(LoadError::Invalid(unmet));
        }
        Ok(Self {
            rules,
            normalizer: Normalizer::new(),
            limits: Limits::default(),
        })
    }

    /// The same engine with other limits on reading documents.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Reads and checks one report. Spans refer to the text as submitted, or to the extracted
    /// text of a document, which the report carries when `options.include_text` is set.
    pub fn check_input(
        &self,
        input: Input,
        options: &CheckOptions,
    ) -> Result<CheckReport, ExtractError> {
        self.check_input_until(input, options, &Cancel::default())
    }

    /// The same, given up once `cancel` is set (the asker went away): reading stops, and its
    /// child process is killed.
    pub fn check_input_until(
        &self,
        input: Input,
        options: &CheckOptions,
        cancel: &Cancel,
    ) -> Result<CheckReport, ExtractError> {
        self.check_beside_until(input, None, options, cancel)
    }

    /// The same, beside the same issuer's previous report when one is given: the check report
    /// then has a comparison, and the rules on it run. The previous report is read within the
    /// same limits as the report.
    pub fn check_beside_until(
        &self,
        input: Input,
        previous: Option<Input>,
        options: &CheckOptions,
        cancel: &Cancel,
    ) -> Result<CheckReport, ExtractError> {
        let extracted = input.extract(&self.limits, cancel)?;
        let previous = previous
            .map(|previous| previous.extract(&self.limits, cancel))
            .transpose()?;
        self.check_extracted(&extracted, previous.as_ref(), options, cancel)
    }

    /// The same (beside last year's report when one is given), and the report as a Word
    /// document with a comment on each finding: the .docx
    /// as sent, or a new one of the extracted text for any other format; with `revisions`, each
    /// certain correction as a tracked revision too.
    pub fn check_annotated(
        &self,
        input: Input,
        previous: Option<Input>,
        options: &CheckOptions,
        cancel: &Cancel,
        revisions: bool,
    ) -> Result<(CheckReport, Vec<u8>), ExtractError> {
        let original = input.original_bytes();
        let extracted = input.extract(&self.limits, cancel)?;
        let previous = previous
            .map(|previous| previous.extract(&self.limits, cancel))
            .transpose()?;
        let report = self.check_extracted(&extracted, previous.as_ref(), options, cancel)?;
        let docx = crate::export::annotated(
            original.as_deref(),
            &extracted,
            &report,
            options.lang,
            &self.limits,
            revisions,
        )?;
        Ok((report, docx))
    }

    /// The same, and the report with every certain correction made: a .docx for a .docx, the
    /// corrected text for any other format.
    pub fn check_fixed(
        &self,
        input: Input,
        options: &CheckOptions,
        cancel: &Cancel,
    ) -> Result<(CheckReport, crate::export::Fixed), ExtractError> {
        let original = input.original_bytes();
        let extracted = input.extract(&self.limits, cancel)?;
        let report = self.check_extracted(&extracted, None, options, cancel)?;
        let fixed = crate::export::fixed(original.as_deref(), &extracted, &report, &self.limits)?;
        Ok((report, fixed))
    }

    /// A text read into its document, outline and facts.
    fn read(&self, extracted: &Extracted, given: Given) -> (Document, Outline, Facts) {
        let rules = &self.rules;
        let document = Document::new(
            &extracted.text,
            &self.normalizer,
            rules.data.thresholds.traditional_min_share,
        )
        .with_heading_levels(&extracted.heading_levels)
        .with_word_format(extracted.word_format.clone());
        let outline = Outline::parse(&document, rules);
        let facts = Facts::read(&document, &outline, rules, given);
        (document, outline, facts)
    }

    fn check_extracted(
        &self,
        extracted: &Extracted,
        previous: Option<&Extracted>,
        options: &CheckOptions,
        cancel: &Cancel,
    ) -> Result<CheckReport, ExtractError> {
        // The answer a check gets once nobody waits for it: the same as a reader's time-out.
        let stopped = || ExtractError::Timeout {
            seconds: self.limits.time_budget.as_secs(),
        };
        let rules = &self.rules;
        let text = extracted.text.as_str();
        let given = Given {
            year: options.year,
            title: options.title.as_deref(),
            published_on: options.published_on,
            issuer_kind: options.issuer_kind,
            lang: options.lang,
        };
        let (document, outline, facts) = self.read(extracted, given);
        if cancel.is_cancelled() {
            return Err(stopped());
        }
        let comparison = match previous {
            Some(previous) => {
                // What the request says is about this report, not the previous one.
                let given = Given {
                    year: None,
                    title: None,
                    published_on: None,
                    issuer_kind: None,
                    lang: options.lang,
                };
                let (document_before, outline_before, facts_before) = self.read(previous, given);
                let before = comparison::Reading {
                    title: title_of(&document_before, &outline_before),
                    document: &document_before,
                    outline: &outline_before,
                    facts: &facts_before,
                };
                let now = comparison::Reading {
                    title: None,
                    document: &document,
                    outline: &outline,
                    facts: &facts,
                };
                Some(comparison::compare(&now, &before, rules))
            }
            None => None,
        };
        if cancel.is_cancelled() {
            return Err(stopped());
        }
        let analysis = Analysis {
            rules,
            document: &document,
            outline: &outline,
            facts: &facts,
            options,
            comparison: comparison.as_ref(),
            formulation_hits: Default::default(),
        };
        let rules::Outcome {
            mut findings,
            summary,
            truncated,
        } = rules::run(&analysis, cancel).ok_or_else(stopped)?;
        if let Some(paragraphs) = &extracted.line_paragraphs {
            for finding in &mut findings {
                finding.paragraph = finding
                    .span
                    .and_then(|span| paragraphs.get(span.line - 1).copied());
            }
        }
        let title = title_of(&document, &outline).or_else(|| options.title.clone());
        let trace = if options.traced {
            comparison::trace(
                &comparison::Reading {
                    title: None,
                    document: &document,
                    outline: &outline,
                    facts: &facts,
                },
                rules,
            )
        } else {
            Default::default()
        };
        let parts = part_reports(&analysis);
        let outline_tree = outline_nodes(
            &analysis,
            &mut analysis.outline.indexed_headings().peekable(),
            1,
        );
        Ok(CheckReport {
            schema_version: SCHEMA_VERSION.to_owned(),
            compliant: summary.error == 0,
            ruleset: RuleSetRef {
                id: rules.data.id.clone(),
                version: rules.data.version.clone(),
            },
            report: ReportInfo {
                title,
                year: facts.year.as_ref().map(|y| y.year),
                year_source: facts.year.as_ref().map(|y| y.source),
                script: document.script(),
                chars: document.chars(),
                issuer: facts.issuer.clone(),
                issuer_kind: facts.issuer_kind,
                published_on: facts.dates.first().map(|dated| dated.date),
                source: extracted.source.clone(),
                coverage: facts.coverage.clone(),
            },
            summary,
            parts,
            outline: outline_tree,
            findings,
            truncated,
            text: options.include_text.then(|| text.to_owned()),
            comparison,
            trace,
        })
    }
}

/// The title line as written, a title wrapped onto two lines read as one.
fn title_of(document: &Document, outline: &Outline) -> Option<String> {
    outline.title(document).map(|range| {
        document
            .original_text(range)
            .lines()
            .map(str::trim)
            .collect()
    })
}

fn part_reports(analysis: &Analysis) -> Vec<PartReport> {
    let place = |range: TextRange| Place {
        text: analysis.document.original_text(range).to_owned(),
        span: analysis.document.span(range),
    };
    analysis
        .rules
        .indexed_parts()
        .map(|(index, part)| {
            let placement = analysis.parts().placement(index);
            // A document that is not a report has no parts: none was checked.
            let checked = analysis.facts.genre.is_report();
            PartReport {
                part: part.id().to_owned(),
                name: part.name(analysis.lang().is_english()).to_owned(),
                short_name: analysis.part_name(index).to_owned(),
                required: part.spec.required,
                status: if checked {
                    placement.status
                } else {
                    PartStatus::NotChecked
                },
                sections: placement
                    .sections
                    .iter()
                    .filter(|_| checked)
                    .map(|&h| place(analysis.outline.heading(h).range))
                    .collect(),
                mentions: placement
                    .mentions
                    .iter()
                    .filter(|_| checked)
                    .copied()
                    .map(place)
                    .collect(),
            }
        })
        .collect()
}

/// The headings ahead at `level` and below, as a tree; stops before the first one above it.
/// (Recursion as deep as the levels of numbering, which are few.)
fn outline_nodes<'a>(
    analysis: &Analysis,
    headings: &mut Peekable<impl Iterator<Item = (HeadingIndex, &'a Heading)>>,
    level: usize,
) -> Vec<OutlineNode> {
    let mut nodes = Vec::new();
    while let Some((index, heading)) = headings.next_if(|(_, h)| h.level >= level) {
        let children = outline_nodes(analysis, headings, heading.level + 1);
        let document = analysis.document;
        nodes.push(OutlineNode {
            // A heading wrapped onto two lines reads as one.
            heading: document
                .original_text(heading.range)
                .lines()
                .map(str::trim)
                .collect(),
            numbering: heading.style.map(|_| {
                document
                    .original_text(heading.numbering())
                    .trim()
                    .to_owned()
            }),
            level: heading.level,
            span: document.span(heading.range),
            parts: analysis
                .parts()
                .of_heading(index)
                .iter()
                .map(|&p| analysis.rules.part_at(p).id().to_owned())
                .collect(),
            children,
        });
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_nobody_waits_for_stops_with_the_time_out() {
        let engine = Engine::default();
        let report = include_str!("../server/openapi/example-report.txt");
        let options = CheckOptions::default();
        let going =
            engine.check_input_until(Input::Text(report.into()), &options, &Cancel::default());
        assert!(going.is_ok());
        let cancel = Cancel::default();
        cancel.cancel();
        let stopped = engine.check_input_until(Input::Text(report.into()), &options, &cancel);
        assert_eq!(stopped.unwrap_err(), ExtractError::Timeout { seconds: 30 });
    }
}
