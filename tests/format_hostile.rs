//! Hostile Word documents against the format reader: styles based on each other in a loop, a
//! chain 10,000 styles deep, a theme of megabytes, a footer the package lacks, 100,000 runs with
//! direct formatting. Each is answered normally (or refused by the size limits) in bounded time.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::{CheckOptions, Engine, Input};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// The GB/T 9704 fixture with some of its parts replaced (or added).
fn docx_with(replaced: &[(&str, String)]) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format/gbt9704.docx");
    let bytes = std::fs::read(path).unwrap();
    let mut source = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut written = Vec::new();
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if let Some((_, new)) = replaced.iter().find(|(n, _)| *n == name) {
            content = new.clone().into_bytes();
        }
        writer.start_file(&name, options).unwrap();
        writer.write_all(&content).unwrap();
        written.push(name);
    }
    for (name, content) in replaced {
        if !written.iter().any(|n| n == name) {
            writer.start_file(*name, options).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
    }
    writer.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdMissing"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr></w:body></w:document>"#
    )
}

fn paragraph(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

/// Checks a document; it must be answered (a report or a refusal) within `limit`.
#[track_caller]
fn answered_within(bytes: Vec<u8>, limit: Duration) -> Option<nianbao::CheckReport> {
    let started = Instant::now();
    let result = Engine::default().check_input(
        Input::Bytes {
            bytes,
            media_type: None,
        },
        &CheckOptions::default(),
    );
    let took = started.elapsed();
    assert!(took < limit, "took {took:?}");
    result.ok()
}

fn styles(definitions: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{definitions}</w:styles>"#)
}

#[test]
fn styles_based_on_each_other_in_a_loop() {
    let loop_ = styles(
        r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>"#,
    );
    let body = document(&paragraph("A", "一、主要举措和成效").repeat(3));
    let report = answered_within(
        docx_with(&[("word/styles.xml", loop_), ("word/document.xml", body)]),
        Duration::from_secs(5),
    );
    assert!(report.is_some());
}

#[test]
fn a_chain_ten_thousand_styles_deep() {
    let chain: String = (0..10_000)
        .map(|i| {
            format!(
                r#"<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{}"/><w:rPr><w:sz w:val="{}"/></w:rPr></w:style>"#,
                i + 1,
                20 + i % 10
            )
        })
        .collect();
    let body = document(
        &(0..200)
            .map(|i| paragraph(&format!("S{i}"), "全年办理案件93件。"))
            .collect::<String>(),
    );
    let report = answered_within(
        docx_with(&[
            ("word/styles.xml", styles(&chain)),
            ("word/document.xml", body),
        ]),
        Duration::from_secs(5),
    );
    assert!(report.is_some());
}

#[test]
fn a_theme_of_megabytes() {
    let padding = "<a:extra/>".repeat(400_000);
    let theme = format!(
        r#"<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:fontScheme><a:majorFont><a:ea typeface="黑体"/></a:majorFont><a:minorFont><a:ea typeface="仿宋_GB2312"/></a:minorFont></a:fontScheme>{padding}</a:themeElements></a:theme>"#
    );
    assert!(theme.len() > 4_000_000);
    let report = answered_within(
        docx_with(&[("word/theme/theme1.xml", theme)]),
        Duration::from_secs(5),
    );
    assert!(report.is_some());
}

#[test]
fn a_footer_the_package_lacks_is_no_page_number() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdMissing" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer9.xml"/></Relationships>"#;
    let body = document(&paragraph("Normal", "一、主要举措和成效"));
    let report = answered_within(
        docx_with(&[
            ("word/_rels/document.xml.rels", rels.to_owned()),
            ("word/document.xml", body),
        ]),
        Duration::from_secs(5),
    )
    .unwrap();
    let json = serde_json::to_value(report).unwrap();
    let number: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "format-page-number")
        .collect();
    assert_eq!(number.len(), 1);
    assert!(number[0]["message"].as_str().unwrap().contains("没有页码"));
}

#[test]
fn a_hundred_thousand_runs_with_direct_formatting() {
    let run = |i: usize| {
        let font = if i.is_multiple_of(2) {
            "宋体"
        } else {
            "仿宋_GB2312"
        };
        format!(
            r#"<w:r><w:rPr><w:rFonts w:eastAsia="{font}"/><w:sz w:val="{}"/><w:b/></w:rPr><w:t>法</w:t></w:r>"#,
            24 + i % 8
        )
    };
    let paragraphs: String = (0..1_000)
        .map(|p| {
            format!(
                "<w:p>{}</w:p>",
                (0..100).map(|r| run(p * 100 + r)).collect::<String>()
            )
        })
        .collect();
    let report = answered_within(
        docx_with(&[("word/document.xml", document(&paragraphs))]),
        Duration::from_secs(20),
    );
    // Read whole (the document is well within the size limits), not refused.
    assert!(report.is_some());
}
