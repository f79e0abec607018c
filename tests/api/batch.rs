//! `POST /v1/checks/batch`: many reports in one form, one NDJSON line each, then a summary.

use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::{document, fixture, media_type};
use crate::helpers::{problem, spawn_app};

fn part(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(media_type(name))
        .unwrap()
}

#[tokio::test]
async fn every_report_gets_a_line_and_a_bad_file_does_not_fail_the_batch() {
    let app = spawn_app().await;
    let form = Form::new()
        .part(
            "file",
            part("xixing-2024.typed.docx", document("xixing-2024.typed.docx")),
        )
        .part(
            "file",
            part(
                "zhuangshi-2023.txt",
                fixture("zhuangshi-2023.txt").into_bytes(),
            ),
        )
        .part(
            "file",
            part("truncated.pdf", document("hostile/truncated.pdf")),
        );
    let response = app
        .client
        .post(app.url("/v1/checks/batch?lang=en"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let text = response.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    let of = |file: &str| lines.iter().find(|l| l["file"] == file).unwrap();
    assert_eq!(of("xixing-2024.typed.docx")["report"]["compliant"], true);
    assert_eq!(of("zhuangshi-2023.txt")["report"]["compliant"], false);
    assert_eq!(
        of("truncated.pdf")["error"]["type"],
        "/problems/unreadable-document"
    );
    assert_eq!(
        lines[3]["summary"],
        serde_json::json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1})
    );
}

#[tokio::test]
async fn a_batch_must_be_a_form_with_files() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/v1/checks/batch"))
        .header("content-type", "text/plain")
        .body("报告")
        .send()
        .await
        .unwrap();
    problem(response, 415).await;
    let empty = Form::new().text("year", "2024");
    let response = app
        .client
        .post(app.url("/v1/checks/batch"))
        .multipart(empty)
        .send()
        .await
        .unwrap();
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "file");
}
