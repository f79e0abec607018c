//! The findings' certain corrections, applied: chosen so that no two overlap (in the order the
//! findings come), then written into the text, or into the Word document as tracked revisions
//! or in place.

use std::ops::Range;

use crate::report::CheckReport;

/// One correction: the code points of the checked text it replaces, and what replaces them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

/// The report's fixes that can all be applied together, in text order: where two overlap, the
/// one of the earlier finding is kept. A fix that changes nothing is left out.
pub fn edits(report: &CheckReport, text: &str) -> Vec<Edit> {
    let bytes = byte_offsets(text);
    let mut chosen: Vec<Edit> = Vec::new();
    for fix in report.findings.iter().filter_map(|f| f.fix.as_ref()) {
        let span = fix.span.start..fix.span.end;
        if chosen.iter().any(|e| overlap(&e.span, &span))
            || slice(text, &bytes, &span) == Some(fix.replacement.as_str())
        {
            continue;
        }
        chosen.push(Edit {
            span,
            replacement: fix.replacement.clone(),
        });
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    chosen
}

/// Whether two corrections touch the same text; an insertion (an empty span) counts as one
/// character wide, so that two at one place do not both apply.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// `text` with `edits` (in text order, not overlapping) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let bytes = byte_offsets(text);
    let byte = |code_point: usize| bytes.get(code_point).copied().unwrap_or(text.len());
    let mut fixed = String::with_capacity(text.len());
    let mut done = 0;
    for edit in edits {
        let (start, end) = (byte(edit.span.start), byte(edit.span.end));
        if start < done {
            continue;
        }
        fixed.push_str(&text[done..start]);
        fixed.push_str(&edit.replacement);
        done = end;
    }
    fixed.push_str(&text[done..]);
    fixed
}

/// The byte offset of each code point, and of the end.
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// The text of a span of code points, if it is inside `text` (`bytes`: its code points' offsets).
fn slice<'a>(text: &'a str, bytes: &[usize], span: &Range<usize>) -> Option<&'a str> {
    text.get(*bytes.get(span.start)?..*bytes.get(span.end)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn edits_are_applied_at_their_code_points() {
        let text = "截止目前，已布署完成。";
        let fixed = apply(text, &[edit(0..2, "截至"), edit(6..8, "部署")]);
        assert_eq!(fixed, "截至目前，已部署完成。");
        assert_eq!(apply(text, &[]), text);
        assert_eq!(apply("ab", &[edit(2..2, "c")]), "abc");
    }

    #[test]
    fn overlapping_corrections_and_two_insertions_at_one_place_collide() {
        assert!(overlap(&(0..2), &(1..3)));
        assert!(!overlap(&(0..2), &(2..4)));
        assert!(overlap(&(2..2), &(2..2)));
        assert!(overlap(&(1..3), &(2..2)));
        assert!(!overlap(&(2..2), &(0..2)));
    }

    #[test]
    fn a_span_is_read_by_code_points() {
        let text = "截止目前";
        let bytes = byte_offsets(text);
        assert_eq!(slice(text, &bytes, &(1..3)), Some("止目"));
        assert_eq!(slice(text, &bytes, &(4..4)), Some(""));
        assert_eq!(slice(text, &bytes, &(3..9)), None);
    }
}
