//! The rule set as it is written in JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize)]
pub struct RuleSetData {
    pub id: String,
    pub version: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub basis: Vec<Basis>,
    pub parts: Vec<PartSpec>,
    pub deadlines: Deadlines,
    pub layout: Layout,
    pub proofreading: Proofreading,
    pub title: TitleWords,
    pub issuer_levels: Vec<IssuerLevel>,
    /// Other genres a document sent for checking may be.
    #[serde(default)]
    pub genres: Vec<GenreSpec>,
    pub coverage: Coverage,
    pub thresholds: Thresholds,
    /// What comparing a report with another leaves out and how much reuse is reported.
    #[serde(default)]
    pub comparison: ComparisonWords,
    /// Fixed formulations reports write wrongly.
    #[serde(default)]
    pub formulations: Vec<Formulation>,
    /// Meetings and documents with their dates, for anachronisms.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A fixed formulation written wrongly: where, what is right instead, and on what authority.
#[derive(Debug, Clone, Deserialize)]
pub struct Formulation {
    pub id: String,
    /// The id of the rule that reports it.
    pub rule: String,
    /// A regular expression over the normalised text of one line.
    pub pattern: String,
    /// The right form; `$1` … are the pattern's groups.
    pub right: String,
    /// The report years in which the wrong form is wrong, both ends included.
    #[serde(default)]
    pub wrong_from: Option<i32>,
    #[serde(default)]
    pub wrong_until: Option<i32>,
    /// Right phrases that contain a match.
    #[serde(default)]
    pub unless: Vec<String>,
    /// When not empty, the only right forms there are: a match whose right form is none of them
    /// (a title for a period that does not exist, 2022—2025) is another rule's concern.
    #[serde(default)]
    pub right_among: Vec<String>,
    pub source: Source,
}

/// Where a right form comes from.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A meeting or document a report may cite, and the day it took place or was issued.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub id: String,
    pub name: String,
    /// Its name in English messages.
    #[serde(default)]
    pub name_en: Option<String>,
    pub words: Vec<String>,
    pub date: String,
    /// Words of a sentence that looks forward to it.
    #[serde(default)]
    pub unless: Vec<String>,
}

/// A genre of document that is not the report (政策解读, 实施方案 …), told by its title or
/// its opening.
#[derive(Debug, Clone, Deserialize)]
pub struct GenreSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub title_words: Vec<String>,
    /// Words at the start of the opening, when the title does not call it a report.
    #[serde(default)]
    pub opening_words: Vec<String>,
    /// Title words that make it the report after all.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Words of a headline telling of the report (公开发布……报告): with an opening of
    /// `opening_words`, a headline naming the report is this genre's.
    #[serde(default)]
    pub about_words: Vec<String>,
}

/// What a title must say.
#[derive(Debug, Clone, Deserialize)]
pub struct TitleWords {
    pub subject_words: Vec<String>,
    pub genre_words: Vec<String>,
    pub wrong_genre_words: Vec<String>,
}

/// A level of issuer (townships and sub-districts) and the work it has no power to do.
#[derive(Debug, Clone, Deserialize)]
pub struct IssuerLevel {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub markers: Vec<String>,
    /// How the issuer's name ends at this level (某某镇, 某某乡).
    #[serde(default)]
    pub suffixes: Vec<String>,
    pub beyond_powers: Vec<String>,
}

/// The task areas the measures part is read against, and what counts as a figure.
#[derive(Debug, Clone, Deserialize)]
pub struct Coverage {
    /// The part whose text is read.
    pub part: String,
    pub basis: String,
    pub areas: Vec<Area>,
    pub figure_units: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Area {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub words: Vec<String>,
}

/// What a proofreader checks.
#[derive(Debug, Clone, Deserialize)]
pub struct Proofreading {
    /// Marks that must balance within a paragraph: (opening, closing).
    pub pairs: Vec<(String, String)>,
    /// Doubled characters that are words, never slips.
    pub reduplications: Vec<String>,
    /// Words that may follow a name ending in their own first character: 北城街|街道,
    /// 市|市场监管局.
    #[serde(default)]
    pub word_starts: Vec<String>,
}

/// A document the rule set enforces.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": "ducha", "short_name": "督察规定", "title": "法治政府建设与责任落实督察工作规定", "number": "厅字〔2019〕28号"}))]
pub struct Basis {
    /// Identifier within the rule set.
    pub id: String,
    /// The short name reviewers use.
    pub short_name: String,
    /// The short name in English (“the Implementation Outline”).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name_en: Option<String>,
    /// The document's full title.
    pub title: String,
    /// The issuing bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The document number, when it has one.
    #[serde(default)]
    pub number: Option<String>,
    /// The year it was issued, when it has no number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The date it came into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// The report years for which it is the edition in force (an Outline's plan period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<Covers>,
}

impl Basis {
    /// The short name in a message's language (the Chinese one where no English is given).
    pub fn short_name_in(&self, english: bool) -> &str {
        match &self.short_name_en {
            Some(name) if english => name,
            _ => &self.short_name,
        }
    }
}

impl Event {
    /// The name in a message's language (the Chinese one where no English is given).
    pub fn name_in(&self, english: bool) -> &str {
        match &self.name_en {
            Some(name) if english => name,
            _ => &self.name,
        }
    }
}

/// A span of report years, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Covers {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PartSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub short_name: String,
    #[serde(default)]
    pub short_name_en: Option<String>,
    pub required: bool,
    pub order: u32,
    pub basis: String,
    pub suggested_heading: String,
    #[serde(default)]
    pub year_offset: Option<i32>,
    #[serde(default)]
    pub catch_all: Option<CatchAll>,
    #[serde(default)]
    pub yields_to: Vec<String>,
    pub heading_words: Vec<String>,
    pub opening_words: Vec<String>,
    #[serde(default)]
    pub mention: Option<MentionSpec>,
    pub facets: BTreeMap<Facet, Vec<String>>,
}

/// How a sentence inside another part reports on a part: one of `words`, or a word of each
/// list of `together`; with a word of `context` either way.
#[derive(Debug, Clone, Deserialize)]
pub struct MentionSpec {
    pub words: Vec<String>,
    pub together: Vec<Vec<String>>,
    pub context: Vec<String>,
    /// Other duties of the same name (安全生产第一责任人): without a word of `context`, a text
    /// with one of these does not report on the part, whatever it opens with.
    #[serde(default)]
    pub unless: Vec<String>,
    /// Duties the issuer organises for others (a justice bureau organising all principal
    /// leaders' 述法): a sentence with one of these is not the issuer's own duty.
    #[serde(default)]
    pub of_others: Vec<String>,
}

/// A named word list of a part that a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    /// How a shortcoming is written.
    Shortcomings,
    /// How causes of shortcomings are analysed.
    Causes,
    /// The principal leaders named jointly.
    Who,
    /// The Party committee's principal leader.
    WhoParty,
    /// The government's principal leader.
    WhoGovernment,
    /// Duties carried out in person.
    What,
    /// Words that report work already done (in the plans).
    Retrospective,
    /// Words of remedying a past year's problems (in the plans: 抓好2024年度督察反馈问题整改).
    Remedies,
    /// Set phrases that name a duty without anyone doing it (一把手工程, 关键少数, 四个亲自,
    /// 领导干部带头尊法学法守法用法): left out before leaders and acts are looked for.
    Slogans,
}

impl std::fmt::Display for Facet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            Facet::Shortcomings => "shortcomings",
            Facet::Causes => "causes",
            Facet::Who => "who",
            Facet::WhoParty => "who_party",
            Facet::WhoGovernment => "who_government",
            Facet::What => "what",
            Facet::Retrospective => "retrospective",
            Facet::Remedies => "remedies",
            Facet::Slogans => "slogans",
        };
        f.write_str(name)
    }
}

/// Top-level headings with no keyword belong to this part while they come before `before`.
#[derive(Debug, Clone, Deserialize)]
pub struct CatchAll {
    pub before: Vec<String>,
}

/// Two acts, two deadlines: publication and submission upward.
#[derive(Debug, Clone, Deserialize)]
pub struct Deadlines {
    pub publication: DeadlineTable,
    pub submission: DeadlineTable,
}

impl Deadlines {
    pub fn of(&self, act: Act) -> &DeadlineTable {
        match act {
            Act::Publication => &self.publication,
            Act::Submission => &self.submission,
        }
    }
}

/// Month and day of the following year, per issuer kind.
#[derive(Debug, Clone, Deserialize)]
pub struct DeadlineTable {
    pub government: String,
    pub department: String,
}

/// What a deadline is for: the report's publication, or its submission to the level above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Publication,
    Submission,
}

/// Who issues the report; departments may have an earlier deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum IssuerKind {
    /// A local Party committee and government, or a township or sub-district office.
    #[default]
    Government,
    /// A government department.
    Department,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Layout {
    pub title_words: Vec<String>,
    pub metadata_labels: Vec<String>,
    pub citation_brackets: Vec<(String, String)>,
    pub date_labels: Vec<String>,
    /// Metadata labels whose value is the issuer's name (发布机构, 发文机关).
    #[serde(default)]
    pub issuer_labels: Vec<String>,
    pub addressee_words: AddresseeWords,
    /// Words of a portal page's chrome lines (分享, 打印, 字号 …).
    #[serde(default)]
    pub chrome_words: Vec<String>,
    /// Words of a cover letter's title (关于报送 …).
    #[serde(default)]
    pub cover_letter_words: Vec<String>,
    /// How the issuer's name ends, by kind, when a request does not say who issues it.
    #[serde(default)]
    pub issuer_suffixes: IssuerSuffixes,
}

/// The endings of issuers' names: 人民政府 and 街道办事处 are governments, 局 and 委员会
/// departments. Government endings are tried first.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IssuerSuffixes {
    pub government: Vec<String>,
    pub department: Vec<String>,
}

/// Words an addressee line has when it fits the issuer kind.
#[derive(Debug, Clone, Deserialize)]
pub struct AddresseeWords {
    pub government: Vec<String>,
    pub department: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Thresholds {
    pub heading_max_chars: usize,
    pub title_max_chars: usize,
    pub title_search_lines: usize,
    pub opening_chars: usize,
    pub part_empty_max_chars: usize,
    pub traditional_min_share: f64,
    pub context_chars: usize,
    pub min_shortcomings: usize,
    pub coverage_min_mentions: usize,
    pub min_figures_per_1000_chars: f64,
    /// Measures shorter than this are not judged for figures.
    #[serde(default = "default_figures_min_chars")]
    pub figures_min_chars: usize,
    pub plan_retrospective_share: f64,
    /// How alike (Dice's coefficient of character pairs) a plan's sentence and one of the other
    /// parts' must be for the plan to copy it with a word or a figure changed.
    #[serde(default = "default_plan_copy_similarity")]
    pub plan_copy_similarity: f64,
}

fn default_plan_copy_similarity() -> f64 {
    0.6
}

/// The rule set's data for comparing reports (`comparison` in the JSON).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ComparisonWords {
    pub reuse_threshold: f64,
    pub min_sentence_chars: usize,
    pub set_phrases: Vec<String>,
    pub remedy_words: Vec<String>,
    pub generic_words: Vec<String>,
    pub activity_words: Vec<String>,
}

impl Default for ComparisonWords {
    fn default() -> Self {
        Self {
            reuse_threshold: 0.25,
            min_sentence_chars: 12,
            set_phrases: Vec::new(),
            remedy_words: Vec::new(),
            generic_words: Vec::new(),
            activity_words: Vec::new(),
        }
    }
}

fn default_figures_min_chars() -> usize {
    100
}
