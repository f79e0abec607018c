//! The report as Word with comments, for the reviewer: asked for with `Accept`, the .docx as
//! sent with a comment per finding, any other format as a new .docx, refusals still problems.

use std::io::{Cursor, Read};

use serde_json::Value;

use crate::common::document;
use crate::helpers::{TestApp, problem, spawn_app};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn post(app: &TestApp, content_type: &str, body: Vec<u8>, accept: &str) -> reqwest::Response {
    app.client
        .post(app.url("/v1/checks"))
        .header("content-type", content_type)
        .header("accept", accept)
        .body(body)
        .send()
        .await
        .unwrap()
}

fn part(docx: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut file = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    Some(bytes)
}

/// The findings that get a comment: those with a place, and the Word format's findings about
/// the whole document (noted at its first character).
fn placed_findings(report: &Value) -> usize {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["span"].is_null() || f["rule"].as_str().unwrap().starts_with("format-"))
        .count()
}

#[tokio::test]
async fn a_docx_comes_back_with_a_comment_per_finding_and_every_other_part_as_sent() {
    let app = spawn_app().await;
    let sent = document("wuxing-2024.typed.docx");
    let json: Value = post(&app, DOCX, sent.clone(), "application/json")
        .await
        .json()
        .await
        .unwrap();
    let response = post(&app, DOCX, sent.clone(), DOCX).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], DOCX);
    assert_eq!(response.headers()["x-nianbao-compliant"], "true");
    let annotated = response.bytes().await.unwrap().to_vec();
    let comments = String::from_utf8(part(&annotated, "word/comments.xml").unwrap()).unwrap();
    assert_eq!(
        comments.matches("<w:comment ").count(),
        placed_findings(&json)
    );
    assert!(comments.contains(r#"w:author="nianbao""#));
    assert!(
        comments.contains("截至目前"),
        "the suggestion is in the comment"
    );
    let document_xml = String::from_utf8(part(&annotated, "word/document.xml").unwrap()).unwrap();
    assert_eq!(
        document_xml.matches("<w:commentRangeStart ").count(),
        placed_findings(&json)
    );
    // Every part but the four that declare the comments is as it was.
    let mut original = zip::ZipArchive::new(Cursor::new(&sent[..])).unwrap();
    for index in 0..original.len() {
        let name = original
            .by_index(index)
            .unwrap()
            .name()
            .unwrap()
            .into_owned();
        if [
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
        ]
        .contains(&name.as_str())
        {
            continue;
        }
        assert_eq!(part(&annotated, &name), part(&sent, &name), "{name}");
    }
}

#[tokio::test]
async fn another_format_comes_back_as_a_new_docx_of_its_text() {
    let app = spawn_app().await;
    let pdf = document("zhuangshi-2023.pdf");
    let response = post(
        &app,
        "application/pdf",
        pdf,
        &format!("{DOCX}, application/json;q=0.5"),
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-nianbao-compliant"], "false");
    let annotated = response.bytes().await.unwrap().to_vec();
    let document_xml = String::from_utf8(part(&annotated, "word/document.xml").unwrap()).unwrap();
    assert!(document_xml.contains(r#"<w:pStyle w:val="Heading1"/>"#));
    let comments = String::from_utf8(part(&annotated, "word/comments.xml").unwrap()).unwrap();
    assert!(comments.contains("part-missing"));
}

#[tokio::test]
async fn json_is_answered_unless_word_is_preferred_and_a_refusal_stays_a_problem() {
    let app = spawn_app().await;
    let sent = document("wuxing-2024.typed.docx");
    for accept in [
        "*/*",
        "application/json",
        &format!("application/json, {DOCX};q=0.5"),
    ] {
        let response = post(&app, DOCX, sent.clone(), accept).await;
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{accept}"
        );
    }
    let broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    problem(post(&app, "application/pdf", broken, DOCX).await, 422).await;
}

#[tokio::test]
async fn with_revisions_each_certain_fix_is_a_tracked_change_and_the_rest_comments_alone() {
    let app = spawn_app().await;
    let text = crate::common::fixture("fixable/slips-town-2024.txt").into_bytes();
    let json: Value = post(
        &app,
        "text/plain; charset=utf-8",
        text.clone(),
        "application/json",
    )
    .await
    .json()
    .await
    .unwrap();
    let fixes: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fix"].is_null())
        .collect();
    assert!(fixes.len() >= 4, "{json}");
    assert!(fixes.iter().all(|f| f["fix"]["span"] == f["span"]));

    let response = app
        .client
        .post(app.url("/v1/checks?revisions=True"))
        .header("content-type", "text/plain; charset=utf-8")
        .header("accept", DOCX)
        .body(text.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let docx = response.bytes().await.unwrap();
    let document = String::from_utf8(part(&docx, "word/document.xml").unwrap()).unwrap();
    assert_eq!(
        document.matches(r#"<w:ins w:id="#).count(),
        fixes.len(),
        "{document}"
    );
    assert_eq!(document.matches("<w:delText").count(), fixes.len());
    assert!(document.contains(r#"<w:t xml:space="preserve">截至目前</w:t></w:r></w:ins>"#));
    let comments = String::from_utf8(part(&docx, "word/comments.xml").unwrap()).unwrap();
    assert_eq!(
        comments.matches("<w:comment ").count(),
        placed_findings(&json)
    );

    // A value that is no boolean is refused, naming the parameter.
    let wrong = app
        .client
        .post(app.url("/v1/checks?revisions=maybe"))
        .header("content-type", "text/plain; charset=utf-8")
        .header("accept", DOCX)
        .body(text.clone())
        .send()
        .await
        .unwrap();
    let body = problem(wrong, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "revisions", "{body}");

    // Without asking, the Word answer has comments only.
    let plain = post(&app, "text/plain; charset=utf-8", text, DOCX).await;
    let docx = plain.bytes().await.unwrap();
    let document = String::from_utf8(part(&docx, "word/document.xml").unwrap()).unwrap();
    assert!(!document.contains("<w:ins "), "{document}");

    // The rules that fix say so.
    let rules: Value = app.get("/v1/rules").await.json().await.unwrap();
    let fixable = |id: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["fixable"]
            .clone()
    };
    assert_eq!(fixable("wrong-character"), true);
    assert_eq!(fixable("shortcomings-without-reasons"), false);
}
