//! What a proofreader catches before publication: unpaired marks and personal data.

use serde_json::json;

use crate::common::{findings, fixture, spanned};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_lone_quotation_mark_in_xixing_is_found_at_its_exact_place() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let report = app.check_text(&text).await;
    let found = findings(&report, "unbalanced-punctuation");
    assert_eq!(found.len(), 1);
    let span = &found[0]["span"];
    assert_eq!(spanned(&text, span), "”");
    assert_eq!(span["line"], 33);
    let before: String = text
        .chars()
        .take(span["start"].as_u64().unwrap() as usize)
        .collect();
    assert!(
        before.ends_with("115名,遵纪守法示范户"),
        "{}",
        &before[before.len() - 30..]
    );
    assert_eq!(found[0]["severity"], "warning");
    assert!(found[0]["suggestion"].as_str().unwrap().contains("“"));
}

#[tokio::test]
async fn unclosed_title_marks_and_brackets_are_found_and_item_numbers_are_not() {
    let app = spawn_app().await;
    let text = "2024年某县法治政府建设年度报告\n1）认真贯彻落实《法治政府建设实施纲要（2021—2025年）的要求。\n2）开展“八五”普法。";
    let report = app.check_text(text).await;
    let found = findings(&report, "unbalanced-punctuation");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(spanned(text, &found[0]["span"]), "《");
}

#[tokio::test]
async fn id_numbers_and_mobile_numbers_are_flagged_with_a_masked_suggestion() {
    let app = spawn_app().await;
    let text = "一、2024年主要举措和成效\n为当事人王某（身份证号11010519491231002X）办理法律援助，联系人李某，手机138-0013-8000。\n\
                热线电话0571-87654321，案件编号110105194912310021。";
    let report = app.check(json!({"text": text, "lang": "en"})).await;
    let found = findings(&report, "personal-data");
    assert_eq!(
        found.len(),
        2,
        "a landline and a number failing the check digit are not flagged"
    );
    assert_eq!(spanned(text, &found[0]["span"]), "11010519491231002X");
    assert_eq!(found[0]["suggestion"], "110105********002X");
    assert!(found[0]["message"].as_str().unwrap().contains("ID number"));
    assert_eq!(spanned(text, &found[1]["span"]), "138-0013-8000");
    assert_eq!(found[1]["suggestion"], "138****8000");
}

#[tokio::test]
async fn the_outline_cited_with_wrong_years_is_corrected_and_right_citations_pass() {
    let app = spawn_app().await;
    let text = "一、2024年工作开展情况\n深入贯彻《法治政府建设实施纲要（2022—2025年）》，对照实施纲要(2021-2025年)逐项落实。";
    let report = app.check_text(text).await;
    let found = findings(&report, "citation-mismatch");
    assert_eq!(found.len(), 1, "the correct short citation passes");
    assert_eq!(spanned(text, &found[0]["span"]), "2022—2025");
    assert_eq!(found[0]["suggestion"], "2021—2025");
    assert_eq!(found[0]["basis"]["number"], "中发〔2021〕33号");
    let xixing = app.check_text(&fixture("xixing-2024.txt")).await;
    assert!(findings(&xixing, "citation-mismatch").is_empty());
}

#[tokio::test]
async fn half_width_punctuation_is_checked_only_when_asked_for() {
    let app = spawn_app().await;
    let text = "一、2024年工作开展情况\n全年召开党工委(扩大)会议26次,办理案件1,000件,时间8:30。";
    let default = app.check_text(text).await;
    assert!(
        findings(&default, "half-width-punctuation").is_empty(),
        "off by default"
    );

    let report = app
        .check(json!({"text": text, "rules": {"enable": ["half-width-punctuation"]}}))
        .await;
    let found = findings(&report, "half-width-punctuation");
    let marks: Vec<String> = found.iter().map(|f| spanned(text, &f["span"])).collect();
    assert_eq!(marks, ["(", ")", ",", ","], "not inside 1,000 or 8:30");
    let fixes: Vec<&str> = found
        .iter()
        .map(|f| f["suggestion"].as_str().unwrap())
        .collect();
    assert_eq!(fixes, ["（", "）", "，", "，"]);
}

#[tokio::test]
async fn the_doubled_character_in_xixing_is_found_at_its_exact_place() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let report = app.check_text(&text).await;
    let found = findings(&report, "doubled-character");
    assert_eq!(
        found.len(),
        1,
        "legitimate doubles (法治治理, 学习习近平) are not flagged"
    );
    let span = &found[0]["span"];
    assert_eq!(spanned(&text, span), "发发");
    let before: String = text
        .chars()
        .take(span["start"].as_u64().unwrap() as usize)
        .collect();
    assert!(
        before.ends_with("轨道,充分"),
        "{}",
        &before[before.len() - 30..]
    );
    assert_eq!(found[0]["suggestion"], "发");
    assert_eq!(found[0]["severity"], "warning");
}

#[tokio::test]
async fn reduplications_and_shared_characters_are_not_slips() {
    let app = spawn_app().await;
    let text = "一、2024年主要举措和成效\n紧紧围绕中心工作，人人学法、事事依法，常常开展法治讲座，全面推行行政执法公示，坚持学习习近平法治思想。\n要认真真落实责任。";
    let report = app.check_text(text).await;
    let found = findings(&report, "doubled-character");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(spanned(text, &found[0]["span"]), "真真");
}
