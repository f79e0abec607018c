//! Compiles the segmenter's dictionary (`data/segmenter/dict.txt`) into an FST the binary embeds,
//! and the sum of its frequencies, so that no start-up parses it.

use std::io::Write;
use std::path::PathBuf;

fn main() {
    const DICTIONARY: &str = "data/segmenter/dict.txt";
    println!("cargo::rerun-if-changed={DICTIONARY}");
    let text = std::fs::read_to_string(DICTIONARY).expect("the segmenter's dictionary is readable");
    let mut entries: Vec<(&str, u64)> = text
        .lines()
        .filter_map(|line| {
            let (word, frequency) = line.split_once(' ')?;
            Some((
                word,
                frequency.trim().parse().expect("a frequency is a number"),
            ))
        })
        .collect();
    let total: u64 = entries.iter().map(|(_, f)| f).sum();
    entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    // A word listed twice keeps its last frequency, as jieba does (the sum counts both).
    entries.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut builder = fst::MapBuilder::memory();
    for (word, frequency) in entries {
        builder
            .insert(word, frequency)
            .expect("words are sorted and unique");
    }
    std::fs::write(
        out.join("dictionary.fst"),
        builder.into_inner().expect("the FST is built"),
    )
    .expect("OUT_DIR is writable");
    let mut constants =
        std::fs::File::create(out.join("dictionary_total.rs")).expect("OUT_DIR is writable");
    writeln!(constants, "const TOTAL_FREQUENCY: u64 = {total};").expect("OUT_DIR is writable");
}
