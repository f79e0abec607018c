//! The issuer's level (a township or sub-district), read from the title, the sign-off or the
//! opening sentence, so that rules can tell what it has the power to do.

use crate::document::Document;
use crate::outline::Outline;
use crate::ruleset::RuleSet;

/// The index of the first level of the rule set whose markers the issuer's name carries.
pub fn level(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    title: Option<&str>,
) -> Option<usize> {
    let mut places: Vec<&str> = Vec::new();
    places.extend(title);
    if let Some(range) = outline.layout.sign_off_range(document) {
        places.push(document.text(range));
    }
    if let Some(first) = outline.paragraphs().iter().find(|p| p.heading.is_none()) {
        let text = document.text(first.range.clone());
        let sentence = text.find('。').map_or(text, |end| &text[..end]);
        places.push(sentence);
    }
    rules
        .issuer_levels
        .iter()
        .position(|level| places.iter().any(|place| level.markers.is_match(place)))
}
