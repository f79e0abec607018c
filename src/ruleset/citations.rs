//! Patterns that find citations of the basis documents whose titles carry years, compiled once
//! with the rule set.

use std::sync::LazyLock;

use regex::Regex;

use super::Basis;

/// A title ending in a range of years: "法治政府建设实施纲要（2021—2025年）".
static TITLE_WITH_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*[(（]\s*(\d{4})\s*[-—–~至]\s*(\d{4})\s*年?\s*[)）]\s*$")
        .expect("pattern compiles")
});

/// How many characters before the years name the document when it is cited short (实施纲要).
const KEY_CHARS: usize = 4;

#[derive(Debug, Clone)]
pub struct Citation {
    /// The basis document's id.
    pub basis: String,
    pub title: String,
    /// Finds the short or full name followed by a bracketed year range; groups 1 and 2 are the years.
    pub pattern: Regex,
    pub from: String,
    pub to: String,
}

pub fn compile(basis: &[Basis]) -> Vec<Citation> {
    basis
        .iter()
        .filter_map(|document| {
            let canonical = TITLE_WITH_YEARS.captures(&document.title)?;
            let name: Vec<char> = canonical[1].chars().collect();
            let key: String = name[name.len().saturating_sub(KEY_CHARS)..]
                .iter()
                .collect();
            let pattern = Regex::new(&format!(
                r"{}\s*[(（]\s*(\d{{4}})\s*[-—–~至]\s*(\d{{4}})\s*年?\s*[)）]",
                regex::escape(&key)
            ))
            .expect("an escaped title compiles");
            Some(Citation {
                basis: document.id.clone(),
                title: document.title.clone(),
                pattern,
                from: canonical[2].to_owned(),
                to: canonical[3].to_owned(),
            })
        })
        .collect()
}
