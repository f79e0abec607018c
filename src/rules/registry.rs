//! The registry: [`registry!`] turns the one list of rules in `rules/mod.rs` into the
//! [`RuleId`] enum, each rule's [`RuleMeta`] (with its documentation file) and the dispatch, as
//! ruff's `codes.rs` does. A rule module only implements [`Rule`].

use serde::{Serialize, Serializer};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

use super::finding::MAX_PER_REPORT;
use super::{Analysis, Finding, Findings, Profile, RuleId, Severity, Summary};
use crate::cancel::Cancel;
use crate::ruleset::{Facet, RuleSet, Violation};

/// What a rule is, apart from what it finds.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, never reused.
    pub id: &'static str,
    pub severity: Severity,
    /// The profiles that run it unless a request disables it; empty for rules run on request only.
    pub profiles: &'static [Profile],
    /// The rule's documentation, in the fixed sections of [`super::RuleDoc`].
    pub doc: &'static str,
    /// What it reads from the rule set besides the parts.
    pub needs: &'static [Need],
    /// Whether it judges a report's content, and so stays quiet on a document of another genre.
    pub about_report: bool,
    /// Whether its suggestion is certain, and so a finding carries it as a `fix`.
    pub fixes: bool,
}

/// Something a rule reads from the rule set by name; a rule set that lacks it is refused when
/// it is loaded, instead of the rule going quiet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A part with words for this facet.
    Facet(Facet),
    /// A basis document with this id.
    Basis(&'static str),
}

pub trait Rule {
    const NEEDS: &'static [Need] = &[];
    /// Proofreading rules read any text; the others judge a report and stay quiet on a
    /// document of another genre.
    const ABOUT_REPORT: bool = true;
    /// Its suggestions are certain corrections (a slip and its right form), given as a `fix`
    /// that a drafter accepts as it is; a suggestion to think about is never one.
    const FIXES: bool = false;
    fn check(analysis: &Analysis, out: &mut Findings);
}

/// Lists every rule once: `Variant = "id" in module: Severity, PROFILES;`. The module holds
/// `pub struct Variant` implementing [`Rule`], sits beside `module.md`, its documentation, and
/// is declared in `rules/mod.rs`.
macro_rules! registry {
    ($($rule:ident = $id:literal in $module:ident: $severity:ident, $profiles:ident;)*) => {
        /// A rule's stable id (`part-missing`, …), never reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($rule,)*
        }

        impl RuleId {
            /// Every rule, in the order they are documented.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$rule,)*];

            pub fn meta(self) -> &'static RuleMeta {
                match self {
                    $(RuleId::$rule => {
                        static META: RuleMeta = RuleMeta {
                            id: $id,
                            severity: Severity::$severity,
                            profiles: $profiles,
                            doc: include_str!(concat!(stringify!($module), ".md")),
                            needs: <$module::$rule as Rule>::NEEDS,
                            about_report: <$module::$rule as Rule>::ABOUT_REPORT,
                            fixes: <$module::$rule as Rule>::FIXES,
                        };
                        &META
                    })*
                }
            }

            fn check(self, analysis: &Analysis, out: &mut Findings) {
                match self {
                    $(RuleId::$rule => <$module::$rule as Rule>::check(analysis, out),)*
                }
            }
        }
    };
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        self.meta().id
    }

    pub fn severity(self) -> Severity {
        self.meta().severity
    }

    /// The rule with this id, if there is one.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|rule| rule.as_str() == id)
    }

    /// Whether the profile runs it when a request names no rules.
    pub fn in_profile(self, profile: Profile) -> bool {
        self.meta().profiles.contains(&profile)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialSchema for RuleId {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A rule's id, as `GET /v1/rules` lists them."))
            .enum_values(Some(RuleId::ALL.iter().map(|rule| rule.as_str())))
            .into()
    }
}

impl ToSchema for RuleId {}

/// What the rules found in one report.
pub struct Outcome {
    /// In text order, those without a place first; at most [`super::finding::MAX_PER_RULE`] of a rule and
    /// [`MAX_PER_REPORT`] in all.
    pub findings: Vec<Finding>,
    /// Every finding, listed or not.
    pub summary: Summary,
    pub truncated: bool,
}

/// Runs the rules the options leave enabled.
/// Runs every rule the options ask for; `None` once `cancel` is set (checked between rules).
pub fn run(analysis: &Analysis, cancel: &Cancel) -> Option<Outcome> {
    let mut findings = Vec::new();
    let mut summary = Summary::default();
    let is_report = analysis.facts.genre.is_report();
    for &rule in RuleId::ALL {
        if analysis.options.runs(rule) && (is_report || !rule.meta().about_report) {
            if cancel.is_cancelled() {
                return None;
            }
            let mut out = Findings::new(analysis, rule);
            rule.check(analysis, &mut out);
            let (listed, found) = out.into_parts();
            summary.add(rule.severity(), found);
            findings.extend(listed);
        }
    }
    findings.sort_by_key(|f| (f.span.map(|s| s.start), f.severity));
    findings.truncate(MAX_PER_REPORT);
    let truncated = findings.len() < summary.total();
    Some(Outcome {
        findings,
        summary,
        truncated,
    })
}

/// What the rules need that a rule set lacks, each with where it belongs and the rule that needs
/// it.
pub fn unmet_needs(rules: &RuleSet) -> Vec<Violation> {
    let mut violations = Vec::new();
    for &rule in RuleId::ALL {
        for need in rule.meta().needs {
            let (met, pointer, message) = match *need {
                Need::Facet(facet) => (
                    rules.parts().iter().any(|part| part.facet(facet).is_some()),
                    "/parts",
                    format!("rule {rule} needs a part with words for the facet '{facet}'"),
                ),
                Need::Basis(id) => (
                    rules.basis(id).is_some(),
                    "/basis",
                    format!("rule {rule} cites the basis document '{id}', which is not listed"),
                ),
            };
            if !met {
                violations.push(Violation {
                    pointer: pointer.to_owned(),
                    message,
                });
            }
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::super::{CheckOptions, RuleDoc, Section};
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_name_their_module() {
        let mut ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(rule));
            let json = serde_json::to_value(rule).unwrap();
            assert_eq!(json, rule.as_str());
        }
    }

    #[test]
    fn every_rule_is_fully_documented() {
        for &rule in RuleId::ALL {
            let markdown = rule.meta().doc;
            let heading = markdown.lines().next().unwrap_or_default();
            assert_eq!(
                heading,
                format!("# {rule}"),
                "the doc's heading names its rule"
            );
            let doc = RuleDoc::parse(markdown);
            for section in Section::ALL {
                for english in [false, true] {
                    assert!(
                        !doc.get(section, english).is_empty(),
                        "{rule}: {section:?} ({english})"
                    );
                }
            }
        }
    }

    #[test]
    fn findings_are_listed_up_to_a_cap_and_counted_in_full() {
        use crate::rules::testing::{REPORT, check, report_with};
        let marks = "（".repeat(5_000);
        let text = report_with("青山县人民政府\n", &format!("{marks}\n青山县人民政府\n"));
        let report = check(&text, &CheckOptions::default());
        let listed = report
            .findings
            .iter()
            .filter(|f| f.rule == RuleId::UnbalancedPunctuation)
            .count();
        assert_eq!(listed, super::super::finding::MAX_PER_RULE);
        assert!(report.truncated);
        assert_eq!(report.summary.warning, 5_000);
        let clean = check(REPORT, &CheckOptions::default());
        assert!(!clean.truncated);
    }

    #[test]
    fn a_rule_set_without_a_facet_a_rule_reads_is_refused_naming_the_rule() {
        let mut json: serde_json::Value =
            serde_json::from_str(crate::ruleset::DEFAULT_RULESET_JSON).unwrap();
        json["parts"][1]["facets"]
            .as_object_mut()
            .unwrap()
            .remove("causes");
        let rules = RuleSet::from_json_str(&json.to_string()).unwrap();
        let unmet = unmet_needs(&rules);
        assert_eq!(unmet.len(), 1, "{unmet:?}");
        assert_eq!(unmet[0].pointer, "/parts");
        assert!(
            unmet[0].message.contains("shortcomings-without-reasons")
                && unmet[0].message.contains("causes"),
            "{}",
            unmet[0].message
        );
        let refused = crate::engine::Engine::new(rules).unwrap_err();
        assert!(refused.to_string().contains("shortcomings-without-reasons"));
    }

    #[test]
    fn a_rule_set_without_a_cited_basis_is_refused() {
        let mut json: serde_json::Value =
            serde_json::from_str(crate::ruleset::DEFAULT_RULESET_JSON).unwrap();
        let basis = json["basis"].as_array_mut().unwrap();
        basis.retain(|b| b["id"] != "gangyao");
        let Ok(rules) = RuleSet::from_json_str(&json.to_string()) else {
            // The rule set itself may already refer to it (coverage, citations).
            return;
        };
        let unmet = unmet_needs(&rules);
        assert!(
            unmet
                .iter()
                .any(|v| v.pointer == "/basis" && v.message.contains("published-late")),
            "{unmet:?}"
        );
    }
}
