//! The rules: one module each, a stable id each, documented in a Markdown file beside the module
//! that `GET /v1/rules/{id}` and `nianbao rules` serve. [`registry!`] below lists every rule
//! once; the rule id enum, the documentation and the dispatch all come from that list.

#[macro_use]
mod registry;
#[cfg(test)]
#[macro_use]
mod testing;
mod context;
mod dating;
mod doc;
mod finding;
#[macro_use]
mod fixed_phrases;
mod info;
mod options;
mod profile;

pub use context::Analysis;
pub use doc::{RuleDoc, Section};
pub use finding::{Finding, Findings, Severity, Summary};
pub use info::RuleInfo;
pub use options::{CheckOptions, OptionError, OptionField, OptionProblem, OptionValues};
pub use profile::Profile;
pub use registry::{Need, Outcome, Rule, RuleMeta, run, unmet_needs};

use profile::{EVERY_PROFILE, ON_REQUEST, STRICT_ONLY};

// Declared here, not by `registry!`, so that `cargo fmt` reaches the rules' files.
mod addressee_mismatch;
mod anachronistic_citation;
mod basis_title_inexact;
mod citation_mismatch;
mod doubled_character;
mod enumeration_punctuation;
mod fazhi_formulation;
mod first_responsible_shallow;
mod format_body;
mod format_headings;
mod format_page;
mod format_page_number;
mod format_title;
mod half_width_punctuation;
mod heading_numbering;
mod measures_coverage;
mod measures_without_figures;
mod no_structure;
mod not_a_report;
mod outdated_formulation;
mod part_embedded;
mod part_empty;
mod part_missing;
mod part_order;
mod personal_data;
mod plan_restates_year;
mod plan_year_mismatch;
mod published_early;
mod published_late;
mod shortcoming_beyond_powers;
mod shortcomings_too_few;
mod shortcomings_without_reasons;
mod sign_off_date_form;
mod sign_off_missing;
mod title_malformed;
mod title_missing;
mod unbalanced_punctuation;
mod unfilled_blank;
mod word_format;
mod wrong_character;
mod year_mismatch;
mod year_unknown;

// Rules on a report beside its previous report (`crate::comparison`): quiet without one.
mod figure_repeated;
mod plan_not_followed;
mod previous_mismatch;
mod reused_from_previous;
mod shortcoming_repeated;

registry! {
    NotAReport = "not-a-report" in not_a_report: Error, EVERY_PROFILE;
    PartMissing = "part-missing" in part_missing: Error, EVERY_PROFILE;
    PartEmbedded = "part-embedded" in part_embedded: Warning, EVERY_PROFILE;
    PartEmpty = "part-empty" in part_empty: Error, EVERY_PROFILE;
    PartOrder = "part-order" in part_order: Info, EVERY_PROFILE;
    MeasuresCoverage = "measures-coverage" in measures_coverage: Info, EVERY_PROFILE;
    MeasuresWithoutFigures = "measures-without-figures" in measures_without_figures: Warning, EVERY_PROFILE;
    ShortcomingsWithoutReasons = "shortcomings-without-reasons" in shortcomings_without_reasons: Warning, EVERY_PROFILE;
    ShortcomingsTooFew = "shortcomings-too-few" in shortcomings_too_few: Warning, EVERY_PROFILE;
    ShortcomingBeyondPowers = "shortcoming-beyond-powers" in shortcoming_beyond_powers: Warning, EVERY_PROFILE;
    FirstResponsibleShallow = "first-responsible-shallow" in first_responsible_shallow: Warning, EVERY_PROFILE;
    YearMismatch = "year-mismatch" in year_mismatch: Warning, EVERY_PROFILE;
    PlanYearMismatch = "plan-year-mismatch" in plan_year_mismatch: Warning, EVERY_PROFILE;
    PlanRestatesYear = "plan-restates-year" in plan_restates_year: Warning, EVERY_PROFILE;
    YearUnknown = "year-unknown" in year_unknown: Warning, EVERY_PROFILE;
    NoStructure = "no-structure" in no_structure: Warning, EVERY_PROFILE;
    TitleMissing = "title-missing" in title_missing: Warning, STRICT_ONLY;
    TitleMalformed = "title-malformed" in title_malformed: Warning, EVERY_PROFILE;
    SignOffMissing = "sign-off-missing" in sign_off_missing: Warning, STRICT_ONLY;
    AddresseeMismatch = "addressee-mismatch" in addressee_mismatch: Warning, EVERY_PROFILE;
    PublishedLate = "published-late" in published_late: Error, EVERY_PROFILE;
    PublishedEarly = "published-early" in published_early: Error, EVERY_PROFILE;
    UnbalancedPunctuation = "unbalanced-punctuation" in unbalanced_punctuation: Warning, EVERY_PROFILE;
    PersonalData = "personal-data" in personal_data: Warning, EVERY_PROFILE;
    CitationMismatch = "citation-mismatch" in citation_mismatch: Warning, EVERY_PROFILE;
    // Copies scraped from portals have ASCII punctuation everywhere: asked for, not imposed.
    HalfWidthPunctuation = "half-width-punctuation" in half_width_punctuation: Warning, ON_REQUEST;
    DoubledCharacter = "doubled-character" in doubled_character: Warning, EVERY_PROFILE;
    OutdatedFormulation = "outdated-formulation" in outdated_formulation: Warning, EVERY_PROFILE;
    FazhiFormulation = "fazhi-formulation" in fazhi_formulation: Warning, EVERY_PROFILE;
    AnachronisticCitation = "anachronistic-citation" in anachronistic_citation: Warning, EVERY_PROFILE;
    WrongCharacter = "wrong-character" in wrong_character: Warning, EVERY_PROFILE;
    EnumerationPunctuation = "enumeration-punctuation" in enumeration_punctuation: Warning, EVERY_PROFILE;
    // Titles copied with ASCII brackets or dashes are common and harmless to a reader: the
    // collecting office's profile only.
    BasisTitleInexact = "basis-title-inexact" in basis_title_inexact: Warning, STRICT_ONLY;
    // A report beside last year's: only when a previous report is given.
    PreviousMismatch = "previous-mismatch" in previous_mismatch: Warning, EVERY_PROFILE;
    ReusedFromPrevious = "reused-from-previous" in reused_from_previous: Warning, EVERY_PROFILE;
    ShortcomingRepeated = "shortcoming-repeated" in shortcoming_repeated: Warning, EVERY_PROFILE;
    PlanNotFollowed = "plan-not-followed" in plan_not_followed: Info, EVERY_PROFILE;
    FigureRepeated = "figure-repeated" in figure_repeated: Info, EVERY_PROFILE;
    // The report as a 公文 (GB/T 9704): its numbering, blanks left from a template, the date.
    HeadingNumbering = "heading-numbering" in heading_numbering: Warning, EVERY_PROFILE;
    UnfilledBlank = "unfilled-blank" in unfilled_blank: Warning, EVERY_PROFILE;
    SignOffDateForm = "sign-off-date-form" in sign_off_date_form: Warning, EVERY_PROFILE;
    // A Word document's format against the format profile (GB/T 9704-2012 by default); quiet
    // on every other format, which has none.
    FormatPage = "format-page" in format_page: Warning, EVERY_PROFILE;
    FormatTitle = "format-title" in format_title: Warning, EVERY_PROFILE;
    FormatBody = "format-body" in format_body: Warning, EVERY_PROFILE;
    FormatHeadings = "format-headings" in format_headings: Warning, EVERY_PROFILE;
    FormatPageNumber = "format-page-number" in format_page_number: Warning, EVERY_PROFILE;
}
