//! Leaf helpers over Chinese text that every later step uses: heading numbers, sentences, word
//! segmentation and figures.

pub mod figures;
pub mod numbering;
pub mod segment;
pub mod sentences;
