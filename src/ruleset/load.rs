//! Loading a rule set: JSON, then its schema, then the checks a schema cannot express.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::model::{
    Act, Facet, GenreSpec, IssuerKind, IssuerLevel, MentionSpec, PartSpec, RuleSetData,
};
use super::words::WordSet;
use super::{DEFAULT_RULESET_JSON, RULESET_SCHEMA_JSON};

/// One thing wrong in a rule set, with the JSON Pointer to where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "at {pointer}: {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read the rule set file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the rule set is not valid JSON (line {line}, column {column}): {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the rule set is invalid:\n{}", list(.0))]
    Invalid(Vec<Violation>),
}

fn list(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  - {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A part's place in the rule set's official order: parts compare in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartIndex(usize);

impl PartIndex {
    /// The position, for lists kept in official order (one entry per part).
    pub fn get(self) -> usize {
        self.0
    }
}

/// A part of the rule set with its words compiled.
#[derive(Debug, Clone)]
pub struct Part {
    pub spec: PartSpec,
    pub heading_words: WordSet,
    pub opening_words: WordSet,
    pub mention: Option<Mention>,
    pub facets: BTreeMap<Facet, WordSet>,
}

/// A part's [`MentionSpec`], compiled.
#[derive(Debug, Clone)]
pub struct Mention {
    words: WordSet,
    together: Vec<WordSet>,
    context: WordSet,
    unless: WordSet,
    of_others: WordSet,
}

impl Mention {
    fn new(spec: &MentionSpec) -> Self {
        Self {
            words: WordSet::new(&spec.words),
            together: spec.together.iter().map(|w| WordSet::new(w)).collect(),
            context: WordSet::new(&spec.context),
            unless: WordSet::new(&spec.unless),
            of_others: WordSet::new(&spec.of_others),
        }
    }

    /// Whether a sentence reports on the part.
    pub fn is_in(&self, sentence: &str) -> bool {
        let together =
            !self.together.is_empty() && self.together.iter().all(|w| w.is_match(sentence));
        (self.words.is_match(sentence) || together)
            && self.context.is_match(sentence)
            && !self.of_others.is_match(sentence)
    }

    /// Whether a text that seems to report on the part is about another duty of the same name
    /// (安全生产第一责任人).
    pub fn is_elsewhere(&self, text: &str) -> bool {
        (self.unless.is_match(text) && !self.context.is_match(text))
            || self.of_others.is_match(text)
    }
}

impl Part {
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    pub fn facet(&self, facet: Facet) -> Option<&WordSet> {
        self.facets.get(&facet).filter(|words| !words.is_empty())
    }

    /// The part's official wording in the requested language.
    pub fn name(&self, english: bool) -> &str {
        match (&self.spec.name_en, english) {
            (Some(name), true) => name,
            _ => &self.spec.name,
        }
    }

    /// The part's short name, for messages and checklists.
    pub fn short_name(&self, english: bool) -> &str {
        match (&self.spec.short_name_en, english) {
            (Some(name), true) => name,
            _ => &self.spec.short_name,
        }
    }
}

/// A validated rule set, ready for checking.
#[derive(Debug)]
pub struct RuleSet {
    pub data: RuleSetData,
    raw: Value,
    /// In official order.
    parts: Vec<Part>,
    pub title_words: WordSet,
    pub metadata_labels: WordSet,
    /// Citations of basis documents whose titles name years or which have numbers.
    pub citations: Vec<super::citations::Citation>,
    pub title: CompiledTitle,
    pub date_labels: WordSet,
    pub issuer_labels: WordSet,
    pub chrome_words: WordSet,
    pub cover_letter_words: WordSet,
    government_addressees: WordSet,
    department_addressees: WordSet,
    pub issuer_levels: Vec<Level>,
    pub genres: Vec<GenreWords>,
    /// The words of every coverage area in one automaton, so a text is scanned once.
    pub area_words: WordSet,
    /// For each word of `area_words`, the index of its area.
    pub area_of_word: Vec<usize>,
    /// The proofreading rules' paired marks.
    pub paired_marks: super::marks::PairedMarks,
    pub formulations: Vec<super::formulations::CompiledFormulation>,
    pub events: Vec<super::formulations::CompiledEvent>,
    pub event_words: super::formulations::EventWords,
    /// How a Word document is laid out (GB/T 9704-2012 unless another profile is given).
    pub format: crate::format::FormatProfile,
    /// The comparison's set phrases, compiled once: every check traces its sentences.
    pub set_phrases: WordSet,
}

/// The title's word lists, compiled.
#[derive(Debug)]
pub struct CompiledTitle {
    pub subject: WordSet,
    pub genre: WordSet,
    pub wrong_genre: WordSet,
}

/// A genre with its words compiled.
#[derive(Debug)]
pub struct GenreWords {
    pub spec: GenreSpec,
    pub title_words: WordSet,
    pub opening_words: WordSet,
    pub unless: WordSet,
    pub about_words: WordSet,
}

impl GenreWords {
    pub fn name(&self, english: bool) -> &str {
        match (&self.spec.name_en, english) {
            (Some(name), true) => name,
            _ => &self.spec.name,
        }
    }
}

/// An issuer level with its words compiled.
#[derive(Debug)]
pub struct Level {
    pub spec: IssuerLevel,
    pub markers: WordSet,
    pub beyond_powers: WordSet,
}

impl RuleSet {
    /// The rule set embedded in the binary.
    pub fn embedded() -> Self {
        Self::from_json_str(DEFAULT_RULESET_JSON).expect("the embedded rule set is valid")
    }

    /// The same rule set with another format profile.
    pub fn with_format_profile(mut self, profile: crate::format::FormatProfile) -> Self {
        self.format = profile;
        self
    }

    pub fn from_file(path: &Path) -> Result<Self, LoadError> {
        Self::from_json_str(&read_text(path)?)
    }

    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        let raw = parse_json(text)?;
        validate_against_schema(&raw)?;
        let data: RuleSetData = serde_json::from_value(raw.clone()).map_err(|e| {
            LoadError::Invalid(vec![Violation {
                pointer: String::new(),
                message: e.to_string(),
            }])
        })?;
        let violations = consistency_violations(&data);
        if !violations.is_empty() {
            return Err(LoadError::Invalid(violations));
        }
        Ok(Self::compile(data, raw))
    }

    fn compile(data: RuleSetData, raw: Value) -> Self {
        let mut parts: Vec<Part> = data
            .parts
            .iter()
            .map(|spec| Part {
                spec: spec.clone(),
                heading_words: WordSet::new(&spec.heading_words),
                opening_words: WordSet::new(&spec.opening_words),
                mention: spec.mention.as_ref().map(Mention::new),
                facets: spec
                    .facets
                    .iter()
                    .map(|(&facet, words)| (facet, WordSet::new(words)))
                    .collect(),
            })
            .collect();
        parts.sort_by_key(|p| p.spec.order);
        let title = &data.title;
        let (area_words, area_of_word): (Vec<String>, Vec<usize>) = data
            .coverage
            .areas
            .iter()
            .enumerate()
            .flat_map(|(area, spec)| spec.words.iter().map(move |word| (word.clone(), area)))
            .unzip();
        let (formulations, events) = super::formulations::compile(&data);
        Self {
            set_phrases: WordSet::new(&data.comparison.set_phrases),
            format: crate::format::FormatProfile::embedded(),
            event_words: super::formulations::event_words(&data),
            formulations,
            events,
            citations: super::citations::compile(&data.basis),
            title_words: WordSet::new(&data.layout.title_words),
            metadata_labels: WordSet::new(&data.layout.metadata_labels),
            title: CompiledTitle {
                subject: WordSet::new(&title.subject_words),
                genre: WordSet::new(&title.genre_words),
                wrong_genre: WordSet::new(&title.wrong_genre_words),
            },
            date_labels: WordSet::new(&data.layout.date_labels),
            issuer_labels: WordSet::new(&data.layout.issuer_labels),
            chrome_words: WordSet::new(&data.layout.chrome_words),
            cover_letter_words: WordSet::new(&data.layout.cover_letter_words),
            government_addressees: WordSet::new(&data.layout.addressee_words.government),
            department_addressees: WordSet::new(&data.layout.addressee_words.department),
            genres: data
                .genres
                .iter()
                .map(|genre| GenreWords {
                    spec: genre.clone(),
                    title_words: WordSet::new(&genre.title_words),
                    opening_words: WordSet::new(&genre.opening_words),
                    unless: WordSet::new(&genre.unless),
                    about_words: WordSet::new(&genre.about_words),
                })
                .collect(),
            issuer_levels: data
                .issuer_levels
                .iter()
                .map(|level| Level {
                    spec: level.clone(),
                    markers: WordSet::new(&level.markers),
                    beyond_powers: WordSet::new(&level.beyond_powers),
                })
                .collect(),
            area_words: WordSet::new(&area_words),
            area_of_word,
            paired_marks: super::marks::PairedMarks::new(
                data.proofreading.pairs.iter().filter_map(|(open, close)| {
                    Some((open.chars().next()?, close.chars().next()?))
                }),
            ),
            parts,
            data,
            raw,
        }
    }

    /// The rule set as it was loaded.
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// The parts in official order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The parts in official order, each with its index.
    pub fn indexed_parts(&self) -> impl Iterator<Item = (PartIndex, &Part)> {
        self.parts
            .iter()
            .enumerate()
            .map(|(i, part)| (PartIndex(i), part))
    }

    pub fn part_at(&self, index: PartIndex) -> &Part {
        &self.parts[index.0]
    }

    /// Index of a part in official order.
    pub fn part_index(&self, id: &str) -> Option<PartIndex> {
        self.parts.iter().position(|p| p.id() == id).map(PartIndex)
    }

    /// The part whose headings name the following year (the plans), if the rule set has one.
    pub fn plan_part(&self) -> Option<PartIndex> {
        self.parts
            .iter()
            .position(|p| p.spec.year_offset == Some(1))
            .map(PartIndex)
    }

    /// Words an addressee line has when it fits reports from `kind`.
    pub fn addressees(&self, kind: IssuerKind) -> &WordSet {
        match kind {
            IssuerKind::Government => &self.government_addressees,
            IssuerKind::Department => &self.department_addressees,
        }
    }

    pub fn basis(&self, id: &str) -> Option<&super::Basis> {
        self.data.basis.iter().find(|b| b.id == id)
    }

    /// The last day to publish (or submit) a report on `year`.
    pub fn deadline(&self, act: Act, kind: IssuerKind, year: i32) -> NaiveDate {
        let table = self.data.deadlines.of(act);
        let month_day = match kind {
            IssuerKind::Government => &table.government,
            IssuerKind::Department => &table.department,
        };
        month_day_in(month_day, year + 1)
            .or_else(|| NaiveDate::from_ymd_opt(year + 1, 3, 1))
            .expect("the first of March exists every year")
    }
}

/// `MM-DD` in a given year; 02-29 in a common year is `None`.
fn month_day_in(month_day: &str, year: i32) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{year}-{month_day}"), "%Y-%m-%d").ok()
}

fn validate_against_schema(raw: &Value) -> Result<(), LoadError> {
    let schema: Value =
        serde_json::from_str(RULESET_SCHEMA_JSON).expect("the rule set schema is valid JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the rule set schema compiles");
    let violations: Vec<Violation> = validator
        .iter_errors(raw)
        .map(|error| Violation {
            pointer: error.instance_path().as_str().to_owned(),
            message: error.to_string(),
        })
        .collect();
    if violations.is_empty() {
        Ok(())
    } else {
        Err(LoadError::Invalid(violations))
    }
}

/// What the schema cannot say: ids unique and references resolved, dates that exist.
fn consistency_violations(data: &RuleSetData) -> Vec<Violation> {
    let mut violations = super::formulations::violations(data);
    let mut flag =
        |pointer: String, message: String| violations.push(Violation { pointer, message });
    let part_ids: HashSet<&str> = data.parts.iter().map(|p| p.id.as_str()).collect();
    let basis_ids: HashSet<&str> = data.basis.iter().map(|b| b.id.as_str()).collect();
    let mut seen_ids = HashSet::new();
    let mut seen_orders = HashSet::new();
    for (i, part) in data.parts.iter().enumerate() {
        if !seen_ids.insert(part.id.as_str()) {
            flag(
                format!("/parts/{i}/id"),
                format!("part id '{}' is used twice", part.id),
            );
        }
        if !seen_orders.insert(part.order) {
            flag(
                format!("/parts/{i}/order"),
                format!("order {} is used twice", part.order),
            );
        }
        if !basis_ids.contains(part.basis.as_str()) {
            flag(
                format!("/parts/{i}/basis"),
                format!("no basis document has the id '{}'", part.basis),
            );
        }
        for (j, other) in part.yields_to.iter().enumerate() {
            if !part_ids.contains(other.as_str()) {
                flag(
                    format!("/parts/{i}/yields_to/{j}"),
                    format!("no part has the id '{other}'"),
                );
            }
        }
        if let Some(catch_all) = &part.catch_all {
            for (j, other) in catch_all.before.iter().enumerate() {
                if !part_ids.contains(other.as_str()) {
                    flag(
                        format!("/parts/{i}/catch_all/before/{j}"),
                        format!("no part has the id '{other}'"),
                    );
                }
            }
        }
    }
    if data
        .parts
        .iter()
        .filter(|p| p.year_offset == Some(1))
        .count()
        > 1
    {
        flag(
            "/parts".into(),
            "only one part may have year_offset 1 (the plans)".into(),
        );
    }
    if !part_ids.contains(data.coverage.part.as_str()) {
        flag(
            "/coverage/part".into(),
            format!("no part has the id '{}'", data.coverage.part),
        );
    }
    if !basis_ids.contains(data.coverage.basis.as_str()) {
        flag(
            "/coverage/basis".into(),
            format!("no basis document has the id '{}'", data.coverage.basis),
        );
    }
    let mut area_ids = HashSet::new();
    for (i, area) in data.coverage.areas.iter().enumerate() {
        if !area_ids.insert(area.id.as_str()) {
            flag(
                format!("/coverage/areas/{i}/id"),
                format!("area id '{}' is used twice", area.id),
            );
        }
    }
    let (publication, submission) = (&data.deadlines.publication, &data.deadlines.submission);
    for (kind, month_day) in [
        ("publication/government", &publication.government),
        ("publication/department", &publication.department),
        ("submission/government", &submission.government),
        ("submission/department", &submission.department),
    ] {
        if month_day_in(month_day, 2000).is_none() {
            flag(
                format!("/deadlines/{kind}"),
                format!("'{month_day}' is not a day of the year"),
            );
        }
    }
    violations
}

/// A data file's text (a rule set, a format profile), or why it cannot be read.
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// A data file's JSON, or where it stops being JSON.
pub(crate) fn parse_json(text: &str) -> Result<Value, LoadError> {
    serde_json::from_str(text).map_err(|e| LoadError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_json() -> Value {
        serde_json::from_str(DEFAULT_RULESET_JSON).unwrap()
    }

    #[test]
    fn embedded_rule_set_is_valid_against_its_schema() {
        let rule_set = RuleSet::from_json_str(DEFAULT_RULESET_JSON).unwrap();
        let ids: Vec<&str> = rule_set.parts().iter().map(|p| p.id()).collect();
        assert_eq!(
            ids,
            [
                "measures",
                "shortcomings",
                "first_responsible",
                "next_year_plan",
                "other"
            ]
        );
    }

    #[test]
    fn schema_violation_names_the_pointer() {
        let mut json = default_json();
        json["parts"][1]["required"] = Value::String("yes".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        let LoadError::Invalid(violations) = err else {
            panic!("{err}")
        };
        assert_eq!(violations[0].pointer, "/parts/1/required");
    }

    #[test]
    fn unknown_basis_reference_is_rejected() {
        let mut json = default_json();
        json["parts"][0]["basis"] = Value::String("nowhere".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(err.to_string().contains("/parts/0/basis"), "{err}");
    }

    #[test]
    fn coverage_of_an_unknown_part_is_rejected() {
        let mut json = default_json();
        json["coverage"]["part"] = Value::String("nowhere".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(err.to_string().contains("/coverage/part"), "{err}");
    }

    #[test]
    fn impossible_deadline_is_rejected() {
        let mut json = default_json();
        json["deadlines"]["submission"]["department"] = Value::String("02-31".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(
            err.to_string().contains("/deadlines/submission/department"),
            "{err}"
        );
    }

    #[test]
    fn a_formulation_pattern_that_does_not_compile_is_rejected() {
        let mut json = default_json();
        json["formulations"][0]["pattern"] = Value::String("法制(宣传".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(err.to_string().contains("/formulations/0/pattern"), "{err}");
    }

    #[test]
    fn a_formulation_of_an_unknown_rule_or_an_impossible_event_day_is_rejected() {
        let mut json = default_json();
        json["formulations"][0]["rule"] = Value::String("no-such-rule".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(err.to_string().contains("/formulations/0/rule"), "{err}");
        let mut json = default_json();
        json["events"][0]["date"] = Value::String("2023-02-30".into());
        let err = RuleSet::from_json_str(&json.to_string()).unwrap_err();
        assert!(err.to_string().contains("/events/0/date"), "{err}");
    }

    #[test]
    fn a_province_may_add_a_formulation_without_a_rebuild() {
        let mut json = default_json();
        json["formulations"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "id": "local-office",
                "rule": "outdated-formulation",
                "pattern": "县法制办",
                "right": "县司法局",
                "wrong_from": 2019,
                "source": {"title": "某某县机构改革方案", "date": "2019-01-01"}
            }));
        let rule_set = RuleSet::from_json_str(&json.to_string()).unwrap();
        assert!(
            rule_set
                .formulations
                .iter()
                .any(|f| f.spec.id == "local-office")
        );
    }

    #[test]
    fn broken_json_reports_line_and_column() {
        let err = RuleSet::from_json_str("{\n  \"id\": ,\n}").unwrap_err();
        assert!(matches!(err, LoadError::Json { line: 2, .. }), "{err}");
    }

    #[test]
    fn deadline_depends_on_the_act_and_the_issuer_kind() {
        let rule_set = RuleSet::embedded();
        let deadline = |act, kind| rule_set.deadline(act, kind, 2024).to_string();
        // 督察规定: governments and departments alike publish by 1 April ...
        assert_eq!(
            deadline(Act::Publication, IssuerKind::Government),
            "2025-04-01"
        );
        assert_eq!(
            deadline(Act::Publication, IssuerKind::Department),
            "2025-04-01"
        );
        // ... and departments submit theirs by 1 March.
        assert_eq!(
            deadline(Act::Submission, IssuerKind::Department),
            "2025-03-01"
        );
    }
}
