//! A report beside the same issuer's previous report: the passages it repeats, the shortcomings
//! listed again, last year's plans and what became of them, the figures given twice. Runs after
//! both are read into facts and before the rules, which report what it found.

pub mod collection;
mod figures;
pub mod fingerprint;
pub mod issuer;
mod plan;
mod reuse;
pub mod roster;
mod shortcomings;

use serde::Serialize;
use utoipa::ToSchema;

use crate::document::{Document, Span, TextRange};
use crate::facts::Facts;
use crate::outline::Outline;
use crate::ruleset::RuleSet;
use crate::text::sentences;
use fingerprint::Fingerprinter;

/// Entries of one list of a comparison given at most; the shares count every one.
const MAX_LISTED: usize = 200;

/// One report as read, for comparing with another.
pub struct Reading<'a> {
    pub document: &'a Document,
    pub outline: &'a Outline,
    pub facts: &'a Facts,
    pub title: Option<String>,
}

/// What this report repeats of the previous one and what became of last year's plans.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "previous": {"title": "石桥镇人民政府关于2023年度法治政府建设情况的报告", "year": 2023, "issuer": "石桥镇人民政府"},
    "reused": [{"span": {"start": 130, "end": 412, "line": 6, "column": 1}, "previous_span": {"start": 128, "end": 410, "line": 6, "column": 1}}],
    "reused_share": 0.31,
    "repeated_shortcomings": [{"span": {"start": 905, "end": 951, "line": 13, "column": 1}, "previous_span": {"start": 890, "end": 936, "line": 13, "column": 1}, "remedied": false}],
    "plan_follow_up": [
        {"previous_span": {"start": 1010, "end": 1052, "line": 16, "column": 1}, "opening": "一是深化行政执法规范化建设", "followed": true, "span": {"start": 220, "end": 281, "line": 7, "column": 1}},
        {"previous_span": {"start": 1052, "end": 1080, "line": 16, "column": 43}, "opening": "二是推进“八五”普法", "followed": false, "span": null}
    ],
    "repeated_figures": [{"label": "办理行政复议案件", "value": "23件", "span": {"start": 520, "end": 532, "line": 9, "column": 14}, "previous_span": {"start": 498, "end": 510, "line": 9, "column": 14}}]
}))]
pub struct Comparison {
    pub previous: PreviousReport,
    /// The passages of this report that repeat the previous one (sentences whose own words are
    /// the same, figures and years aside), at most 200.
    pub reused: Vec<Reused>,
    /// The share of this report's characters (blanks aside) in the reused passages, 0 to 1.
    #[schema(example = 0.62)]
    pub reused_share: f64,
    /// Shortcomings of this year's shortcomings part that restate one of last year's.
    pub repeated_shortcomings: Vec<RepeatedShortcoming>,
    /// Each item of last year's next-year plan, and where this year's report tells of it.
    pub plan_follow_up: Vec<PlanItem>,
    /// The same labelled figure of work done, with the same value, in both years.
    pub repeated_figures: Vec<RepeatedFigure>,
    /// Why the previous report may not be this issuer's report of the year before.
    #[serde(skip)]
    pub mismatch: Mismatch,
}

/// The previous report as read from it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"title": "石桥镇人民政府关于2023年度法治政府建设情况的报告", "year": 2023, "issuer": "石桥镇人民政府"}))]
pub struct PreviousReport {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub issuer: Option<String>,
}

/// A passage of this report and the passage of the previous one it repeats.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Reused {
    /// Where it is in this report (code points of its text).
    pub span: Span,
    /// Where it is in the previous report (code points of that report's text).
    pub previous_span: Span,
    #[serde(skip)]
    pub range: TextRange,
    /// Its characters, blanks aside.
    #[serde(skip)]
    pub chars: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepeatedShortcoming {
    pub span: Span,
    pub previous_span: Span,
    /// True when this year's text says how far it was remedied.
    pub remedied: bool,
    #[serde(skip)]
    pub range: TextRange,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanItem {
    /// The item in the previous report's plans.
    pub previous_span: Span,
    /// True when this year's report tells of it.
    pub followed: bool,
    /// Where it does.
    pub span: Option<Span>,
    /// The item's opening, as last year's report writes it.
    #[schema(example = "二是开展行政执法人员轮训，全年组织集中培训不少于2次")]
    pub opening: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RepeatedFigure {
    #[schema(example = "办理行政复议案件")]
    pub label: String,
    #[schema(example = "23件")]
    pub value: String,
    pub span: Span,
    pub previous_span: Span,
    #[serde(skip)]
    pub range: TextRange,
}

/// How the previous report differs from this issuer's report of the year before.
#[derive(Debug, Clone, Default)]
pub struct Mismatch {
    /// This report's issuer and the previous report's, when they are not one unit.
    pub issuers: Option<(String, String)>,
    /// This report's year and the previous report's, when that is not the year before.
    pub years: Option<(i32, i32)>,
}

/// What a collection keeps of a report: its issuer, year and the fingerprints of its own
/// sentences, its unit's name left out (a template's names swapped in are no difference).
pub fn trace(reading: &Reading, rules: &RuleSet) -> collection::Trace {
    /// Sentences of one report kept at most.
    const MAX_SENTENCES: usize = 5_000;
    let issuer = reading.facts.issuer.clone();
    let prints = Fingerprinter::leaving_out(rules, &unit_words(&[reading]));
    let mut seen = std::collections::HashSet::new();
    let keys = reading
        .body_sentences()
        .into_iter()
        .filter_map(|s| {
            let key = prints.key(reading.document.text(s.range))?;
            let text = reading.document.original_text(s.range);
            seen.insert(key)
                .then(|| (key, reading.document.span(s.range), opening(text).into()))
        })
        .take(MAX_SENTENCES)
        .collect();
    collection::Trace {
        issuer,
        year: reading.facts.year.as_ref().map(|y| y.year),
        keys,
    }
}

/// The words that name the issuers of some reports: as read, without 人民政府, and the bare
/// place name ("石桥村" and "石桥法治文化广场" are the unit's too).
fn unit_words(readings: &[&Reading]) -> Vec<String> {
    readings
        .iter()
        .filter_map(|reading| reading.facts.issuer.as_deref())
        .flat_map(|name| {
            let core = issuer::core(name);
            let stem = core
                .trim_end_matches(['镇', '乡', '县', '区', '市'])
                .trim_end_matches("街道")
                .to_owned();
            let after_county = issuer::unit_names(name);
            [name.to_owned(), core, stem]
                .into_iter()
                .chain(after_county)
        })
        .filter(|word| word.chars().count() >= 2)
        .collect()
}

/// Compares `current` with `previous`.
pub fn compare(current: &Reading, previous: &Reading, rules: &RuleSet) -> Comparison {
    // One unit's name in two forms (青禾县石桥镇, 石桥镇) makes no sentence new.
    let prints = Fingerprinter::leaving_out(rules, &unit_words(&[current, previous]));
    let (reused, reused_share) = reuse::passages(current, previous, &prints);
    Comparison {
        previous: PreviousReport {
            title: previous.title.clone(),
            year: previous.facts.year.as_ref().map(|y| y.year),
            issuer: previous.facts.issuer.clone(),
        },
        reused,
        reused_share,
        repeated_shortcomings: shortcomings::repeated(current, previous, &prints, rules),
        plan_follow_up: plan::follow_up(current, previous, &prints, rules),
        repeated_figures: figures::repeated(current, previous, rules),
        mismatch: mismatch(current, previous),
    }
}

fn mismatch(current: &Reading, previous: &Reading) -> Mismatch {
    let issuers = match (&current.facts.issuer, &previous.facts.issuer) {
        (Some(this), Some(that)) if issuer::same(this, that) == Some(false) => {
            Some((this.clone(), that.clone()))
        }
        _ => None,
    };
    let years = match (&current.facts.year, &previous.facts.year) {
        (Some(this), Some(that)) if that.year != this.year - 1 => Some((this.year, that.year)),
        _ => None,
    };
    Mismatch { issuers, years }
}

/// A sentence of a report and the paragraph it is in.
#[derive(Debug, Clone, Copy)]
struct Sentence {
    range: TextRange,
    paragraph: usize,
    /// Whether it opens an item: 一是, (一), 1., 一、
    labelled: bool,
}

/// Whether a sentence opens with an item's label.
fn is_labelled(text: &str) -> bool {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[,，、])",
        )
        .expect("pattern compiles")
    });
    LABEL.is_match(text)
}

/// The sentences of some paragraphs, in order.
fn sentences_of(document: &Document, paragraphs: &[TextRange]) -> Vec<Sentence> {
    let mut list = Vec::new();
    for (paragraph, &range) in paragraphs.iter().enumerate() {
        let text = document.text(range);
        for piece in sentences::split(text) {
            let range = range.sub(piece.clone());
            list.push(Sentence {
                range,
                paragraph,
                labelled: is_labelled(&text[piece]),
            });
        }
    }
    list
}

impl Reading<'_> {
    /// The sentences of the body, headings left out.
    fn body_sentences(&self) -> Vec<Sentence> {
        self.sentences(true)
    }

    /// The sentences of the body, with or without its headings.
    fn sentences(&self, without_headings: bool) -> Vec<Sentence> {
        let paragraphs: Vec<TextRange> = self
            .outline
            .paragraphs()
            .iter()
            .map(|p| match p.heading {
                Some(h) if without_headings => p.range.after(self.outline.heading(h).range.end()),
                _ => p.range,
            })
            .filter(|range| range.start() < range.end())
            .collect();
        sentences_of(self.document, &paragraphs)
    }

    /// The sentences of a part's body.
    fn part_sentences(&self, part: crate::ruleset::PartIndex) -> Vec<Sentence> {
        let body = self.facts.parts.body(part, self.outline, self.document);
        sentences_of(self.document, &body)
    }
}

/// The first characters of a text, for a message.
fn opening(text: &str) -> String {
    const CHARS: usize = 30;
    // Without the item's closing mark: the openings are listed with marks of their own.
    let text = text.trim().trim_end_matches(['；', ';', '。', '，', ',']);
    match text.char_indices().nth(CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
