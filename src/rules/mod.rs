//! The rules: one module each, a stable id each, documented in a Markdown file beside the module
//! that `GET /v1/rules/{id}` and `nianbao rules` serve.

mod addressee_mismatch;
mod citation_mismatch;
mod doc;
mod doubled_character;
mod first_responsible_shallow;
mod half_width_punctuation;
mod info;
mod measures_coverage;
mod measures_without_figures;
mod no_structure;
mod part_embedded;
mod part_empty;
mod part_missing;
mod part_order;
mod personal_data;
mod plan_restates_year;
mod plan_year_mismatch;
mod profile;
mod published_early;
mod published_late;
mod shortcoming_beyond_powers;
mod shortcomings_too_few;
mod shortcomings_without_reasons;
mod sign_off_missing;
mod title_malformed;
mod title_missing;
mod unbalanced_punctuation;
mod year_mismatch;
mod year_unknown;

use crate::analysis::Analysis;
use crate::report::{Finding, Severity};

pub use doc::{RuleDoc, Section};
pub use info::RuleInfo;
pub use profile::Profile;

/// What a rule is, apart from what it finds.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, never reused.
    pub id: &'static str,
    pub severity: Severity,
    /// The profiles that run it unless a request disables it; empty for rules run on request only.
    pub profiles: &'static [Profile],
    /// The rule's documentation, in the fixed sections of [`RuleDoc`].
    pub doc: &'static str,
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, analysis: &Analysis, findings: &mut Vec<Finding>);
}

/// Every rule, in the order they are documented.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &part_missing::PartMissing,
        &part_embedded::PartEmbedded,
        &part_empty::PartEmpty,
        &part_order::PartOrder,
        &measures_coverage::MeasuresCoverage,
        &measures_without_figures::MeasuresWithoutFigures,
        &shortcomings_without_reasons::ShortcomingsWithoutReasons,
        &shortcomings_too_few::ShortcomingsTooFew,
        &shortcoming_beyond_powers::ShortcomingBeyondPowers,
        &first_responsible_shallow::FirstResponsibleShallow,
        &year_mismatch::YearMismatch,
        &plan_year_mismatch::PlanYearMismatch,
        &plan_restates_year::PlanRestatesYear,
        &year_unknown::YearUnknown,
        &no_structure::NoStructure,
        &title_missing::TitleMissing,
        &title_malformed::TitleMalformed,
        &sign_off_missing::SignOffMissing,
        &addressee_mismatch::AddresseeMismatch,
        &published_late::PublishedLate,
        &published_early::PublishedEarly,
        &unbalanced_punctuation::UnbalancedPunctuation,
        &personal_data::PersonalData,
        &citation_mismatch::CitationMismatch,
        &half_width_punctuation::HalfWidthPunctuation,
        &doubled_character::DoubledCharacter,
    ]
}

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|rule| rule.meta().id == id)
}

/// Runs the rules the request leaves enabled.
pub fn run(analysis: &Analysis) -> Vec<Finding> {
    let options = analysis.options;
    let mut findings = Vec::new();
    for rule in all() {
        let id = rule.meta().id;
        let enabled = (rule.meta().profiles.contains(&options.profile)
            || options.enable.iter().any(|e| e == id))
            && !options.disable.iter().any(|d| d == id);
        if enabled {
            rule.check(analysis, &mut findings);
        }
    }
    findings.sort_by_key(|f| (f.span.map(|s| s.start), f.severity));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all().len());
    }

    #[test]
    fn every_rule_is_fully_documented() {
        for rule in all() {
            let doc = RuleDoc::parse(rule.meta().doc);
            assert_eq!(doc.id, rule.meta().id, "the doc's heading names its rule");
            for section in Section::ALL {
                for english in [false, true] {
                    assert!(
                        !doc.get(section, english).is_empty(),
                        "{}: {section:?} ({english})",
                        doc.id
                    );
                }
            }
        }
    }
}
