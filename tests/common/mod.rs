//! What both the HTTP and the command-line tests use: the corpus and what DOMAIN.md says of it.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

pub mod hostile;
pub mod server;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture exists")
}

/// Each corpus report with its expected outcome.
pub fn expectations() -> Vec<(String, Value)> {
    let json: Value = serde_json::from_str(&fixture("expectations.json")).unwrap();
    json.as_object()
        .unwrap()
        .iter()
        .map(|(name, expected)| (name.clone(), expected.clone()))
        .collect()
}

/// Asserts a check report against an expectation from `expectations.json`.
pub fn assert_outcome(name: &str, report: &Value, expected: &Value) {
    assert_eq!(
        report["compliant"], expected["compliant"],
        "{name}: compliant"
    );
    assert_eq!(report["report"]["year"], expected["year"], "{name}: year");
    assert_eq!(
        report["report"]["script"], expected["script"],
        "{name}: script"
    );
    for part in report["parts"].as_array().unwrap() {
        let id = part["part"].as_str().unwrap();
        assert_eq!(
            part["status"], expected["parts"][id],
            "{name}: status of {id}"
        );
    }
    let (format, mut rules): (Vec<&str>, Vec<&str>) = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .partition(|rule| rule.starts_with("format-"));
    assert_word_format(name, report, format);
    rules.sort();
    let want: Vec<&str> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(rules, want, "{name}: findings");
}

/// The format findings a reviewer expects of a corpus report: a Word document typed in Word's
/// (python-docx's) defaults has Letter paper with 1-inch margins, body text in a 小四 serif with
/// 1.15 spacing and no indent, and no page number; any other format has no Word format at all.
fn assert_word_format(name: &str, report: &Value, mut format: Vec<&str>) {
    let word = matches!(
        report["report"]["source"]["format"].as_str(),
        Some("docx" | "doc" | "wps" | "rtf")
    );
    if !word {
        assert_eq!(
            format,
            Vec::<&str>::new(),
            "{name}: a format finding outside Word"
        );
        return;
    }
    format.dedup();
    for rule in ["format-page", "format-body", "format-page-number"] {
        assert!(format.contains(&rule), "{name}: {rule} in {format:?}");
    }
}

/// The lines of a batch of tests/fixtures/comparison: each 2024 report compared with its
/// unit's 2023 report (the copy found past 0.75 of its text), the 2023 ones with none.
pub fn assert_years_paired(lines: &[Value]) {
    for line in lines.iter().filter(|l| l.get("file").is_some()) {
        let file = line["file"].as_str().unwrap();
        let comparison = &line["report"]["comparison"];
        if file.contains("2023") {
            assert!(comparison.is_null(), "{file}");
        } else {
            // 青禾县石桥镇 is 石桥镇人民政府: its copy of last year is found too.
            assert_eq!(comparison["previous"]["year"], 2023, "{file}");
            let share = comparison["reused_share"].as_f64().unwrap();
            assert_eq!(file.contains("copied"), share > 0.75, "{file}: {share}");
        }
    }
}

/// The rule of each finding of a check report, in order.
pub fn rules_of(report: &Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

/// A part's entry in a check report.
pub fn part<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part"] == id)
        .unwrap()
}

/// The status of a part in a check report.
pub fn status<'a>(report: &'a Value, id: &str) -> &'a str {
    part(report, id)["status"].as_str().unwrap()
}

/// The findings of one rule.
pub fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

/// The submitted text a span covers (spans count code points).
pub fn spanned(text: &str, span: &Value) -> String {
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    text.chars().skip(start).take(end - start).collect()
}

/// The document fixtures made from the corpus (not the hostile ones), each with the name of the
/// corpus report it was made from.
pub fn documents() -> Vec<(String, String)> {
    let dir = fixture_path("documents");
    let mut list: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let source = format!("{}.txt", name.split('.').next()?);
            (fixture_path(&source).is_file()).then_some((name, source))
        })
        .collect();
    list.sort();
    list
}

pub fn document(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path("documents").join(name)).expect("document fixture exists")
}

/// The media type a sender would give a fixture, from its extension.
pub fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap() {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf" => "application/pdf",
        "html" => "text/html",
        "ofd" => "application/ofd",
        "doc" => "application/msword",
        "rtf" => "application/rtf",
        "zip" => "application/zip",
        _ => "text/plain",
    }
}

/// The expectation for a corpus report.
pub fn expectation(source: &str) -> Value {
    expectations()
        .into_iter()
        .find(|(name, _)| name == source)
        .map(|(_, expected)| expected)
        .expect("the source has an expectation")
}

/// Whether a fixture is read through LibreOffice (.doc, .wps, .rtf): the tests of those are
/// `#[ignore]`d, and .ci/run installs LibreOffice and runs them.
pub fn converted(name: &str) -> bool {
    [".doc", ".wps", ".rtf"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether LibreOffice is here to convert .doc, .wps and .rtf.
pub fn has_libreoffice() -> bool {
    nianbao::Limits::default().converter.is_some()
}

/// Every media type a document may be sent with.
pub const MEDIA_TYPES: [&str; 7] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/pdf",
    "text/html",
    "application/ofd",
    "text/plain",
    "application/msword",
    "application/octet-stream",
];

/// One part of a zip package (.docx, .xlsx) as text.
pub fn zip_part(package: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package)).expect("a zip package");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name(name).expect("the part is there"),
        &mut text,
    )
    .expect("the part is UTF-8");
    text
}
