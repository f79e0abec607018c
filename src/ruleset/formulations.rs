//! The formulations and events of the rule set, compiled once: each pattern a linear-time
//! regular expression, each word list an automaton.

use chrono::NaiveDate;
use regex::{Regex, RegexBuilder};

use super::model::{Event, Formulation, RuleSetData};
use super::words::WordSet;
use super::{Basis, Violation};

/// A pattern from a rule set is data a province writes: bounded in the memory it compiles to.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug)]
pub struct CompiledFormulation {
    pub spec: Formulation,
    pub pattern: Regex,
    /// Whether the pattern looks at what surrounds a match (`^`, `$`, `\b`): then a line can
    /// match where the whole text does not, and the pattern must be tried line by line.
    looks_around: bool,
}

impl CompiledFormulation {
    /// Whether a line may match: a pattern that does not look around matches a line only if it
    /// matches somewhere in the text the line is part of, which one scan with the pattern's
    /// literal prefilter tells for the whole report.
    pub fn may_match_a_line_of(&self, text: &str) -> bool {
        self.looks_around || self.pattern.is_match(text)
    }

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
            short_name_en: None,
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

/// Whether a pattern (one that compiles) has an assertion about its surroundings.
fn looks_around(source: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(source)
        .map_or(true, |hir| !hir.properties().look_set().is_empty())
}

/// Compiles a rule set whose [`violations`] are none.
pub fn compile(data: &RuleSetData) -> (Vec<CompiledFormulation>, Vec<CompiledEvent>) {
    let formulations = data
        .formulations
        .iter()
        .map(|spec| CompiledFormulation {
            pattern: pattern(&spec.pattern).expect("checked when the rule set was loaded"),
            looks_around: looks_around(&spec.pattern),
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

#[cfg(test)]
mod tests {
    use super::looks_around;

    #[test]
    fn patterns_that_look_at_their_surroundings_are_told_apart() {
        for pattern in [r"^([一二三]{1,3})\)", r"布署$", r"\b法制", r"\A截止"] {
            assert!(looks_around(pattern), "{pattern}");
        }
        for pattern in [r"法制(宣传|教育)", r"截止(\d{4}年|目前)", r"《信访条例》"]
        {
            assert!(!looks_around(pattern), "{pattern}");
        }
    }
}
