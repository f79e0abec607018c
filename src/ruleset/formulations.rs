//! The formulations and events of the rule set, compiled once: each pattern a linear-time
//! regular expression, each word list an automaton.

use chrono::NaiveDate;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::model::{Event, Formulation, RuleSetData};
use super::words::WordSet;
use super::{Basis, Violation};

/// A pattern from a rule set is data a province writes: bounded in the memory it compiles to.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug)]
pub struct CompiledFormulation {
    pub spec: Formulation,
    pub pattern: Regex,
}

impl CompiledFormulation {
    /// Whether the wrong form is wrong in a report on `year`; an unknown year is given the
    /// benefit of the doubt where the entry depends on it.
    pub fn applies_in(&self, year: Option<i32>) -> bool {
        let (from, until) = (self.spec.wrong_from, self.spec.wrong_until);
        if from.is_none() && until.is_none() {
            return true;
        }
        year.is_some_and(|year| {
            from.is_none_or(|from| year >= from) && until.is_none_or(|until| year <= until)
        })
    }

    /// The source as a finding's basis.
    pub fn basis(&self) -> Basis {
        let source = &self.spec.source;
        Basis {
            id: self.spec.id.clone(),
            short_name: source.title.clone(),
            title: source.title.clone(),
            issuer: source.issuer.clone(),
            number: source.number.clone(),
            year: None,
            effective: source.date.clone(),
            covers: None,
        }
    }
}

#[derive(Debug)]
pub struct CompiledEvent {
    pub spec: Event,
    pub date: NaiveDate,
    pub unless: WordSet,
}

/// The words of every event in one automaton, so a sentence is scanned once, and for each word
/// the index of its event.
#[derive(Debug)]
pub struct EventWords {
    pub words: WordSet,
    pub event_of_word: Vec<usize>,
}

pub fn event_words(data: &RuleSetData) -> EventWords {
    let (words, event_of_word): (Vec<String>, Vec<usize>) = data
        .events
        .iter()
        .enumerate()
        .flat_map(|(event, spec)| spec.words.iter().map(move |word| (word.clone(), event)))
        .unzip();
    EventWords {
        words: WordSet::new(&words),
        event_of_word,
    }
}

fn pattern(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// What the schema cannot say of them: patterns that compile, dates that exist.
pub fn violations(data: &RuleSetData) -> Vec<Violation> {
    let mut found = Vec::new();
    for (i, entry) in data.formulations.iter().enumerate() {
        if let Err(error) = pattern(&entry.pattern) {
            found.push(Violation {
                pointer: format!("/formulations/{i}/pattern"),
                message: format!("the pattern does not compile: {error}"),
            });
        }
        if let (Some(from), Some(until)) = (entry.wrong_from, entry.wrong_until)
            && from > until
        {
            found.push(Violation {
                pointer: format!("/formulations/{i}/wrong_until"),
                message: format!("{until} is before wrong_from {from}"),
            });
        }
    }
    for (i, event) in data.events.iter().enumerate() {
        if date(&event.date).is_none() {
            found.push(Violation {
                pointer: format!("/events/{i}/date"),
                message: format!("'{}' is not a day of the calendar", event.date),
            });
        }
    }
    found
}

/// Every formulation's pattern in one set: a line that none matches, as most lines, is read
/// once instead of once per pattern.
pub fn pattern_set(data: &RuleSetData) -> RegexSet {
    RegexSetBuilder::new(data.formulations.iter().map(|f| f.pattern.as_str()))
        .size_limit(PATTERN_SIZE_LIMIT * data.formulations.len().max(1))
        .build()
        .expect("each pattern compiled when the rule set was loaded")
}

/// Compiles a rule set whose [`violations`] are none.
pub fn compile(data: &RuleSetData) -> (Vec<CompiledFormulation>, Vec<CompiledEvent>) {
    let formulations = data
        .formulations
        .iter()
        .map(|spec| CompiledFormulation {
            pattern: pattern(&spec.pattern).expect("checked when the rule set was loaded"),
            spec: spec.clone(),
        })
        .collect();
    let events = data
        .events
        .iter()
        .map(|spec| CompiledEvent {
            date: date(&spec.date).expect("checked when the rule set was loaded"),
            unless: WordSet::new(&spec.unless),
            spec: spec.clone(),
        })
        .collect();
    (formulations, events)
}
