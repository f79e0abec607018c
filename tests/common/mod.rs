//! What both the HTTP and the command-line tests use: the corpus and what DOMAIN.md says of it.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

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
    let mut rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    rules.sort();
    let want: Vec<&str> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert_eq!(rules, want, "{name}: findings");
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
