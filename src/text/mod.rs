//! Leaf helpers over Chinese text that every later step uses: heading numbers, sentences, word
//! segmentation and figures; and the weighted lists of HTTP headers.

pub mod figures;
pub mod numbering;
pub mod segment;
pub mod sentences;
pub mod weighted;

/// A Chinese character: the CJK Unified Ideographs and their Extension A.
pub fn is_han(ch: char) -> bool {
    matches!(ch, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}
