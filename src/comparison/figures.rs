//! Figures of work done given twice: "办理行政复议案件23件" in both years' reports, the same
//! label and the same value. Only figures labelled with one of the rule set's words of work
//! (办理, 审查 …) of two digits or more are compared: a unit's 42 departments stay 42.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{MAX_LISTED, Reading, RepeatedFigure};
use crate::document::TextRange;
use crate::ruleset::RuleSet;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{2,})(\d{2,}(?:\.\d+)?|\d\.\d+)(人次|万元|亿元|个|件|场|次|名|人|元|项|部|家|起|篇|份|条|期|卷|所|户|%)")
        .expect("pattern compiles")
});
/// The characters before a figure that name it.
const LABEL_CHARS: usize = 10;

struct Figure {
    label: String,
    value: String,
    range: TextRange,
}

fn figures(reading: &Reading, words: &[String]) -> Vec<Figure> {
    let mut list = Vec::new();
    for sentence in reading.body_sentences() {
        let text = reading.document.text(sentence.range);
        for found in FIGURE.captures_iter(text) {
            let (Some(whole), Some(label), Some(number), Some(unit)) =
                (found.get(0), found.get(1), found.get(2), found.get(3))
            else {
                continue;
            };
            let label = label.as_str();
            let label = match label.char_indices().rev().nth(LABEL_CHARS - 1) {
                Some((at, _)) => &label[at..],
                None => label,
            };
            // 第 before a number: a rank, not a count.
            if label.ends_with('第') {
                continue;
            }
            // The label starts at its first word of work: "全年共办理…" and "办理…" are one.
            let Some(from) = words.iter().filter_map(|w| label.find(w.as_str())).min() else {
                continue;
            };
            list.push(Figure {
                label: label[from..].to_owned(),
                value: format!("{}{}", number.as_str(), unit.as_str()),
                range: sentence.range.sub(whole.range()),
            });
        }
    }
    list
}

pub(super) fn repeated(
    current: &Reading,
    previous: &Reading,
    rules: &RuleSet,
) -> Vec<RepeatedFigure> {
    let words = &rules.data.comparison.activity_words;
    let mut before: HashMap<(String, String), TextRange> = HashMap::new();
    for figure in figures(previous, words) {
        before
            .entry((figure.label, figure.value))
            .or_insert(figure.range);
    }
    let mut found = Vec::new();
    for figure in figures(current, words) {
        let key = (figure.label, figure.value);
        // Each figure of last year once.
        if let Some(range) = before.remove(&key) {
            found.push(RepeatedFigure {
                span: current.document.span(figure.range),
                previous_span: previous.document.span(range),
                label: key.0,
                value: key.1,
                range: figure.range,
            });
            if found.len() == MAX_LISTED {
                break;
            }
        }
    }
    found
}
