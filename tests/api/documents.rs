//! Reports as they arrive: files through the raw body, a multipart form and base64 in JSON,
//! each with the outcome of the plain text it was made from.

use base64::Engine as _;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::{
    assert_outcome, converted, document, documents, expectation, findings, has_libreoffice,
    media_type, spanned,
};
use crate::helpers::{TestApp, problem, spawn_app};

/// The fixtures read without LibreOffice, or only those read through it.
fn fixtures(converted_ones: bool) -> Vec<(String, String)> {
    documents()
        .into_iter()
        .filter(|(name, _)| converted(name) == converted_ones)
        .collect()
}

async fn as_body(app: &TestApp, name: &str) -> reqwest::Response {
    app.post_raw(media_type(name), document(name)).await
}

async fn as_form(app: &TestApp, name: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let part = Part::bytes(document(name))
        .file_name(name.to_owned())
        .mime_str(media_type(name))
        .unwrap();
    let mut form = Form::new().part("file", part);
    for (key, value) in extra {
        form = form.text(key.to_string(), value.to_string());
    }
    app.post_form("/v1/checks", form).await
}

async fn as_base64(app: &TestApp, name: &str) -> reqwest::Response {
    let content = base64::engine::general_purpose::STANDARD.encode(document(name));
    app.post_json(&json!({"file": {"name": name, "content_base64": content}}))
        .await
}

/// The three ways a document comes in.
#[derive(Clone, Copy, Debug)]
enum WayIn {
    Body,
    Form,
    Base64,
}

/// Every fixture read without LibreOffice, sent one way, gives the outcome of the text it was
/// made from.
async fn every_document_checks_like_its_text(way: WayIn) {
    documents_check_like_their_text(way, fixtures(false)).await;
}

async fn documents_check_like_their_text(way: WayIn, documents: Vec<(String, String)>) {
    let app = spawn_app().await;
    for (name, source) in documents {
        let response = match way {
            WayIn::Body => as_body(&app, &name).await,
            WayIn::Form => as_form(&app, &name, &[]).await,
            WayIn::Base64 => as_base64(&app, &name).await,
        };
        assert_eq!(response.status(), 200, "{name} {way:?}");
        assert_outcome(
            &name,
            &response.json().await.unwrap(),
            &expectation(&source),
        );
    }
}

#[tokio::test]
async fn every_document_gives_the_outcome_of_its_text_as_the_raw_body() {
    every_document_checks_like_its_text(WayIn::Body).await;
}

#[tokio::test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs the ignored tests"]
async fn converted_documents_give_the_outcome_of_their_text_as_the_raw_body() {
    assert!(
        has_libreoffice(),
        "LibreOffice (soffice) converts .doc and .rtf"
    );
    documents_check_like_their_text(WayIn::Body, fixtures(true)).await;
}

#[tokio::test]
async fn every_document_gives_the_outcome_of_its_text_as_a_form_upload() {
    every_document_checks_like_its_text(WayIn::Form).await;
}

#[tokio::test]
async fn every_document_gives_the_outcome_of_its_text_as_base64_in_json() {
    every_document_checks_like_its_text(WayIn::Base64).await;
}

#[tokio::test]
async fn the_source_is_described_and_the_extracted_text_returned_on_request() {
    let app = spawn_app().await;
    let response = as_form(
        &app,
        "xixing-2024.pdf",
        &[("include_text", "true"), ("year", "2024")],
    )
    .await;
    let report: Value = response.json().await.unwrap();
    let source = &report["report"]["source"];
    assert_eq!(source["format"], "pdf");
    assert_eq!(source["media_type"], "application/pdf");
    assert!(source["pages"].as_u64().unwrap() >= 3);
    let text = report["text"].as_str().unwrap();
    for part in report["parts"].as_array().unwrap() {
        for section in part["sections"].as_array().unwrap() {
            assert_eq!(
                spanned(text, &section["span"]),
                section["text"].as_str().unwrap()
            );
        }
    }
    let plain = app
        .check_text(&crate::common::fixture("xixing-2024.txt"))
        .await;
    assert!(plain["text"].is_null(), "text only when asked for");
    assert_eq!(plain["report"]["source"]["format"], "text");

    let gbk = as_body(&app, "zhuangshi-2023.gb18030.txt")
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(gbk["report"]["source"]["encoding"], "GBK");
    let utf16 = as_body(&app, "xixing-2024.utf16.txt")
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(utf16["report"]["source"]["encoding"], "UTF-16LE");
}

#[tokio::test]
async fn docx_findings_carry_the_word_paragraph() {
    let app = spawn_app().await;
    let report: Value = as_body(&app, "zhuangshi-2023.typed.docx")
        .await
        .json()
        .await
        .unwrap();
    let missing = findings(&report, "part-missing");
    // Paragraph 19 (from 0) is "二、2024年工作思路", where the missing parts belong.
    assert_eq!(missing[0]["paragraph"], 19);
    assert_eq!(report["report"]["source"]["paragraphs"], 27);
}

#[tokio::test]
async fn headings_numbered_by_word_or_marked_by_style_are_headings() {
    let app = spawn_app().await;
    let auto: Value = as_body(&app, "baishijiang-2024.autonum.docx")
        .await
        .json()
        .await
        .unwrap();
    let top: Vec<&str> = auto["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["heading"].as_str().unwrap())
        .collect();
    assert_eq!(top.len(), 4);
    assert!(top[0].starts_with("一、2024年推进法治政府建设"), "{top:?}");
    assert_eq!(
        auto["outline"][0]["children"][1]["heading"],
        "（二）完善依法行政制度体系,提升法治治理水平"
    );

    let styled: Value = as_body(&app, "xixing-2024.styled.docx")
        .await
        .json()
        .await
        .unwrap();
    let first = &styled["outline"][0];
    assert_eq!(
        first["heading"],
        "2024年推进法治政府建设的主要举措和突出成效"
    );
    assert_eq!(first["numbering"], Value::Null);
    assert_eq!(first["children"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn office_formats_need_libreoffice_and_say_so_without_it() {
    let app = crate::helpers::spawn_app_with_limits(|limits| limits.converter = None).await;
    let body = problem(as_body(&app, "wuxing-2024.doc").await, 415).await;
    assert_eq!(body["type"], "/problems/converter-missing");
    assert!(body["detail"].as_str().unwrap().contains(".docx"));
}

#[tokio::test]
async fn hostile_documents_get_a_clear_4xx_and_the_service_keeps_serving() {
    let app = spawn_app().await;
    let hostile = |name: &str| {
        std::fs::read(crate::common::fixture_path("documents/hostile").join(name)).unwrap()
    };
    let cases = [
        (
            "bomb.docx",
            media_type("x.docx"),
            413,
            "/problems/document-too-large",
        ),
        (
            "truncated.pdf",
            "application/pdf",
            422,
            "/problems/unreadable-document",
        ),
        ("scanned.pdf", "application/pdf", 422, "/problems/no-text"),
        (
            "encrypted.pdf",
            "application/pdf",
            422,
            "/problems/encrypted-document",
        ),
    ];
    for (name, media, status, kind) in cases {
        let started = std::time::Instant::now();
        let body = problem(app.post_raw(media, hostile(name)).await, status).await;
        assert_eq!(body["type"], kind, "{name}");
        eprintln!("{name}: {status} in {:?}", started.elapsed());
    }
    let body = problem(app.post_raw("application/pdf", Vec::new()).await, 422).await;
    assert_eq!(body["type"], "/problems/empty-document");

    // The clerk's sentence is in one language; the reader's technical cause is beside it.
    let body = problem(
        app.post_raw("application/pdf", hostile("truncated.pdf"))
            .await,
        422,
    )
    .await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.starts_with("无法读取这份 PDF 文件"), "{detail}");
    assert!(!detail.chars().any(|c| c.is_ascii_lowercase()), "{detail}");
    assert!(!body["reason"].as_str().unwrap().is_empty());

    // External entities are never resolved.
    let response = app
        .post_raw(media_type("x.docx"), hostile("xxe.docx"))
        .await;
    assert_eq!(response.status(), 200);
    let report = response.text().await.unwrap();
    assert!(!report.contains("root:"), "no file content leaks");
    assert!(report.contains("一、推进法治政府建设第一责任人履职情况"));

    // Random bytes under each media type.
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for media in crate::common::MEDIA_TYPES {
        let response = app.post_raw(media, noise.clone()).await;
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{media}: {status}");
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn a_document_over_the_time_budget_is_refused_and_the_service_keeps_serving() {
    let app = crate::helpers::spawn_app_with_limits(|limits| {
        limits.time_budget = std::time::Duration::from_nanos(1);
    })
    .await;
    let body = problem(as_body(&app, "xixing-2024.pdf").await, 422).await;
    assert_eq!(body["type"], "/problems/extraction-timeout");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn parsers_we_do_not_own_cost_one_document_a_4xx_never_the_service() {
    use crate::common::hostile;
    let app = spawn_app().await;
    // Whether the reader may read the document (a loop or nesting it walks safely) or must
    // refuse it (a bomb): either way within the time budget, and the service goes on.
    let cases = [
        (
            "self-drawing XObject",
            "application/pdf",
            hostile::self_drawing_xobject(),
            true,
        ),
        (
            "parent cycle",
            "application/pdf",
            hostile::parent_cycle(),
            true,
        ),
        (
            "nested CMap arrays",
            "application/pdf",
            hostile::nested_cmap_arrays(),
            true,
        ),
        (
            "Flate bomb",
            "application/pdf",
            hostile::flate_bomb(),
            false,
        ),
        (
            "10,000 nested tables",
            "text/html",
            hostile::nested_tables(10_000),
            true,
        ),
    ];
    for (name, media_type, bytes, may_be_read) in cases {
        let started = std::time::Instant::now();
        let response = app.post_raw(media_type, bytes).await;
        let status = response.status().as_u16();
        let body = response.bytes().await.unwrap();
        let read = status == 200 && body.len() < 1_000_000;
        assert!(
            (may_be_read && read) || (400..500).contains(&status),
            "{name}: {status}"
        );
        eprintln!("{name}: {status} in {:?}", started.elapsed());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{name}: {:?}",
            started.elapsed()
        );
        let healthy = app.get("/healthz").await;
        assert_eq!(healthy.status(), 200, "{name}: the service still serves");
    }
    let normal = app
        .post_raw("application/pdf", document("xixing-2024.pdf"))
        .await;
    assert_eq!(normal.status(), 200);
}

#[tokio::test]
async fn every_way_in_is_bounded_in_characters() {
    let app = spawn_app().await;
    // 2.1 million characters: within the 10 MiB body, over the 2 million characters checked.
    let text = "一、主要举措和成效\n".to_owned() + &"依法行政".repeat(525_000);
    let body = problem(app.post_text("", text).await, 413).await;
    assert_eq!(body["type"], "/problems/document-too-large");
    assert!(body["detail"].as_str().unwrap().contains("字数"), "{body}");
}
