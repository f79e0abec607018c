//! Bad input gets an RFC 9457 problem with the right status and a message a clerk can act on.

use serde_json::{Value, json};

use crate::common::fixture;
use crate::helpers::{problem, spawn_app, spawn_app_with};

fn pointers(body: &Value) -> Vec<&str> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let response = app
        .post_raw("application/json", r#"{"text": "一、主要举措","#)
        .await;
    let body = problem(response, 400).await;
    assert_eq!(body["type"], "/problems/malformed-json");
    assert!(body["detail"].as_str().unwrap().contains("第1行"));
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_422_with_its_pointer() {
    let app = spawn_app().await;
    let body = problem(
        app.post_json(&json!({"text": "报告", "year": "2024年"}))
            .await,
        422,
    )
    .await;
    assert_eq!(pointers(&body), ["/year"]);
    let body = problem(app.post_json(&json!({"text": 2024})).await, 422).await;
    assert_eq!(pointers(&body), ["/text"]);
}

#[tokio::test]
async fn an_unknown_field_is_422_naming_it() {
    let app = spawn_app().await;
    let body = problem(
        app.post_json(&json!({"text": "报告", "yaer": 2024})).await,
        422,
    )
    .await;
    assert_eq!(pointers(&body), ["/yaer"]);
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("yaer")
    );
}

#[tokio::test]
async fn empty_and_blank_text_are_422() {
    let app = spawn_app().await;
    for text in ["", " \n\t　"] {
        let body = problem(app.post_json(&json!({"text": text})).await, 422).await;
        assert_eq!(pointers(&body), ["/text"], "{text:?}");
        assert!(
            body["errors"][0]["detail"]
                .as_str()
                .unwrap()
                .contains("为空")
        );
    }
    let body = problem(app.post_raw("text/plain", "   ").await, 422).await;
    assert_eq!(pointers(&body), [""]);
    let body = problem(app.post_json(&json!({})).await, 422).await;
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("text")
    );
}

#[tokio::test]
async fn an_oversized_body_is_413_with_the_limit_in_the_message() {
    let app = spawn_app_with(|settings| settings.body_limit = 4096).await;
    let text = fixture("xixing-2024.txt");
    let body = problem(app.post_raw("text/plain", text.clone()).await, 413).await;
    assert!(body["detail"].as_str().unwrap().contains("4096"), "{body}");

    // Without Content-Length the limit holds while streaming.
    let chunks: Vec<Result<String, std::io::Error>> = vec![Ok(text.clone()), Ok(text)];
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let body = problem(app.post_raw("text/plain", stream).await, 413).await;
    assert!(body["detail"].as_str().unwrap().contains("4096"));

    // The service keeps serving.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn an_invalid_date_is_422() {
    let app = spawn_app().await;
    // The publication date, and the submission date the page and office systems send.
    for field in ["published_on", "submitted_on"] {
        for date in ["2025-02-30", "2025/03/01", "明年"] {
            let body = problem(
                app.post_json(&json!({"text": "报告", field: date})).await,
                422,
            )
            .await;
            assert_eq!(pointers(&body), [format!("/{field}")], "{date}");
            assert!(
                body["errors"][0]["detail"]
                    .as_str()
                    .unwrap()
                    .contains("YYYY-MM-DD")
            );
        }
    }
}

#[tokio::test]
async fn a_year_out_of_range_is_422_in_body_and_query() {
    let app = spawn_app().await;
    let body = problem(
        app.post_json(&json!({"text": "报告", "year": 1999})).await,
        422,
    )
    .await;
    assert_eq!(pointers(&body), ["/year"]);
    let response = app.post_text("year=2200", "报告").await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "year");
}

#[tokio::test]
async fn a_year_written_as_a_whole_float_is_that_year_and_a_fraction_is_422() {
    // JSON Schema counts 2024.0 as an integer, and some OA systems serialise numbers that way.
    let app = spawn_app().await;
    let response = app
        .post_json(&json!({"text": "一、主要举措", "year": 2024.0}))
        .await;
    assert_eq!(response.status(), 200);
    let report: serde_json::Value = response.json().await.unwrap();
    assert_eq!(report["report"]["year"], 2024);
    let body = problem(
        app.post_json(&json!({"text": "报告", "year": 2024.5}))
            .await,
        422,
    )
    .await;
    assert_eq!(pointers(&body), ["/year"]);
}

#[tokio::test]
async fn unknown_rule_ids_are_422() {
    let app = spawn_app().await;
    let body = problem(
        app.post_json(
            &json!({"text": "报告", "rules": {"enable": ["part-missing", "no-such-rule"]}}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(pointers(&body), ["/rules/enable/1"]);
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("no-such-rule")
    );
}

#[tokio::test]
async fn an_empty_rule_id_is_422_not_silently_dropped() {
    // `enable=` reads as an empty list or as one empty id; either way the caller meant something.
    let app = spawn_app().await;
    for query in ["enable=", "disable=part-order,"] {
        let body = problem(app.post_text(query, "报告").await, 422).await;
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.contains("逗号"), "{query}: {detail}");
    }
}

#[tokio::test]
async fn media_types_outside_the_accepted_list_are_415() {
    let app = spawn_app().await;
    for media_type in [
        "application/xml",
        "image/png",
        "application/x-www-form-urlencoded",
    ] {
        let body = problem(app.post_raw(media_type, "<report/>").await, 415).await;
        assert!(
            body["detail"].as_str().unwrap().contains(".docx"),
            "{media_type}"
        );
    }
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405_with_allow() {
    let app = spawn_app().await;
    let body = problem(app.get("/v1/check").await, 404).await;
    assert_eq!(body["instance"], "/v1/check");

    let response = app.get("/v1/checks").await;
    assert_eq!(response.headers()["allow"], "POST");
    problem(response, 405).await;

    let response = app
        .client
        .delete(app.url("/v1/rules/part-missing"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET");
    problem(response, 405).await;
}

#[tokio::test]
async fn a_wrong_value_in_the_query_is_422_naming_the_parameter() {
    let app = spawn_app().await;
    let response = app.post_text("issuer_kind=county", "报告").await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "issuer_kind");
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("department")
    );
}

#[tokio::test]
async fn problems_speak_english_when_asked() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/nowhere"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let body = problem(response, 404).await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("There is nothing")
    );
}

#[tokio::test]
async fn every_route_outside_the_api_document_answers_405_to_another_method() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/assets/app.js",
        "/docs",
        "/docs/index.html",
        "/openapi.json",
        "/metrics",
    ] {
        let response = app.client.post(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 405, "{path}");
        assert_eq!(response.headers()["allow"], "GET", "{path}");
    }
}

#[tokio::test]
async fn long_lists_of_options_cost_a_bounded_answer() {
    let app = spawn_app().await;
    let text = crate::common::fixture("wuxing-2024.txt");
    let ids: Vec<String> = (0..100_000).map(|i| format!("no-such-rule-{i}")).collect();
    let response = app
        .post_json(&serde_json::json!({"text": text, "rules": {"enable": ids}}))
        .await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "{body}");
    assert!(body.to_string().len() < 2_000);

    let ids: Vec<String> = (0..30).map(|i| format!("no-such-rule-{i}")).collect();
    let response = app
        .post_json(&serde_json::json!({"text": text, "rules": {"disable": ids}}))
        .await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 20);
    assert_eq!(body["errors_total"], 30);

    // Written by hand: reqwest chains a stream per part, too deep for 100,000 parts.
    let mut form = String::new();
    for i in 0..100_000 {
        form.push_str(&format!(
            "--b\r\ncontent-disposition: form-data; name=\"field{i}\"\r\n\r\n1\r\n"
        ));
    }
    form.push_str("--b--\r\n");
    let started = std::time::Instant::now();
    let response = app.post_raw("multipart/form-data; boundary=b", form).await;
    let body = problem(response, 413).await;
    assert_eq!(body["type"], "/problems/too-many-parts");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[tokio::test]
async fn a_form_part_without_a_name_is_told_apart_from_a_body_cut_short() {
    let app = spawn_app().await;
    let form = "--b\r\ncontent-disposition: form-data; filename=\"report.txt\"\r\n\r\n一、主要举措\r\n--b--\r\n";
    let response = app.post_raw("multipart/form-data; boundary=b", form).await;
    let body = problem(response, 400).await;
    assert_eq!(body["type"], "/problems/malformed-form");
    assert!(body["detail"].as_str().unwrap().contains("file"));
}

/// A PNG's first bytes, then some of a picture.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";

#[tokio::test]
async fn a_picture_uploaded_as_a_report_is_named_as_a_picture_in_the_senders_language() {
    let app = spawn_app().await;
    let upload = |lang: Option<&'static str>| {
        let file = reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("报告.png");
        let form = reqwest::multipart::Form::new().part("file", file);
        match lang {
            Some(lang) => form.text("lang", lang),
            None => form,
        }
    };
    let zh = problem(app.post_form("/v1/checks", upload(None)).await, 415).await;
    assert_eq!(zh["type"], "/problems/not-a-report-file");
    assert_eq!(zh["title"], "不是报告文件");
    let detail = zh["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("这是一张图片（PNG），不是报告文件。"),
        "{detail}"
    );
    let en = problem(app.post_form("/v1/checks", upload(Some("en"))).await, 415).await;
    assert_eq!(en["title"], "File is not a report");
    let detail = en["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("This is an image (PNG), not a report file."),
        "{detail}"
    );
    // The same bytes sent as they are, and the type's own page.
    let raw = problem(
        app.post_raw("application/octet-stream", PNG.to_vec()).await,
        415,
    )
    .await;
    assert_eq!(raw["type"], "/problems/not-a-report-file");
    assert_eq!(app.get("/problems/not-a-report-file").await.status(), 200);
}

#[tokio::test]
async fn a_problems_title_is_in_the_requests_language_like_its_detail() {
    let app = spawn_app().await;
    let zh = problem(app.get("/v1/nothing-here").await, 404).await;
    assert_eq!(zh["title"], "没有这个地址");
    let response = app
        .client
        .get(app.url("/v1/nothing-here"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let en = problem(response, 404).await;
    assert_eq!(en["title"], "Not found");
    assert!(
        en["detail"]
            .as_str()
            .unwrap()
            .starts_with("There is nothing")
    );
    let query = problem(app.post_text("year=1800&lang=en", "报告").await, 422).await;
    assert_eq!(query["title"], "Request failed validation");
    let query = problem(app.post_text("year=1800", "报告").await, 422).await;
    assert_eq!(query["title"], "请求内容有误");
}
