//! Who issues the report: its kind (a government or a department) and its level (a township or
//! sub-district), read from the issuer's name in the title, the line under it or the sign-off,
//! so that rules can tell its deadline and what it has the power to do.

use crate::document::Document;
use crate::outline::Outline;
use crate::outline::layout::is_short_unpunctuated;
use crate::ruleset::{IssuerKind, RuleSet};

/// The longest line under the title that is taken for the issuer's name.
const NAME_MAX_CHARS: usize = 24;
/// Where the issuer's name in a title ends: at the year or the subject.
const NAME_ENDS: [&str; 6] = ["关于", "法治", "年度", "依法", "全面", "推进"];

/// The kind the first of the issuer's `names` with a known ending shows; a government when
/// none does.
pub fn kind(rules: &RuleSet, names: &[&str]) -> IssuerKind {
    let suffixes = &rules.data.layout.issuer_suffixes;
    let ends = |name: &str, words: &[String]| words.iter().any(|w| name.ends_with(w.as_str()));
    names
        .iter()
        .find_map(|name| {
            if name.starts_with("中共") || ends(name, &suffixes.government) {
                Some(IssuerKind::Government)
            } else if ends(name, &suffixes.department) {
                Some(IssuerKind::Department)
            } else {
                None
            }
        })
        .unwrap_or_default()
}

/// The index of the first level of the rule set whose markers the title, sign-off or opening
/// sentence carries, or whose endings one of the issuer's `names` has.
pub fn level(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    title: Option<&str>,
    names: &[&str],
) -> Option<usize> {
    let mut places: Vec<&str> = Vec::new();
    places.extend(title);
    if let Some(range) = outline.layout.sign_off_range(document) {
        places.push(document.text(range));
    }
    if let Some(first) = outline.paragraphs().iter().find(|p| p.heading.is_none()) {
        let text = document.text(first.range);
        let sentence = text.find('。').map_or(text, |end| &text[..end]);
        places.push(sentence);
    }
    rules.issuer_levels.iter().position(|level| {
        places.iter().any(|place| level.markers.is_match(place))
            || names.iter().any(|name| {
                level
                    .spec
                    .suffixes
                    .iter()
                    .any(|suffix| name.ends_with(suffix.as_str()))
            })
    })
}

/// The issuer's name as the title starts with it ("某某市卫生健康委员会2024年……"), a short line
/// under the title ("某某市生态环境局"), and the sign-off's first line.
pub fn names<'a>(
    document: &'a Document,
    outline: &Outline,
    title: Option<&'a str>,
) -> Vec<&'a str> {
    let mut names = Vec::new();
    if let Some(title) = title {
        let end = NAME_ENDS
            .iter()
            .filter_map(|word| title.find(word))
            .chain(title.find(|c: char| c.is_ascii_digit()))
            .min()
            .unwrap_or(title.len());
        names.push(title[..end].trim());
    }
    if let Some(first) = outline.paragraphs().first() {
        let line = document.text(first.range).trim();
        if is_short_unpunctuated(line, NAME_MAX_CHARS) && first.heading.is_none() {
            names.push(line);
        }
    }
    if let Some(range) = outline.layout.sign_off_range(document) {
        names.extend(
            document
                .text(range)
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty()),
        );
    }
    names.retain(|name| !name.is_empty());
    names
}
