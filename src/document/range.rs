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

    /// A place given relative to a slice of the text that starts at `base`.
    pub fn within(base: usize, local: Range<usize>) -> Self {
        Self::new(base + local.start, base + local.end)
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start..self.end).contains(&offset)
    }

    /// Whether `other` lies inside this range.
    pub fn covers(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// From this range's start to `other`'s end.
    pub fn to(self, other: TextRange) -> Self {
        Self::new(self.start, other.end.max(self.start))
    }

    /// A place inside this range's text, given relative to its start.
    pub fn sub(self, local: Range<usize>) -> Self {
        Self::within(self.start, local)
    }

    /// The same place relative to `outer`'s start, for slicing `outer`'s text.
    pub fn relative_to(self, outer: TextRange) -> Range<usize> {
        self.start - outer.start..self.end - outer.start
    }

    pub fn bytes(self) -> Range<usize> {
        self.start..self.end
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
