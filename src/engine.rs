//! The engine: text → document → outline → parts → rules → check report.

use crate::analysis::{Analysis, CheckOptions};
use crate::document::{Document, Normalizer};
use crate::extract::Extracted;
use crate::outline::Outline;
use crate::parts::Parts;
use crate::report::{
    CheckReport, OutlineNode, PartReport, Place, ReportInfo, RuleSetRef, SCHEMA_VERSION, Severity,
    Summary,
};
use crate::rules;
use crate::ruleset::RuleSet;
use crate::year::report_year;

/// Everything built once at start-up: the compiled rule set, the script converter and (shared by
/// the process) the segmenter's dictionary.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
    normalizer: Normalizer,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Self {
        crate::segment::load();
        Self {
            rules,
            normalizer: Normalizer::new(),
        }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Checks a text as submitted.
    pub fn check(&self, text: &str, options: &CheckOptions) -> CheckReport {
        let mut extracted = Extracted::from_text(text.to_owned());
        extracted.source.paragraphs = text.lines().filter(|l| !l.trim().is_empty()).count();
        self.check_extracted(&extracted, options, false)
    }

    /// Checks a document's extracted text; spans refer to that text, which the report carries
    /// when `include_text` is set.
    pub fn check_extracted(
        &self,
        extracted: &Extracted,
        options: &CheckOptions,
        include_text: bool,
    ) -> CheckReport {
        let rules = &self.rules;
        let text = extracted.text.as_str();
        let document = Document::new(
            text,
            &self.normalizer,
            rules.data.thresholds.traditional_min_share,
        )
        .with_heading_levels(&extracted.heading_levels);
        let outline = Outline::parse(&document, rules);
        let year = report_year(
            options.year,
            options.title.as_deref(),
            &document,
            &outline,
            rules,
        );
        let parts = Parts::assign(&document, &outline, rules, year.as_ref().map(|y| y.year));
        let analysis = Analysis {
            rules,
            document: &document,
            outline: &outline,
            parts: &parts,
            year,
            options,
            coverage: Default::default(),
        };
        let mut findings = rules::run(&analysis);
        if let Some(paragraphs) = &extracted.line_paragraphs {
            for finding in &mut findings {
                finding.paragraph = finding
                    .span
                    .and_then(|span| paragraphs.get(span.line - 1).copied());
            }
        }
        let mut summary = Summary::default();
        for finding in &findings {
            *match finding.severity {
                Severity::Error => &mut summary.error,
                Severity::Warning => &mut summary.warning,
                Severity::Info => &mut summary.info,
            } += 1;
        }
        let title = outline
            .title(&document)
            .map(|range| document.original_text(range).to_owned())
            .or_else(|| options.title.clone());
        CheckReport {
            schema_version: SCHEMA_VERSION.to_owned(),
            compliant: summary.error == 0,
            ruleset: RuleSetRef {
                id: rules.data.id.clone(),
                version: rules.data.version.clone(),
            },
            report: ReportInfo {
                title,
                year: analysis.year.as_ref().map(|y| y.year),
                year_source: analysis.year.as_ref().map(|y| y.source),
                script: document.script(),
                chars: document.chars(),
                source: extracted.source.clone(),
                coverage: analysis.coverage().map(|(coverage, _)| coverage.clone()),
            },
            summary,
            parts: part_reports(&analysis),
            outline: outline_nodes(&analysis, 0, 1).0,
            findings,
            text: include_text.then(|| text.to_owned()),
        }
    }
}

fn part_reports(analysis: &Analysis) -> Vec<PartReport> {
    let place = |range: std::ops::Range<usize>| Place {
        text: analysis.document.original_text(range.clone()).to_owned(),
        span: analysis.document.span(range),
    };
    analysis
        .rules
        .parts()
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let placement = &analysis.parts.placements[index];
            PartReport {
                part: part.id().to_owned(),
                name: part.name(analysis.lang().is_english()).to_owned(),
                short_name: analysis.part_name(index).to_owned(),
                required: part.spec.required,
                status: placement.status,
                sections: placement
                    .sections
                    .iter()
                    .map(|&h| place(analysis.outline.headings[h].range.clone()))
                    .collect(),
                mentions: placement.mentions.iter().cloned().map(place).collect(),
            }
        })
        .collect()
}

/// The headings from `start` at `level` and below, as a tree; returns where it stopped.
fn outline_nodes(analysis: &Analysis, mut next: usize, level: usize) -> (Vec<OutlineNode>, usize) {
    let headings = &analysis.outline.headings;
    let mut nodes = Vec::new();
    while next < headings.len() && headings[next].level >= level {
        let heading = &headings[next];
        let (children, after) = outline_nodes(analysis, next + 1, heading.level + 1);
        let document = analysis.document;
        nodes.push(OutlineNode {
            heading: document.original_text(heading.range.clone()).to_owned(),
            numbering: heading.style.map(|_| {
                document
                    .original_text(heading.range.start..heading.text_start)
                    .trim()
                    .to_owned()
            }),
            level: heading.level,
            span: document.span(heading.range.clone()),
            parts: analysis.parts.of_heading[next]
                .iter()
                .map(|&p| analysis.rules.parts()[p].id().to_owned())
                .collect(),
            children,
        });
        next = after;
    }
    (nodes, next)
}
