//! Profiles: `default` for drafters, `strict` for the collecting office, chosen per request in
//! JSON, the query string or an upload form, and listed with every rule.

use reqwest::multipart::Form;
use serde_json::{Value, json};

use crate::common::{findings, fixture};
use crate::helpers::{problem, spawn_app};

#[tokio::test]
async fn every_rule_lists_the_profiles_that_run_it() {
    let app = spawn_app().await;
    let list: Vec<Value> = app.get("/v1/rules").await.json().await.unwrap();
    let profiles = |id: &str| {
        list.iter()
            .find(|r| r["id"] == id)
            .map(|r| (r["profiles"].clone(), r["default_enabled"].clone()))
            .unwrap()
    };
    assert_eq!(
        profiles("part-missing"),
        (json!(["default", "strict"]), json!(true))
    );
    assert_eq!(
        profiles("sign-off-missing"),
        (json!(["strict"]), json!(false))
    );
    assert_eq!(
        profiles("half-width-punctuation"),
        (json!([]), json!(false))
    );
    let one: Value = app
        .get("/v1/rules/title-missing")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["profiles"], json!(["strict"]));
}

#[tokio::test]
async fn the_strict_profile_is_chosen_in_the_query_string_or_a_form() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let drafter: Value = app.post_text("", text.clone()).await.json().await.unwrap();
    assert!(findings(&drafter, "sign-off-missing").is_empty());
    let office: Value = app
        .post_text("profile=strict", text.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(findings(&office, "sign-off-missing").len(), 1);
    assert_eq!(findings(&office, "title-missing").len(), 1);

    // A rule of the profile can still be switched off for one request.
    let report: Value = app
        .post_text("profile=strict&disable=title-missing", text.clone())
        .await
        .json()
        .await
        .unwrap();
    assert!(findings(&report, "title-missing").is_empty());
    assert_eq!(findings(&report, "sign-off-missing").len(), 1);

    let form = Form::new().text("text", text).text("profile", "strict");
    let report: Value = app
        .post_form("/v1/checks", form)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(findings(&report, "sign-off-missing").len(), 1);
}

#[tokio::test]
async fn an_unknown_profile_is_a_422_naming_the_field() {
    let app = spawn_app().await;
    let response = app
        .post_json(&json!({"text": "报告", "profile": "lenient"}))
        .await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["pointer"], "/profile");
}

#[tokio::test]
async fn a_rule_both_enabled_and_disabled_does_not_run() {
    let app = spawn_app().await;
    let untitled = "一、主要举措\n开展工作。";
    let both = json!({"text": untitled, "profile": "strict",
        "rules": {"enable": ["title-missing"], "disable": ["title-missing"]}});
    assert!(findings(&app.check(both).await, "title-missing").is_empty());

    for (query, expected) in [
        ("enable=title-missing", 1),
        (
            "enable=half-width-punctuation,title-missing&disable=title-missing",
            0,
        ),
    ] {
        let response = app.post_text(query, untitled).await;
        assert_eq!(response.status(), 200);
        let report: Value = response.json().await.unwrap();
        assert_eq!(
            findings(&report, "title-missing").len(),
            expected,
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_form_may_repeat_the_rule_fields() {
    let app = spawn_app().await;
    let form = Form::new()
        .text("text", "一、主要举措\n开展工作,取得成效。")
        .text("enable", "title-missing")
        .text("enable", "half-width-punctuation")
        .text("disable", "part-missing");
    let response = app.post_form("/v1/checks", form).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(findings(&report, "title-missing").len(), 1);
    assert!(!findings(&report, "half-width-punctuation").is_empty());
    assert!(findings(&report, "part-missing").is_empty());
}

#[tokio::test]
async fn a_form_field_does_not_hide_a_mistake_in_the_query_string() {
    let app = spawn_app().await;
    let form = Form::new()
        .text("text", fixture("wuxing-2024.txt"))
        .text("disable", "part-order");
    let response = app.post_form("/v1/checks?disable=no-such-rule", form).await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "disable");
}

#[tokio::test]
async fn options_left_blank_in_a_form_count_as_absent() {
    let app = spawn_app().await;
    let form = Form::new()
        .text("text", fixture("wuxing-2024.txt"))
        .text("year", "")
        .text("published_on", "")
        .text("profile", " ");
    let response = app.post_form("/v1/checks", form).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["report"]["year"], 2024);
}
