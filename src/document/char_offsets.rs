//! Between byte offsets and code-point offsets of one text, without a table entry per character:
//! the number of characters before each block of bytes, and a short count inside the block.
//! Building it reads the bytes once, many at a time; a table of every character's offset cost
//! more than the rest of normalisation.

/// Bytes per block: a lookup counts at most this many.
const BLOCK: usize = 64;

#[derive(Debug)]
pub struct CharOffsets {
    /// Characters starting before each block; one entry more, the total.
    before_block: Vec<u32>,
}

/// Whether a byte starts a character (is no UTF-8 continuation byte).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// Characters starting in at most a block of bytes. Summed in a byte (a block's count fits), so
/// the compiler adds many bytes at a time.
fn starts_in(bytes: &[u8]) -> usize {
    debug_assert!(bytes.len() <= BLOCK);
    usize::from(
        bytes
            .iter()
            .fold(0u8, |count, &b| count + u8::from(starts_char(b))),
    )
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut before_block = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut total = 0u32;
        before_block.push(0);
        for block in text.as_bytes().chunks(BLOCK) {
            total += starts_in(block) as u32;
            before_block.push(total);
        }
        Self { before_block }
    }

    /// Characters in the text.
    pub fn chars(&self) -> usize {
        *self.before_block.last().expect("never empty") as usize
    }

    /// The code-point offset of a byte offset: the characters starting before it.
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let block = byte / BLOCK;
        self.before_block[block] as usize + starts_in(&text.as_bytes()[block * BLOCK..byte])
    }

    /// The byte offset of a code-point offset (the text's length past its end).
    pub fn byte_of(&self, text: &str, char_index: usize) -> usize {
        if char_index >= self.chars() {
            return text.len();
        }
        // The last block starting at or before the character: `before_block[block]` ≤ index.
        let block = self
            .before_block
            .partition_point(|&n| n as usize <= char_index)
            - 1;
        let mut remaining = char_index - self.before_block[block] as usize;
        let bytes = text.as_bytes();
        let mut at = block * BLOCK;
        loop {
            if starts_char(bytes[at]) {
                if remaining == 0 {
                    return at;
                }
                remaining -= 1;
            }
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Both directions agree with `char_indices`, the definition.
        #[test]
        fn offsets_agree_with_char_indices(text in "[a,你\u{10000}é\n]{0,200}") {
            let offsets = CharOffsets::new(&text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            prop_assert_eq!(offsets.chars(), starts.len() - 1);
            for (index, &byte) in starts.iter().enumerate() {
                prop_assert_eq!(offsets.char_of(&text, byte), index);
                prop_assert_eq!(offsets.byte_of(&text, index), byte);
            }
            prop_assert_eq!(offsets.byte_of(&text, starts.len() + 3), text.len());
        }
    }
}
