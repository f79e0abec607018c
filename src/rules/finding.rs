//! What a rule reports: a finding, stamped with the id and severity of the rule that runs, and
//! placed in the text through the document's offset map.

use serde::Serialize;
use utoipa::ToSchema;

use super::RuleId;
use super::context::Analysis;
use crate::document::{Context, Span, TextRange};
use crate::ruleset::PartIndex;

/// How serious a finding is. An `error` makes the report non-compliant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One thing found in the report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Finding {
    /// Stable rule id; `GET /v1/rules/{id}` documents it.
    pub rule: RuleId,
    pub severity: Severity,
    #[schema(example = "缺少必需部分“存在的不足和原因”。")]
    pub message: String,
    /// The part of the rule set it concerns.
    #[schema(example = "shortcomings")]
    pub part: Option<String>,
    /// Where it is; for a missing part, where the part should go (a zero-length span).
    pub span: Option<Span>,
    pub context: Option<Context>,
    /// What to write, such as the heading to add.
    #[schema(example = "2023年推进法治政府建设存在的不足和原因")]
    pub suggestion: Option<String>,
    /// The correction, when it is certain (a slip and its right form): replace the text at
    /// `span` with `replacement`. `nianbao check --fix` applies it, and the Word answer with
    /// `revisions=true` gives it as a tracked change. Rules whose `fixable` is true give one.
    pub fix: Option<Fix>,
    /// The document that requires it.
    pub basis: Option<crate::ruleset::Basis>,
    /// For a .docx, the index (from 0) of the Word paragraph where it is.
    pub paragraph: Option<usize>,
    /// For a finding about many paragraphs of a .docx (one kind of format deviation), every
    /// paragraph it covers, `paragraph` first; empty for any other finding.
    pub paragraphs: Vec<usize>,
}

/// A certain correction: what replaces the text at `span` (code points of the checked text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Fix {
    pub span: Span,
    #[schema(example = "截至目前")]
    pub replacement: String,
}

/// Findings of one rule listed in a report; more are counted, not listed.
pub const MAX_PER_RULE: usize = 100;
/// Findings listed in one report.
pub const MAX_PER_REPORT: usize = 1_000;

/// How many findings of each severity, listed or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    pub fn add(&mut self, severity: Severity, count: usize) {
        *match severity {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        } += count;
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// Where the running rule's findings go. It knows which rule runs, so a finding cannot carry
/// another rule's id.
pub struct Findings<'a> {
    analysis: &'a Analysis<'a>,
    rule: RuleId,
    list: Vec<Finding>,
    /// Every finding reported, listed or not.
    found: usize,
}

impl<'a> Findings<'a> {
    pub(crate) fn new(analysis: &'a Analysis<'a>, rule: RuleId) -> Self {
        Self {
            analysis,
            rule,
            list: Vec::new(),
            found: 0,
        }
    }

    /// Whether the rule has listed all a report shows: a rule with many findings may then
    /// [`Findings::count`] the rest instead of writing their messages.
    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX_PER_RULE
    }

    /// Counts a finding that will not be listed.
    pub fn count(&mut self) {
        self.found += 1;
    }

    /// Starts a finding with its message; [`FindingBuilder::push`] adds it.
    pub fn report(&mut self, message: String) -> FindingBuilder<'_, 'a> {
        let finding = Finding {
            rule: self.rule,
            severity: self.rule.severity(),
            message,
            part: None,
            span: None,
            context: None,
            suggestion: None,
            fix: None,
            basis: None,
            paragraph: None,
            paragraphs: Vec::new(),
        };
        FindingBuilder { out: self, finding }
    }

    /// The findings listed, and how many there were.
    pub(crate) fn into_parts(self) -> (Vec<Finding>, usize) {
        (self.list, self.found)
    }
}

#[must_use = "a finding is only reported by push()"]
pub struct FindingBuilder<'f, 'a> {
    out: &'f mut Findings<'a>,
    finding: Finding,
}

impl FindingBuilder<'_, '_> {
    /// Where the finding is (bytes of the normalised text).
    pub fn at(mut self, range: TextRange) -> Self {
        if self.out.is_full() {
            return self;
        }
        let analysis = self.out.analysis;
        let context_chars = analysis.rules.data.thresholds.context_chars;
        self.finding.span = Some(analysis.document.span(range));
        self.finding.context = Some(analysis.document.context(range, context_chars));
        self
    }

    /// Where the finding is, when it has a place in the text.
    pub fn at_place(self, range: Option<TextRange>) -> Self {
        match range {
            Some(range) => self.at(range),
            None => self,
        }
    }

    /// The part it concerns, and that part's basis document.
    pub fn part(mut self, part: PartIndex) -> Self {
        let rules = self.out.analysis.rules;
        let spec = &rules.part_at(part).spec;
        self.finding.part = Some(spec.id.clone());
        self.finding.basis = rules.basis(&spec.basis).cloned();
        self
    }

    /// The part it concerns, pointed at where the part is: its first heading, else its first
    /// mention.
    pub fn at_part(self, part: PartIndex) -> Self {
        let analysis = self.out.analysis;
        self.part(part).at_place(analysis.part_place(part))
    }

    /// The document that requires what the finding asks for, by its id in the rule set.
    pub fn basis(mut self, basis_id: &str) -> Self {
        self.finding.basis = self.out.analysis.rules.basis(basis_id).cloned();
        self
    }

    /// A basis that is not one of the rule set's documents (a formulation's source).
    pub fn basis_of(mut self, basis: crate::ruleset::Basis) -> Self {
        self.finding.basis = Some(basis);
        self
    }

    /// The Word paragraphs a finding covers (indexes from 0), the first where it is placed.
    pub fn paragraphs(mut self, paragraphs: Vec<usize>) -> Self {
        self.finding.paragraphs = paragraphs;
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.finding.suggestion = Some(suggestion.into());
        self
    }

    /// Suggests `replacement` for the text the finding is at; when the rule's corrections are
    /// certain (`Rule::FIXES`), it is the finding's `fix` too.
    pub fn replace_with(mut self, replacement: impl Into<String>) -> Self {
        let replacement = replacement.into();
        if self.out.rule.meta().fixes
            && let Some(span) = self.finding.span
        {
            self.finding.fix = Some(Fix {
                span,
                replacement: replacement.clone(),
            });
        }
        self.suggest(replacement)
    }

    pub fn push(self) {
        if !self.out.is_full() {
            self.out.list.push(self.finding);
        }
        self.out.count();
    }
}
