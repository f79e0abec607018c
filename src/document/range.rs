//! A place in a document's normalised text, in bytes.

use std::ops::{Index, Range};

/// A stretch of the normalised text of the document being checked, in bytes from its start:
/// what the outline, the facts and the rules hand each other. Kept apart from `Range<usize>`,
/// which stays for places inside whatever slice a helper was given (a line, a sentence), so a
/// place relative to a slice cannot be passed where one in the document is meant; and from
/// [`super::Span`], the code points of the submitted text that leave the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    start: usize,
    end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "a range ends after it starts");
        Self { start, end }
    }

    /// An empty range: a position.
    pub fn at(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start..self.end).contains(&offset)
    }

    /// From this range's start to `other`'s end.
    pub fn to(self, other: TextRange) -> Self {
        Self::new(self.start, other.end.max(self.start))
    }

    /// What of this range lies after `offset` (empty once the offset is past its end).
    pub fn after(self, offset: usize) -> Self {
        Self::new(offset.clamp(self.start, self.end), self.end)
    }

    /// A place inside this range's text, given relative to its start.
    pub fn sub(self, local: Range<usize>) -> Self {
        debug_assert!(
            self.start + local.end <= self.end,
            "a place inside the range"
        );
        Self::new(self.start + local.start, self.start + local.end)
    }

    fn bytes(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A range found by a helper that was given the whole normalised text, so its offsets are the
/// document's.
impl From<Range<usize>> for TextRange {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

impl Index<TextRange> for str {
    type Output = str;

    fn index(&self, range: TextRange) -> &str {
        &self[range.bytes()]
    }
}

impl Index<TextRange> for String {
    type Output = str;

    fn index(&self, range: TextRange) -> &str {
        &self[range.bytes()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_found_in_a_slice_is_placed_in_the_document() {
        let text = "一、主要举措\n（一）强化党建引领";
        let line = TextRange::new(text.find('（').unwrap(), text.len());
        let found = text[line].find("党建").unwrap();
        let place = line.sub(found..found + "党建".len());
        assert_eq!(&text[place], "党建");
        assert_eq!(place.start(), line.start() + found);
        assert!(line.after(place.end()).start() == place.end() && line.contains(place.start()));
        assert_eq!(
            line.after(text.len() + 5).start(),
            line.end(),
            "past the end: empty"
        );
    }
}
