//! Realistic examples for the API documentation: a real published report, so "Try it out" works
//! as it stands.

use base64::Engine as _;
use serde_json::{Value, json};

use crate::engine::{Engine, Input};
use crate::rules::CheckOptions;
use crate::ruleset::DEFAULT_RULESET_JSON;

/// 庄市街道's 2023 report as published on its portal: two required parts are missing.
pub const SAMPLE_REPORT: &str = include_str!("../../../web/sample-report.txt");
const SAMPLE_PUBLISHED_ON: &str = "2024-02-29";

pub fn report_text() -> Value {
    Value::String(SAMPLE_REPORT.to_owned())
}

pub fn check_request() -> Value {
    json!({
        "text": SAMPLE_REPORT,
        "published_on": SAMPLE_PUBLISHED_ON,
        "issuer_kind": "government"
    })
}

/// The same report sent as a file inside JSON, so the example decodes to a real report.
pub fn file_upload() -> Value {
    json!({
        "name": "2023年法治政府建设年度报告.txt",
        "content_base64": base64::engine::general_purpose::STANDARD.encode(SAMPLE_REPORT)
    })
}

/// What the engine really answers to [`check_request`].
pub fn check_report() -> Value {
    let options = CheckOptions {
        published_on: SAMPLE_PUBLISHED_ON.parse().ok(),
        ..CheckOptions::default()
    };
    let report = Engine::default()
        .check_input(Input::Text(SAMPLE_REPORT.to_owned()), &options)
        .expect("a text can always be checked");
    serde_json::to_value(report).expect("a check report serialises")
}

pub fn ruleset() -> Value {
    serde_json::from_str(DEFAULT_RULESET_JSON).expect("the embedded rule set is JSON")
}
