//! Examples for the API documentation: a short report in the style of published ones, with the
//! part reports most often lack, so "Try it out" works as it stands and shows a finding; short,
//! because generated clients carry every example in their code.

use base64::Engine as _;
use serde_json::{Value, json};

use crate::engine::{Engine, Input};
use crate::rules::CheckOptions;
use crate::ruleset::DEFAULT_RULESET_JSON;

/// A county's 2025 report of 670 characters, written for the purpose: the first-responsible part
/// is missing.
const EXAMPLE_REPORT: &str = include_str!("example-report.txt");
const EXAMPLE_PUBLISHED_ON: &str = "2026-03-20";
/// The same county's report of the year before, 420 characters: one shortcoming is listed
/// again, and one of its three plans is never mentioned.
const EXAMPLE_PREVIOUS: &str = include_str!("example-previous.txt");

pub fn report_text() -> Value {
    Value::String(EXAMPLE_REPORT.to_owned())
}

pub fn check_request() -> Value {
    json!({
        "text": EXAMPLE_REPORT,
        "published_on": EXAMPLE_PUBLISHED_ON,
        "issuer_kind": "government",
        "previous": previous_upload()
    })
}

/// Last year's report beside this year's.
pub fn previous_upload() -> Value {
    json!({ "text": EXAMPLE_PREVIOUS })
}

/// The same report sent as a file inside JSON, so the example decodes to a real report.
pub fn file_upload() -> Value {
    json!({
        "name": "2025年法治政府建设年度报告.txt",
        "content_base64": base64::engine::general_purpose::STANDARD.encode(EXAMPLE_REPORT)
    })
}

/// What the engine really answers to [`check_request`].
pub fn check_report() -> Value {
    let options = CheckOptions {
        published_on: EXAMPLE_PUBLISHED_ON.parse().ok(),
        ..CheckOptions::default()
    };
    let report = Engine::default()
        .check_beside_until(
            Input::Text(EXAMPLE_REPORT.to_owned()),
            Some(Input::Text(EXAMPLE_PREVIOUS.to_owned())),
            &options,
            &crate::extract::Cancel::default(),
        )
        .expect("a text can always be checked");
    serde_json::to_value(report).expect("a check report serialises")
}

/// The embedded rule set's head, its first part and its thresholds: the whole runs to 15 KB.
pub fn ruleset() -> Value {
    let whole: Value =
        serde_json::from_str(DEFAULT_RULESET_JSON).expect("the embedded rule set is JSON");
    let mut excerpt = serde_json::Map::new();
    for key in [
        "id",
        "version",
        "name",
        "name_en",
        "parts",
        "deadlines",
        "thresholds",
    ] {
        excerpt.insert(key.to_owned(), whole[key].clone());
    }
    excerpt["parts"] = Value::Array(
        whole["parts"]
            .as_array()
            .into_iter()
            .flatten()
            .take(1)
            .cloned()
            .collect(),
    );
    Value::Object(excerpt)
}
