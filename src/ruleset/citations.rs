//! Patterns that find citations of the basis documents, compiled once with the rule set: by full
//! title or short name, with the years of the title (实施纲要（2021—2025年）) and the document
//! number that may follow (中发〔2021〕33号).

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Basis;

/// A title ending in a range of years: "法治政府建设实施纲要（2021—2025年）".
static TITLE_WITH_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*[(（]\s*(\d{4})\s*[-—–~至]\s*(\d{4})\s*年?\s*[)）]\s*$")
        .expect("pattern compiles")
});
/// A document number right after a citation: "》(中发〔2021〕33号)", "，厅字[2019]28号".
static NUMBER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*》?\s*[(（,，]?\s*(\p{Han}{1,8})\s*[〔\[【(（]\s*(\d{4})\s*[〕\]】)）]\s*(\d{1,4})\s*号")
        .expect("pattern compiles")
});

/// 厅字〔2019〕28号, however its brackets are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentNumber {
    pub prefix: String,
    pub year: String,
    pub serial: String,
}

impl DocumentNumber {
    fn parse(text: &str) -> Option<Self> {
        let found = NUMBER_AFTER.captures(text)?;
        Some(Self {
            prefix: found[1].to_owned(),
            year: found[2].to_owned(),
            serial: found[3].trim_start_matches('0').to_owned(),
        })
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.serial)
    }
}

#[derive(Debug, Clone)]
pub struct Citation {
    /// The basis document's id.
    pub basis: String,
    pub title: String,
    /// The title without its years: editions of one document share it.
    pub name: String,
    /// The report years for which this edition is in force.
    pub covers: Option<(i32, i32)>,
    /// The full name or the short name, then the bracketed years if any (groups 1 and 2).
    pattern: Regex,
    short_name: String,
    /// The years of the title, when it has them.
    pub years: Option<(String, String)>,
    pub number: Option<DocumentNumber>,
}

/// One place a basis document is cited.
#[derive(Debug, Clone)]
pub struct Cited {
    /// The years written after the name, with their span.
    pub years: Option<(String, String, Range<usize>)>,
    /// The document number written after it, with its span.
    pub number: Option<(DocumentNumber, Range<usize>)>,
}

impl Citation {
    /// Every citation of the document in `text` (normalised text: brackets are half-width).
    pub fn find_all(&self, text: &str) -> Vec<Cited> {
        self.pattern
            .captures_iter(text)
            .filter_map(|found| {
                let whole = found.get(0)?;
                // The short name inside a longer title is another document (法治社会建设实施纲要).
                let is_short = text[whole.start()..].starts_with(&self.short_name);
                let preceded_by_han = text[..whole.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
                if is_short && preceded_by_han {
                    return None;
                }
                let years = match (found.get(1), found.get(2)) {
                    (Some(from), Some(to)) => Some((
                        from.as_str().to_owned(),
                        to.as_str().to_owned(),
                        from.start()..to.end(),
                    )),
                    _ => None,
                };
                let rest = &text[whole.end()..];
                let number = NUMBER_AFTER.captures(rest).and_then(|c| {
                    let (first, last) = (c.get(1)?, c.get(0)?);
                    let number = DocumentNumber::parse(rest)?;
                    Some((
                        number,
                        whole.end() + first.start()..whole.end() + last.end(),
                    ))
                });
                Some(Cited { years, number })
            })
            .collect()
    }
}

pub fn compile(basis: &[Basis]) -> Vec<Citation> {
    basis
        .iter()
        .filter_map(|document| {
            let with_years = TITLE_WITH_YEARS.captures(&document.title);
            let number = document.number.as_deref().and_then(DocumentNumber::parse);
            if with_years.is_none() && number.is_none() {
                return None;
            }
            let name = with_years.as_ref().map_or(document.title.as_str(), |c| {
                c.get(1).map_or("", |m| m.as_str())
            });
            let years = with_years
                .as_ref()
                .map(|c| (c[2].to_owned(), c[3].to_owned()));
            let pattern = Regex::new(&format!(
                r"(?:{}|{})(?:\s*[(（]\s*(\d{{4}})\s*[-—–~至]\s*(\d{{4}})\s*年?\s*[)）])?",
                regex::escape(name),
                regex::escape(&document.short_name)
            ))
            .expect("an escaped title compiles");
            Some(Citation {
                basis: document.id.clone(),
                title: document.title.clone(),
                name: name.to_owned(),
                covers: document.covers.map(|c| (c.from, c.to)),
                pattern,
                short_name: document.short_name.clone(),
                years,
                number,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;

    fn cited(basis: &str, text: &str) -> Vec<Cited> {
        let rules = RuleSet::embedded();
        let citation = rules.citations.iter().find(|c| c.basis == basis).unwrap();
        citation.find_all(text)
    }

    #[test]
    fn years_and_numbers_after_the_name() {
        let found = cited(
            "gangyao",
            "落实《法治政府建设实施纲要(2022—2025年)》(中发〔2021〕3号)",
        );
        assert_eq!(found.len(), 1);
        let (from, to, _) = found[0].years.clone().unwrap();
        assert_eq!((from.as_str(), to.as_str()), ("2022", "2025"));
        assert_eq!(
            found[0].number.as_ref().unwrap().0.to_string(),
            "中发〔2021〕3号"
        );
        let found = cited(
            "ducha",
            "按照《法治政府建设与责任落实督察工作规定》(厅字[2019]28号)",
        );
        assert_eq!(
            found[0].number.as_ref().unwrap().0.to_string(),
            "厅字〔2019〕28号"
        );
    }

    #[test]
    fn another_documents_outline_is_not_a_citation() {
        assert!(cited("gangyao", "《法治社会建设实施纲要(2020-2025年)》").is_empty());
        assert_eq!(cited("gangyao", "《实施纲要(2021-2025年)》").len(), 1);
    }
}
