//! Realistic examples for the API documentation: a real published report, so "Try it out" works
//! as it stands.

use serde_json::{Value, json};

use crate::analysis::CheckOptions;
use crate::engine::Engine;
use crate::ruleset::{DEFAULT_RULESET_JSON, RuleSet};

/// 庄市街道's 2023 report as published on its portal: two required parts are missing.
pub const SAMPLE_REPORT: &str = include_str!("../../tests/fixtures/zhuangshi-2023.txt");
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

/// What the engine really answers to [`check_request`].
pub fn check_report() -> Value {
    let options = CheckOptions {
        published_on: SAMPLE_PUBLISHED_ON.parse().ok(),
        ..CheckOptions::default()
    };
    let report = Engine::new(RuleSet::embedded()).check(SAMPLE_REPORT, &options);
    serde_json::to_value(report).expect("a check report serialises")
}

pub fn ruleset() -> Value {
    serde_json::from_str(DEFAULT_RULESET_JSON).expect("the embedded rule set is JSON")
}
