//! Extraction measured, not assumed: the text of every document fixture against the corpus text
//! it was made from, and random bytes fed to every extractor.

mod common;

use common::{document, documents, fixture, has_libreoffice};
use nianbao::{Limits, extract};
use proptest::prelude::*;

/// Characters other than whitespace.
fn visible(text: &str) -> Vec<char> {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Agreement of two texts: twice their longest common subsequence over their total length.
fn agreement(a: &[char], b: &[char]) -> f64 {
    let mut previous = vec![0u32; b.len() + 1];
    let mut current = vec![0u32; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    2.0 * f64::from(previous[b.len()]) / (a.len() + b.len()).max(1) as f64
}

#[test]
fn extracted_text_agrees_with_the_source_text_at_least_99_percent() {
    let limits = Limits::default();
    let mut worst = 1.0f64;
    for (name, source) in documents() {
        if !has_libreoffice() && (name.ends_with(".doc") || name.ends_with(".rtf")) {
            continue;
        }
        let extracted =
            extract(&document(&name), None, &limits).unwrap_or_else(|e| panic!("{name}: {e}"));
        let score = agreement(&visible(&extracted.text), &visible(&fixture(&source)));
        println!("fidelity {name}: {:.2}%", score * 100.0);
        assert!(score >= 0.99, "{name}: {:.2}%", score * 100.0);
        worst = worst.min(score);
    }
    println!("fidelity worst: {:.2}%", worst * 100.0);
}

#[test]
fn agreement_counts_what_differs() {
    let a = visible("一、主要举措和成效");
    assert_eq!(agreement(&a, &a), 1.0);
    assert!(agreement(&a, &visible("一、主要举措成效")) < 1.0);
}

/// Magic numbers that route bytes to each extractor.
const PREFIXES: [&[u8]; 6] = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"{\\rtf1",
    b"<html><body>",
    b"\xEF\xBB\xBF",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic_any_extractor(prefix in 0..PREFIXES.len(), body in proptest::collection::vec(any::<u8>(), 0..2048)) {
        // No converter: random bytes must not start LibreOffice.
        let limits = Limits { converter: None, ..Limits::default() };
        let bytes = [PREFIXES[prefix], body.as_slice()].concat();
        for media_type in [None, Some("text/plain"), Some("text/html"), Some("application/pdf")] {
            let _ = extract(&bytes, media_type, &limits);
        }
    }

    #[test]
    fn random_xml_inside_a_docx_or_ofd_container_never_panics(xml in "[<>/a-zA-Z:=\" 一二三、。&;#0-9]{0,400}", ofd in any::<bool>()) {
        let limits = Limits { converter: None, ..Limits::default() };
        let mut buffer = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default();
            let entries: &[&str] = if ofd { &["OFD.xml", "Doc_0/Document.xml"] } else { &["word/document.xml", "word/styles.xml", "word/numbering.xml"] };
            for entry in entries {
                zip.start_file(*entry, options).unwrap();
                std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        let _ = extract(buffer.get_ref(), None, &limits);
    }
}
