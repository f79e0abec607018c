//! What OA systems and generated clients really send: lists as repeated keys, booleans as
//! `True`, GBK file names, JSON with a byte order mark or in GBK, file parts by other names,
//! base64 in other dialects, encoded-word file names, a trailing slash, the caching
//! conventions of the static documents and gzip.

use base64::Engine as _;
use serde_json::{Value, json};

use crate::common::{document, findings, fixture};
use crate::helpers::{TestApp, problem, spawn_app, spawn_app_with};

const WUXING: &str = "wuxing-2024.txt";
const DOCX: &str = "wuxing-2024.typed.docx";

/// A multipart body by hand, the way a client that writes its own headers sends it.
fn multipart(name: &str, filename: &[u8], bytes: &[u8], extra: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, value) in extra {
        body.extend_from_slice(
            format!("--X\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--X\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"").as_bytes(),
    );
    body.extend_from_slice(filename);
    body.extend_from_slice(b"\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--X--\r\n");
    body
}

#[tokio::test]
async fn lists_may_repeat_their_key_and_extra_fields_are_ignored() {
    let app = spawn_app().await;
    let response = app
        .post_text(
            "disable=part-order&disable=measures-coverage&userId=42&sign=abc",
            fixture(WUXING),
        )
        .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert!(findings(&report, "part-order").is_empty());
    assert!(findings(&report, "measures-coverage").is_empty());
    assert!(!findings(&report, "shortcomings-without-reasons").is_empty());
}

#[tokio::test]
async fn booleans_are_read_as_dotnet_and_forms_write_them() {
    let app = spawn_app().await;
    for written in ["True", "1", "on"] {
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(document(DOCX)).file_name("a.docx"),
            )
            .text("include_text", written);
        let response = app.post_form("/v1/checks", form).await;
        assert_eq!(response.status(), 200, "{written}");
        let report: Value = response.json().await.unwrap();
        assert!(report["text"].is_string(), "{written}");
    }
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(document(DOCX)).file_name("a.docx"),
        )
        .text("include_text", "maybe");
    let body = problem(app.post_form("/v1/checks", form).await, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "include_text");
}

#[tokio::test]
async fn a_gbk_file_name_does_not_fail_the_upload() {
    let app = spawn_app().await;
    let name = encoding_rs::GBK.encode("五星街道年报.docx").0;
    let body = multipart("file", &name, &document(DOCX), &[]);
    let response = app
        .post_raw("multipart/form-data; boundary=X", body.clone())
        .await;
    assert_eq!(response.status(), 200);
    let response = app
        .post_raw_to("/v1/checks/batch", "multipart/form-data; boundary=X", body)
        .await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["file"], "五星街道年报.docx");
}

#[tokio::test]
async fn a_file_part_by_another_name_is_the_report() {
    let app = spawn_app().await;
    let body = multipart(
        "attachment",
        b"a.docx",
        &document(DOCX),
        &[("userId", "42")],
    );
    let response = app.post_raw("multipart/form-data; boundary=X", body).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["report"]["source"]["format"], "docx");
}

#[tokio::test]
async fn json_with_a_byte_order_mark_or_in_gbk_is_read() {
    let app = spawn_app().await;
    let json = json!({"text": fixture(WUXING)}).to_string();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(json.as_bytes());
    let response = app.post_raw("application/json", with_bom).await;
    assert_eq!(response.status(), 200);
    let gbk = encoding_rs::GBK.encode(&json).0.into_owned();
    let response = app.post_raw("application/json;charset=GBK", gbk).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["report"]["year"], 2024);
    let body = problem(
        app.post_raw("application/json; charset=klingon", json)
            .await,
        415,
    )
    .await;
    assert_eq!(body["type"], "/problems/unsupported-charset");
}

#[tokio::test]
async fn base64_as_browsers_and_url_safe_encoders_write_it() {
    let app = spawn_app().await;
    let bytes = document(DOCX);
    let standard = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
    for content in [
        format!(
            "data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,{standard}"
        ),
        url_safe,
    ] {
        let response = app
            .post_json(&json!({"file": {"name": "a.docx", "content_base64": content}}))
            .await;
        assert_eq!(response.status(), 200);
    }
}

#[tokio::test]
async fn a_file_as_large_as_the_body_limit_may_come_as_base64() {
    let app = spawn_app_with(|settings| settings.body_limit = 40_000).await;
    let mut text = fixture(WUXING).into_bytes();
    text.resize(36_000, b'\n');
    let content = base64::engine::general_purpose::STANDARD.encode(&text);
    assert!(content.len() > 40_000, "the JSON is larger than the limit");
    let response = app
        .post_json(&json!({"file": {"content_base64": content}}))
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn encoded_word_and_extended_file_names_name_batch_lines() {
    let app = spawn_app().await;
    let encoded = format!(
        "=?utf-8?B?{}?=",
        base64::engine::general_purpose::STANDARD.encode("年报.docx")
    );
    let mut body = multipart("file", encoded.as_bytes(), &document(DOCX), &[]);
    // A second report named the RFC 5987 way.
    let second = "--X\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''%E4%BA%8C.docx\r\n\r\n";
    let end = body.len() - b"--X--\r\n".len();
    let mut tail = second.as_bytes().to_vec();
    tail.extend_from_slice(&document(DOCX));
    tail.extend_from_slice(b"\r\n--X--\r\n");
    body.truncate(end);
    body.extend_from_slice(&tail);
    let response = app
        .post_raw_to("/v1/checks/batch", "multipart/form-data; boundary=X", body)
        .await;
    let text = response.text().await.unwrap();
    // Lines come in the order the checks finish.
    let mut names: Vec<String> = text
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter_map(|line| line["file"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    assert_eq!(names, ["二.docx", "年报.docx"]);
}

#[tokio::test]
async fn a_trailing_slash_is_sent_on_to_the_route() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url("/v1/checks/?lang=en"))
        .header("content-type", "text/plain")
        .body(fixture(WUXING))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 308);
    assert_eq!(response.headers()["location"], "/v1/checks?lang=en");
    // A client that follows redirects gets the check.
    let response = app.post_text("", fixture(WUXING)).await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn static_documents_have_an_etag_and_answer_head() {
    let app = spawn_app().await;
    for path in [
        "/v1/rules",
        "/v1/ruleset",
        "/openapi.json",
        "/v1/rules/part-missing",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let etag = response.headers()["etag"].to_str().unwrap().to_owned();
        let again = app
            .client
            .get(app.url(path))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        let head = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(head.status(), 200, "{path}");
        assert_eq!(head.headers()["etag"].to_str().unwrap(), etag, "{path}");
        assert!(head.bytes().await.unwrap().is_empty(), "{path}");
    }
    let head = app.client.head(app.url("/healthz")).send().await.unwrap();
    assert_eq!(head.status(), 200);
}

/// The bytes of a gzip body, inflated.
fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip stream");
    out
}

#[tokio::test]
async fn answers_are_gzipped_for_clients_that_ask_but_the_batch_stream_is_not() {
    let app = spawn_app().await;
    let plain = app.get("/openapi.json").await.bytes().await.unwrap();
    let response = app
        .client
        .get(app.url("/openapi.json"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let zipped = response.bytes().await.unwrap();
    assert!(
        zipped.len() * 2 < plain.len(),
        "{} of {}",
        zipped.len(),
        plain.len()
    );
    assert_eq!(gunzip(&zipped), plain);
    // The tag names the content whatever its coding: it revalidates the plain copy.
    let again = app
        .client
        .get(app.url("/openapi.json"))
        .header("if-none-match", etag.trim_start_matches("W/"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    let check = app
        .client
        .post(app.url("/v1/checks"))
        .header("content-type", "text/plain")
        .header("accept-encoding", "gzip, deflate")
        .body(fixture(WUXING))
        .send()
        .await
        .unwrap();
    assert_eq!(check.headers()["content-encoding"], "gzip");
    let report: Value = serde_json::from_slice(&gunzip(&check.bytes().await.unwrap())).unwrap();
    assert_eq!(report["report"]["year"], 2024);

    let batch = app
        .client
        .post(app.url("/v1/checks/batch"))
        .header("content-type", "multipart/form-data; boundary=X")
        .header("accept-encoding", "gzip")
        .body(multipart("file", b"a.docx", &document(DOCX), &[]))
        .send()
        .await
        .unwrap();
    assert!(batch.headers().get("content-encoding").is_none());
    assert_eq!(batch.text().await.unwrap().lines().count(), 2);

    let refused = app
        .client
        .get(app.url("/v1/rules"))
        .header("accept-encoding", "identity;q=0, br")
        .send()
        .await
        .unwrap();
    let body = problem(refused, 406).await;
    assert_eq!(body["type"], "/problems/encoding-not-acceptable");
}

#[tokio::test]
async fn json_text_counts_its_paragraphs_as_plain_text_does() {
    let app = spawn_app().await;
    let as_json = app.check_text(&fixture(WUXING)).await;
    let response = app.post_text("", fixture(WUXING)).await;
    let as_text: Value = response.json().await.unwrap();
    assert!(as_json["report"]["source"]["paragraphs"].as_u64().unwrap() > 0);
    assert_eq!(
        as_json["report"]["source"]["paragraphs"],
        as_text["report"]["source"]["paragraphs"]
    );
}

#[tokio::test]
async fn fields_that_do_not_apply_are_null_not_left_out() {
    let app = spawn_app().await;
    let report = app.check_text(&fixture(WUXING)).await;
    assert!(report.as_object().unwrap().contains_key("text"));
    assert!(report["text"].is_null());
    for finding in report["findings"].as_array().unwrap() {
        let mut keys: Vec<&String> = finding.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "basis",
                "context",
                "fix",
                "message",
                "paragraph",
                "paragraphs",
                "part",
                "rule",
                "severity",
                "span",
                "suggestion"
            ],
            "{finding}"
        );
    }
}

const OA_ORIGIN: &str = "https://oa.example.gov.cn";

/// A browser's preflight for `POST /v1/checks` from `origin`, with extra headers.
async fn preflight(app: &TestApp, origin: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/v1/checks"))
        .header("origin", origin)
        .header("access-control-request-method", "POST");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

async fn spawn_app_for_oa() -> TestApp {
    spawn_app_with(|settings| settings.cors_origins = vec![OA_ORIGIN.to_owned()]).await
}

#[tokio::test]
async fn a_browser_with_tracing_headers_passes_the_preflight() {
    let app = spawn_app_for_oa().await;
    let headers = [(
        "access-control-request-headers",
        "content-type, traceparent",
    )];
    assert_eq!(preflight(&app, OA_ORIGIN, &headers).await.status(), 200);
}

#[tokio::test]
async fn every_problem_type_has_a_page_where_it_points() {
    let app = spawn_app_with(|settings| settings.api_keys = Some("k".to_owned())).await;
    let body = problem(app.post_text("", "报告").await, 401).await;
    let page = app.get(body["type"].as_str().unwrap()).await;
    assert_eq!(page.status(), 200, "open without a key");
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Authorization: Bearer &lt;")
    );
    let list = app.get("/problems").await.text().await.unwrap();
    for slug in [
        "validation-failed",
        "payload-too-large",
        "no-text",
        "unsupported-charset",
    ] {
        assert!(list.contains(&format!("/problems/{slug}")), "{slug}");
    }
    assert_eq!(app.get("/problems/no-such-thing").await.status(), 404);
}

#[tokio::test]
async fn a_refused_origin_gets_a_problem_with_its_request_id() {
    let app = spawn_app_for_oa().await;
    // The preflight of a page on another origin is where the refusal happens.
    let headers = [("x-request-id", "oa-123")];
    let response = preflight(&app, "https://elsewhere.example.com", &headers).await;
    assert_eq!(response.headers()["x-request-id"], "oa-123");
    let body = problem(response, 400).await;
    assert_eq!(body["type"], "/problems/cors-refused");
}
