//! The check report: one JSON schema for the HTTP API and the command line.

use serde::Serialize;
use utoipa::ToSchema;

pub mod batch;
pub mod problem;
pub mod problem_types;

pub use crate::rules::{Finding, Severity, Summary};

use crate::document::{Script, Span};
use crate::facts::parts::PartStatus;
use crate::facts::year::YearSource;
use crate::ruleset::IssuerKind;

/// Version of the check report's schema; bumped when a field changes meaning or goes away.
pub const SCHEMA_VERSION: &str = "1.0";

/// What nianbao found in one report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckReport {
    /// Version of this schema.
    #[schema(example = "1.0")]
    pub schema_version: String,
    /// True exactly when there is no finding of severity `error`.
    pub compliant: bool,
    pub ruleset: RuleSetRef,
    pub report: ReportInfo,
    pub summary: Summary,
    /// One entry per part of the rule set, in official order.
    pub parts: Vec<PartReport>,
    /// The headings as nianbao understood them.
    pub outline: Vec<OutlineNode>,
    /// Findings in text order; those without a place come first. At most 100 of one rule and
    /// 1,000 in all are listed; `summary` counts every one.
    pub findings: Vec<Finding>,
    /// True when findings were left out of the list (see `summary` for how many there are).
    pub truncated: bool,
    /// The text spans refer to (the extracted text of a file), when the request asks for it with
    /// `include_text`.
    pub text: Option<String>,
    /// The report beside the same issuer's previous report; absent when none was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<crate::comparison::Comparison>,
    /// What a batch keeps of the report to compare it with the others: never sent.
    #[serde(skip)]
    pub trace: crate::comparison::collection::Trace,
}

/// The rule set a report was checked against.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "cn-fazhi-zhengfu-annual-report", "version": "2026.4"}))]
pub struct RuleSetRef {
    pub id: String,
    pub version: String,
}

/// What nianbao read about the report itself.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportInfo {
    /// The title line, or the title given in the request; null when there is none.
    #[schema(example = "五星街道2024年度法治政府建设情况报告")]
    pub title: Option<String>,
    /// The year the report covers; null when nothing says it.
    #[schema(example = 2024)]
    pub year: Option<i32>,
    /// Where the year was found.
    pub year_source: Option<YearSource>,
    pub script: Script,
    /// Length of the submitted (or extracted) text in Unicode code points.
    #[schema(example = 3048)]
    pub chars: usize,
    /// The issuer's name as the title or the sign-off gives it; null when neither does.
    #[schema(example = "某某县人民政府")]
    pub issuer: Option<String>,
    /// Who issues it, whose deadline applies: as the request gives it, else as the issuer's name
    /// shows (a department's 局, 委, 办), else a government.
    pub issuer_kind: IssuerKind,
    /// The day it was published (the request's date, else the portal's), or else signed;
    /// null when nothing says. The deadline is judged on each of these dates.
    pub published_on: Option<chrono::NaiveDate>,
    /// What the submitted document was.
    pub source: crate::extract::Source,
    /// Which task areas the measures part discusses and how many figures it gives; null when the
    /// report has no measures part.
    pub coverage: Option<crate::facts::coverage::Coverage>,
}

/// A part of the rule set and where the report has it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartReport {
    /// The part's id in the rule set.
    #[schema(example = "shortcomings")]
    pub part: String,
    /// The part's official wording (English with `lang: "en"`).
    #[schema(example = "上一年度推进法治政府建设存在的不足和原因")]
    pub name: String,
    /// A short name for checklists.
    #[schema(example = "存在的不足和原因")]
    pub short_name: String,
    pub required: bool,
    pub status: PartStatus,
    /// The top-level sections assigned to the part.
    pub sections: Vec<Place>,
    /// Places inside other parts that report on it.
    pub mentions: Vec<Place>,
}

/// A heading or a paragraph opening and where it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Place {
    #[schema(example = "三、存在不足")]
    pub text: String,
    pub span: Span,
}

/// A heading of the outline with its sub-headings.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutlineNode {
    /// The heading as written, numbering included.
    #[schema(example = "三、存在不足")]
    pub heading: String,
    /// The numbering mark, when the heading has one.
    #[schema(example = "三、")]
    pub numbering: Option<String>,
    /// 1 for the top level.
    #[schema(minimum = 1)]
    pub level: usize,
    pub span: Span,
    /// Parts of the rule set this top-level section is assigned to.
    pub parts: Vec<String>,
    #[schema(no_recursion)]
    pub children: Vec<OutlineNode>,
}
