//! Extraction measured, not assumed: the text of every document fixture against the corpus text
//! it was made from, and random bytes fed to every extractor.

mod common;

use common::hostile::{deflated_zeros, page_with, stream};
use common::{converted, document, documents, fixture, has_libreoffice};
use nianbao::{ExtractError, Limits, extract};
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
    agrees_at_least_99_percent(|name| !converted(name));
}

#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs the ignored tests"]
fn converted_documents_agree_with_the_source_text_at_least_99_percent() {
    assert!(
        has_libreoffice(),
        "LibreOffice (soffice) converts .doc and .rtf"
    );
    agrees_at_least_99_percent(converted);
}

fn agrees_at_least_99_percent(which: fn(&str) -> bool) {
    let limits = Limits::default();
    let mut worst = 1.0f64;
    for (name, source) in documents().into_iter().filter(|(name, _)| which(name)) {
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

/// A PDF's streams count against the unzip budget as a .docx's entries do, however the inflation
/// is spelled: chained filters, object streams, a stream named many times as a page's contents,
/// a filter or an array given by reference, a forged later definition of the same object.
#[test]
fn the_unzip_budget_bounds_what_a_pdfs_streams_inflate_to() {
    const BUDGET: u64 = 1 << 20;
    let limits = Limits {
        max_unzipped_bytes: BUDGET,
        converter: None,
        worker: None,
        ..Limits::default()
    };
    let two_mib = deflated_zeros(2 << 20);
    let hundred_kib = deflated_zeros(100 << 10);
    let ascii85_of_two_mib = {
        let mut text = Vec::new();
        for chunk in two_mib.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let mut value = u32::from_be_bytes(word);
            let mut digits = [0u8; 5];
            for digit in digits.iter_mut().rev() {
                *digit = b'!' + (value % 85) as u8;
                value /= 85;
            }
            text.extend_from_slice(&digits[..chunk.len() + 1]);
        }
        text.extend_from_slice(b"~>");
        text
    };
    let twice_deflated = {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&deflated_zeros(4 << 20)).unwrap();
        encoder.finish().unwrap()
    };
    let named_thirty_times = format!("[{}]", " 5 0 R".repeat(30));
    // A page that draws a form inflating to 100 KiB `times` times.
    let form_drawn = |times: usize| {
        page_with(
            "4 0 R /Resources << /XObject << /X1 5 0 R >> >>",
            vec![
                stream("", "/X1 Do ".repeat(times).as_bytes()),
                stream(
                    "/Type /XObject /Subtype /Form /Filter /FlateDecode",
                    &hundred_kib,
                ),
            ],
        )
    };
    let over = [
        (
            "Flate",
            page_with("4 0 R", vec![stream("/Filter /FlateDecode", &two_mib)]),
        ),
        (
            "Flate twice",
            page_with(
                "4 0 R",
                vec![stream("/Filter [/FlateDecode /Fl]", &twice_deflated)],
            ),
        ),
        (
            "ASCII85 then Flate",
            page_with(
                "4 0 R",
                vec![stream("/Filter [/A85 /FlateDecode]", &ascii85_of_two_mib)],
            ),
        ),
        (
            "object stream",
            page_with(
                "4 0 R",
                vec![
                    stream("", b"BT ET"),
                    stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &two_mib),
                ],
            ),
        ),
        (
            "contents named thirty times",
            page_with(
                &named_thirty_times,
                vec![
                    b"null".to_vec(),
                    stream("/Filter /FlateDecode", &hundred_kib),
                ],
            ),
        ),
        (
            "contents as an array by reference",
            page_with(
                "4 0 R",
                vec![
                    named_thirty_times.clone().into_bytes(),
                    stream("/Filter /FlateDecode", &hundred_kib),
                ],
            ),
        ),
        (
            "filter by reference",
            page_with(
                "4 0 R",
                vec![stream("/Filter 5 0 R", &two_mib), b"/FlateDecode".to_vec()],
            ),
        ),
        ("a form drawn thirty times", form_drawn(30)),
        (
            "forged later definition",
            page_with(
                "4 0 R",
                vec![
                    stream("/Filter /FlateDecode", &two_mib),
                    b"null\nendobj\n4 0 obj\n<< >>".to_vec(),
                ],
            ),
        ),
    ];
    for (name, pdf) in over {
        match extract(&pdf, Some("application/pdf"), &limits) {
            Err(ExtractError::TooLarge { found, limit, .. }) => {
                assert!(
                    found > BUDGET && limit == BUDGET,
                    "{name}: {found} of {limit}"
                )
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    let within = [
        (
            "contents once",
            page_with("4 0 R", vec![stream("/Filter /FlateDecode", &hundred_kib)]),
        ),
        ("a form drawn three times", form_drawn(3)),
        (
            "an image no text reader decodes",
            page_with(
                "4 0 R",
                vec![
                    stream("", b"BT ET"),
                    stream("/Subtype /Image /Filter /FlateDecode", &two_mib),
                ],
            ),
        ),
    ];
    for (name, pdf) in within {
        let outcome = extract(&pdf, Some("application/pdf"), &limits);
        assert!(
            !matches!(outcome, Err(ExtractError::TooLarge { .. })),
            "{name}: {outcome:?}"
        );
    }
}

/// A .docx of `entries` (name, XML), each stored whole.
fn package(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    for (name, xml) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buffer.into_inner()
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[test]
fn styles_are_read_when_a_paragraph_has_one_and_only_then() {
    let paragraph = |style: &str, text: &str| {
        format!(r#"<w:p><w:pPr>{style}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let body = |paragraphs: String| {
        format!(r#"<w:document xmlns:w="w"><w:body>{paragraphs}</w:body></w:document>"#)
    };
    let styled = body(
        paragraph(r#"<w:pStyle w:val="H1"/>"#, "一、主要举措")
            + &paragraph("", "全面推进依法行政。"),
    );
    let plain = body(paragraph("", "一、主要举措") + &paragraph("", "全面推进依法行政。"));
    let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:name w:val="heading 1"/></w:style></w:styles>"#;
    let broken = r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:name></w:style>"#;
    let limits = Limits::default();
    let read = |document: &str, styles: &str| {
        let docx = package(&[("word/document.xml", document), ("word/styles.xml", styles)]);
        extract(&docx, Some(DOCX), &limits)
    };
    let headed = read(&styled, styles).unwrap();
    assert_eq!(headed.heading_levels, [(0, 1)]);
    assert!(matches!(
        read(&styled, broken),
        Err(ExtractError::Malformed { .. })
    ));
    // No paragraph draws on styles.xml: what it holds, even broken, changes nothing.
    let text = read(&plain, broken).unwrap();
    assert_eq!(text.text, "一、主要举措\n全面推进依法行政。\n");
    assert!(text.heading_levels.is_empty());
}

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
