//! The rules and the rule set, as the API documents them.

use serde_json::Value;

use crate::helpers::{problem, spawn_app};

const RULE_IDS: [&str; 46] = [
    "not-a-report",
    "part-missing",
    "part-embedded",
    "part-empty",
    "part-order",
    "measures-coverage",
    "measures-without-figures",
    "shortcomings-without-reasons",
    "shortcomings-too-few",
    "shortcoming-beyond-powers",
    "first-responsible-shallow",
    "year-mismatch",
    "plan-year-mismatch",
    "plan-restates-year",
    "year-unknown",
    "no-structure",
    "title-missing",
    "title-malformed",
    "sign-off-missing",
    "addressee-mismatch",
    "published-late",
    "published-early",
    "unbalanced-punctuation",
    "personal-data",
    "citation-mismatch",
    "half-width-punctuation",
    "doubled-character",
    "outdated-formulation",
    "fazhi-formulation",
    "anachronistic-citation",
    "wrong-character",
    "enumeration-punctuation",
    "basis-title-inexact",
    "previous-mismatch",
    "reused-from-previous",
    "shortcoming-repeated",
    "plan-not-followed",
    "figure-repeated",
    "heading-numbering",
    "unfilled-blank",
    "sign-off-date-form",
    "format-page",
    "format-title",
    "format-body",
    "format-headings",
    "format-page-number",
];

#[tokio::test]
async fn every_rule_is_listed_with_its_documentation() {
    let app = spawn_app().await;
    let list: Vec<Value> = app.get("/v1/rules").await.json().await.unwrap();
    let ids: Vec<&str> = list.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, RULE_IDS);
    for rule in &list {
        for field in ["title", "description", "rationale", "example", "fix"] {
            assert!(
                !rule[field].as_str().unwrap().is_empty(),
                "{} {field}",
                rule["id"]
            );
        }
    }
    let missing = list.iter().find(|r| r["id"] == "part-missing").unwrap();
    assert_eq!(missing["default_severity"], "error");
    assert_eq!(missing["title"], "缺少必需部分");
}

#[tokio::test]
async fn one_rule_is_documented_in_either_language() {
    let app = spawn_app().await;
    let rule: Value = app
        .get("/v1/rules/part-order?lang=en")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rule["default_severity"], "info");
    assert_eq!(rule["title"], "Parts are not in the official order");
    let body = problem(app.get("/v1/rules/no-such-rule").await, 404).await;
    assert_eq!(body["type"], "/problems/unknown-rule");
}

#[tokio::test]
async fn the_active_rule_set_is_served_as_loaded() {
    let app = spawn_app().await;
    let served: Value = app.get("/v1/ruleset").await.json().await.unwrap();
    let embedded: Value = serde_json::from_str(nianbao::DEFAULT_RULESET_JSON).unwrap();
    assert_eq!(served, embedded);
}
