//! Which required part each top-level section is, and where parts appear inside other parts.

use serde::Serialize;
use utoipa::ToSchema;

use crate::document::{Document, TextRange};
use crate::facts::back_half;
use crate::facts::year::years_named;
use crate::outline::{HeadingIndex, Outline, Paragraph, words_text};
use crate::ruleset::{Facet, Mention, Part, PartIndex, RuleSet};
use crate::text::sentences;

/// Whether a part of the rule set is in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PartStatus {
    /// A top-level section of its own.
    Present,
    /// Only inside another part: a sub-heading, or a paragraph that opens by reporting on it.
    Embedded,
    /// Nowhere.
    Missing,
    /// Not looked for: the document is not a report (`not-a-report`), so nothing in it is a
    /// report's part.
    #[serde(rename = "not_checked")]
    NotChecked,
}

#[derive(Debug, Clone)]
pub struct PartPlacement {
    pub status: PartStatus,
    /// The top-level headings assigned to the part.
    pub sections: Vec<HeadingIndex>,
    /// Places inside other parts that report on it (sub-headings and paragraph openings).
    pub mentions: Vec<TextRange>,
}

#[derive(Debug, Clone)]
pub struct Parts {
    /// For each part of the rule set, in official order.
    placements: Vec<PartPlacement>,
    /// For each heading, the parts it is assigned to (empty below the top level).
    of_heading: Vec<Vec<PartIndex>>,
    /// The plans' part, and for each top-level section shared by the plans and another part,
    /// where the plans begin in it.
    plan: Option<PartIndex>,
    plan_starts: Vec<(HeadingIndex, usize)>,
}

impl Parts {
    pub fn assign(
        document: &Document,
        outline: &Outline,
        rules: &RuleSet,
        year: Option<i32>,
    ) -> Self {
        let mut of_heading = vec![Vec::new(); outline.headings().len()];
        for (index, heading) in outline.top_level() {
            of_heading[index.get()] = parts_named(&words_text(document, heading), rules, year);
        }
        apply_catch_all(outline, rules, &mut of_heading);
        let mentions = mentions(document, outline, rules, &of_heading);
        let plan = rules.plan_part();
        let plan_starts = outline
            .top_level()
            .filter(|(index, _)| {
                let of = &of_heading[index.get()];
                of.len() > 1 && plan.is_some_and(|plan| of.contains(&plan))
            })
            .filter_map(|(index, _)| {
                back_half::plan_start(document, outline, rules, index, year).map(|at| (index, at))
            })
            .collect();
        let placements = rules
            .indexed_parts()
            .zip(mentions)
            .map(|((part, _), mentions)| {
                let sections: Vec<HeadingIndex> = outline
                    .indexed_headings()
                    .map(|(h, _)| h)
                    .filter(|h| of_heading[h.get()].contains(&part))
                    .collect();
                let status = if !sections.is_empty() {
                    PartStatus::Present
                } else if !mentions.is_empty() {
                    PartStatus::Embedded
                } else {
                    PartStatus::Missing
                };
                PartPlacement {
                    status,
                    sections,
                    mentions,
                }
            })
            .collect();
        Self {
            placements,
            of_heading,
            plan,
            plan_starts,
        }
    }

    pub fn placement(&self, part: PartIndex) -> &PartPlacement {
        &self.placements[part.get()]
    }

    /// The parts a heading is assigned to (none below the top level).
    pub fn of_heading(&self, heading: HeadingIndex) -> &[PartIndex] {
        &self.of_heading[heading.get()]
    }

    /// The byte ranges of a part's sections (heading and body).
    pub fn section_ranges<'a>(
        &'a self,
        part: PartIndex,
        outline: &'a Outline,
    ) -> impl Iterator<Item = TextRange> + 'a {
        self.placement(part)
            .sections
            .iter()
            .map(|&h| outline.heading(h).section())
    }
    /// The text of a part: its sections, or the lines that report on it inside other parts;
    /// `None` when it is missing.
    pub fn text(
        &self,
        part: PartIndex,
        outline: &Outline,
        document: &Document,
    ) -> Option<Vec<TextRange>> {
        let placement = self.placement(part);
        match placement.status {
            PartStatus::Present => Some(self.section_ranges(part, outline).collect()),
            PartStatus::Embedded => Some(
                placement
                    .mentions
                    .iter()
                    .map(|m| {
                        let line = document.line_of(m.start());
                        // A sub-heading reports on the part with its whole section.
                        // Headings are in line order.
                        let headings = outline.headings();
                        let at = headings.partition_point(|h| h.line < line);
                        match headings.get(at).filter(|h| h.line == line) {
                            Some(heading) => heading.section(),
                            None => document.line(line).range(),
                        }
                    })
                    .collect(),
            ),
            PartStatus::Missing | PartStatus::NotChecked => None,
        }
    }

    /// The body of a part without its top-level headings: the paragraphs that say something.
    pub fn body(&self, part: PartIndex, outline: &Outline, document: &Document) -> Vec<TextRange> {
        let Some(mut ranges) = self.text(part, outline, document) else {
            return Vec::new();
        };
        ranges.sort_by_key(|r| r.start());
        let headings = &self.placement(part).sections;
        let inside = |at: usize| {
            // The last range starting at or before `at` is the only one that can hold it.
            let after = ranges.partition_point(|r| r.start() <= at);
            after > 0 && ranges[after - 1].contains(at)
        };
        outline
            .paragraphs()
            .iter()
            .filter(|p| inside(p.range.start()))
            .filter_map(|p| match p.heading {
                // A run-in top-level heading: the rest of its line is body.
                Some(h) if headings.binary_search(&h).is_ok() => {
                    // (A heading wrapped onto the next line ends past its first line.)
                    let rest = p.range.after(outline.heading(h).range.end());
                    let says_something = !document.text(rest).trim().is_empty();
                    says_something.then_some(rest)
                }
                _ => Some(p.range),
            })
            .filter_map(|range| self.share(part, range, outline))
            .filter(|range| !document.text(*range).trim().is_empty())
            .collect()
    }

    /// The share of a body range that is the part's in a section it shares with the plans.
    fn share(&self, part: PartIndex, range: TextRange, outline: &Outline) -> Option<TextRange> {
        let cut = self
            .plan_starts
            .iter()
            .find(|(h, _)| outline.heading(*h).contains(range.start()))
            .filter(|(h, _)| self.of_heading(*h).contains(&part));
        match cut {
            Some(&(_, at)) => back_half::clip(range, at, self.plan == Some(part)),
            None => Some(range),
        }
    }

    /// Where to point at a part: its first heading, else its first mention.
    pub fn place(&self, part: PartIndex, outline: &Outline) -> Option<TextRange> {
        let placement = self.placement(part);
        match placement.sections.first() {
            Some(&heading) => Some(outline.heading(heading).range),
            None => placement.mentions.first().cloned(),
        }
    }
}

/// The parts a top-level heading names, by its words and the year it names.
fn parts_named(words: &str, rules: &RuleSet, year: Option<i32>) -> Vec<PartIndex> {
    let mut named: Vec<PartIndex> = rules
        .indexed_parts()
        .filter(|(_, part)| part.heading_words.is_match(words))
        .map(|(p, _)| p)
        .collect();
    if let (Some(year), Some(plan)) = (year, rules.plan_part()) {
        let names_next_year = years_named(words, rules)
            .iter()
            .any(|(y, _)| *y == year + 1);
        if names_next_year {
            named.retain(|&p| rules.part_at(p).spec.year_offset != Some(0));
            if !named.contains(&plan) {
                named.push(plan);
            }
        }
    }
    let yielding: Vec<PartIndex> = named
        .iter()
        .copied()
        .filter(|&p| {
            rules
                .part_at(p)
                .spec
                .yields_to
                .iter()
                .any(|other| named.iter().any(|&q| rules.part_at(q).id() == other))
        })
        .collect();
    named.retain(|p| !yielding.contains(p));
    named.sort_unstable();
    named
}

/// Top-level headings with no keyword, before the parts the catch-all part stops at, are that part.
fn apply_catch_all(outline: &Outline, rules: &RuleSet, of_heading: &mut [Vec<PartIndex>]) {
    for (part, spec) in rules.indexed_parts().map(|(i, p)| (i, &p.spec)) {
        let Some(catch_all) = &spec.catch_all else {
            continue;
        };
        let stops: Vec<PartIndex> = catch_all
            .before
            .iter()
            .filter_map(|id| rules.part_index(id))
            .collect();
        for (index, _) in outline.top_level() {
            let of = &mut of_heading[index.get()];
            if of.iter().any(|p| stops.contains(p)) {
                break;
            }
            if of.is_empty() {
                of.push(part);
            }
        }
    }
}

/// For each part, the places inside other parts' sections that report on it. A plan to do it
/// next year does not count, so paragraphs in the plans are skipped.
fn mentions(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    of_heading: &[Vec<PartIndex>],
) -> Vec<Vec<TextRange>> {
    let plan = rules.plan_part();
    let catch_all = rules
        .indexed_parts()
        .find(|(_, p)| p.spec.catch_all.is_some())
        .map(|(i, _)| i);
    let mut found = vec![Vec::new(); rules.parts().len()];
    let mut reported_until = vec![0; rules.parts().len()];
    let top: Vec<HeadingIndex> = outline.top_level().map(|(index, _)| index).collect();
    let structured = !top.is_empty();
    // Paragraphs come in text order, so the enclosing section only moves forward.
    let mut section = 0;
    for line in outline.paragraphs() {
        // A run-in top-level heading ("一、坚持党的领导，……。一是……"): the rest of its line
        // is a paragraph of its section.
        let rest;
        let mut paragraph = line;
        if let Some(h) = line.heading.filter(|&h| outline.heading(h).level == 1) {
            let after = line.range.after(outline.heading(h).range.end());
            if !document.text(after).trim().is_empty() {
                rest = Paragraph {
                    range: after,
                    heading: None,
                };
                paragraph = &rest;
            }
        }
        let host: Vec<PartIndex> = if structured {
            while top
                .get(section + 1)
                .is_some_and(|&next| outline.heading(next).range.start() <= paragraph.range.start())
            {
                section += 1;
            }
            let heading = outline.heading(top[section]);
            if paragraph.heading == Some(top[section]) || !heading.contains(paragraph.range.start())
            {
                // A top-level heading itself, or the opening before the first one: no part.
                continue;
            }
            of_heading[top[section].get()].clone()
        } else {
            Vec::new()
        };
        if plan.is_some_and(|plan| host.contains(&plan)) {
            continue;
        }
        let opening = opening(document, outline, paragraph, rules);
        let text = document.text(opening);
        if let Some(plan) = plan.filter(|&plan| rules.part_at(plan).opening_words.is_match(text)) {
            // Next steps closing the part on shortcomings are the plans, there; elsewhere a
            // plan to do something is no report on it.
            if closes_shortcomings(rules, &host)
                && back_half::opens_with(&rules.part_at(plan).opening_words, text)
            {
                found[plan.get()].push(opening);
            }
            continue;
        }
        let mut reported = false;
        for (p, part) in rules.indexed_parts() {
            // Inside a sub-section already found to report on the part: the same place.
            if host.contains(&p) || paragraph.range.start() < reported_until[p.get()] {
                continue;
            }
            let place = if reports_on(part, text, paragraph.heading.is_some()) {
                Some(opening)
            } else {
                part.mention
                    .as_ref()
                    .and_then(|mention| sentence_on(document, paragraph, mention))
            };
            if let Some(place) = place {
                reported = true;
                found[p.get()].push(place);
                if let Some(h) = paragraph.heading {
                    reported_until[p.get()] = outline.heading(h).section().end();
                }
            }
        }
        // Without headings, prose that reports on no other part is the catch-all part's.
        let lone = |p: &PartIndex| !structured && !reported && found[p.get()].is_empty();
        if let Some(p) = catch_all.filter(lone) {
            found[p.get()].push(opening);
        }
    }
    found
}

/// Whether a section is the part on shortcomings, where a paragraph of next steps is the plans.
fn closes_shortcomings(rules: &RuleSet, host: &[PartIndex]) -> bool {
    host.iter()
        .any(|&p| rules.part_at(p).facet(Facet::Shortcomings).is_some())
}

/// The first sentence or enumeration item of a paragraph that reports on a part anywhere in it
/// ("……。区委主要负责同志带头述法、专题听取法治建设情况汇报……").
fn sentence_on(document: &Document, paragraph: &Paragraph, mention: &Mention) -> Option<TextRange> {
    let text = document.text(paragraph.range);
    // A sentence holds no more than its paragraph: most paragraphs hold no mention at all, which
    // one look at the whole tells without splitting it.
    if !mention.is_in(text) {
        return None;
    }
    sentences::split(text)
        .into_iter()
        .find(|sentence| mention.is_in(&text[sentence.clone()]))
        .map(|sentence| document.trimmed(paragraph.range.sub(sentence)))
}

fn reports_on(part: &Part, opening: &str, is_heading: bool) -> bool {
    let named = part.opening_words.is_match(opening)
        || (is_heading && part.heading_words.is_match(opening));
    named
        && !part
            .mention
            .as_ref()
            .is_some_and(|m| m.is_elsewhere(opening))
}

/// A paragraph's opening: a sub-heading's words, or a paragraph's first sentence, cut to the
/// rule set's `opening_chars`.
fn opening(
    document: &Document,
    outline: &Outline,
    paragraph: &Paragraph,
    rules: &RuleSet,
) -> TextRange {
    let range = match paragraph.heading {
        Some(h) => outline.heading(h).words(),
        None => paragraph.range,
    };
    let text = document.text(range);
    let text = text.trim_start();
    let start = range.end() - text.len();
    let limit = text
        .char_indices()
        .nth(rules.data.thresholds.opening_chars)
        .map_or(text.len(), |(i, _)| i);
    let sentence = text.find(['。', ';', '!', '?']).unwrap_or(text.len());
    TextRange::new(start, start + limit.min(sentence))
}
