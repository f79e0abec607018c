//! One memory budget for the process: large batches wait on disk, and a request that finds no
//! room is told to come back, never taking the process down.

use std::io::{Cursor, Write};
use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::common::{converted, document, documents, fixture, media_type};
use crate::helpers::{TestApp, problem, spawn_app_with};

/// The fixture documents, the corpus texts, and a zip of some of them, as one form.
fn corpus_batch() -> Form {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for name in ["wuxing-2024.typed.docx", "xixing-2024.pdf"] {
        writer
            .start_file(format!("乡镇/{name}"), SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&document(name)).unwrap();
    }
    let archive = writer.finish().unwrap().into_inner();
    let mut form = Form::new().part(
        "file",
        Part::bytes(archive)
            .file_name("乡镇报告.zip")
            .mime_str("application/zip")
            .unwrap(),
    );
    // LibreOffice's formats left out: converting them takes seconds and reads nothing new here.
    let native = documents().into_iter().filter(|(name, _)| !converted(name));
    for (name, source) in native {
        let part = Part::bytes(document(&name)).file_name(name.clone());
        form = form.part("file", part.mime_str(media_type(&name)).unwrap());
        let text = Part::bytes(fixture(&source).into_bytes()).file_name(source);
        form = form.part("file", text);
    }
    form
}

/// The NDJSON answer's lines, ordered by file name (they come in the order they finish).
async fn sorted_lines(app: &TestApp) -> Vec<Value> {
    let response = app.post_form("/v1/checks/batch", corpus_batch()).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let mut lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.sort_by_key(|line| line["file"].as_str().unwrap_or("~summary").to_owned());
    lines
}

#[tokio::test]
async fn a_batch_spooled_to_disk_answers_as_one_held_in_memory() {
    let in_memory = spawn_app_with(|s| s.spool_threshold = usize::MAX).await;
    let on_disk = spawn_app_with(|s| s.spool_threshold = 0).await;
    let expected = sorted_lines(&in_memory).await;
    assert!(expected.len() > 10, "{expected:?}");
    // Every report checked, none refused for want of memory.
    assert!(
        expected.iter().all(|l| l.get("error").is_none()),
        "{expected:?}"
    );
    assert!(
        expected
            .iter()
            .any(|l| l["file"] == "乡镇报告.zip/乡镇/xixing-2024.pdf")
    );
    let spooled = sorted_lines(&on_disk).await;
    assert_eq!(spooled, expected);

    // A zip of reports sent as the body, spooled whole.
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("wuxing-2024.txt", SimpleFileOptions::default())
        .unwrap();
    writer
        .write_all(fixture("wuxing-2024.txt").as_bytes())
        .unwrap();
    let archive = writer.finish().unwrap().into_inner();
    let mut texts = Vec::new();
    for app in [&in_memory, &on_disk] {
        let response = app
            .post_raw_to("/v1/checks/batch", "application/zip", archive.clone())
            .await;
        texts.push(response.text().await.unwrap());
    }
    let [memory_text, disk_text] = [&texts[0], &texts[1]];
    assert!(
        memory_text.contains("\"file\":\"wuxing-2024.txt\""),
        "{memory_text}"
    );
    assert_eq!(disk_text, memory_text);
}

/// Holds `bytes` of the budget: a check that declares a body of that length and sends it slowly.
pub(crate) async fn slow_large_sender(app: &TestApp, bytes: usize) -> TcpStream {
    let address = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/checks HTTP/1.1\r\nHost: {address}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all("一、主要举措".as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stream
}

#[tokio::test]
async fn a_check_that_finds_no_room_in_the_memory_budget_gets_503_with_retry_after() {
    let app = spawn_app_with(|s| {
        s.memory_budget = 2 * 1024 * 1024;
        s.client_idle_timeout = 30;
    })
    .await;
    let sender = slow_large_sender(&app, 2 * 1024 * 1024).await;
    let report = fixture("wuxing-2024.txt");
    let response = app.post_text("", report.clone()).await;
    assert_eq!(response.headers()["retry-after"], "2");
    let body = problem(response, 503).await;
    assert_eq!(body["type"], "/problems/overloaded");
    assert!(body["detail"].as_str().unwrap().contains("内存"), "{body}");
    // Health and the metrics stay reachable, and tell what happened.
    assert_eq!(app.get("/healthz").await.status(), 200);
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains("nianbao_memory_budget_refusals_total 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("nianbao_memory_budget_bytes 2097152"),
        "{metrics}"
    );

    // Once the large sender is gone its share is free again.
    drop(sender);
    let mut status = 0;
    for _ in 0..50 {
        status = app.post_text("", report.clone()).await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_small_check_waits_for_room_rather_than_failing() {
    let app = spawn_app_with(|s| {
        s.memory_budget = 2 * 1024 * 1024;
        s.client_idle_timeout = 30;
    })
    .await;
    let sender = slow_large_sender(&app, 2 * 1024 * 1024).await;
    let report = fixture("wuxing-2024.txt");
    let check = app.post_text("", report.clone());
    let release = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        drop(sender);
    };
    let (response, ()) = tokio::join!(check, release);
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_batch_that_finds_no_room_to_spool_gets_503_with_retry_after() {
    let app = spawn_app_with(|s| {
        s.spool_threshold = 0;
        s.spool_space = 1024 * 1024;
        s.client_idle_timeout = 30;
    })
    .await;
    // A collecting office's zip arriving slowly holds the space of what it has sent.
    let address = app.address.trim_start_matches("http://");
    let mut slow = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/checks/batch HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/zip\r\nContent-Length: 4000000\r\n\r\n"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    slow.write_all(&vec![b'P'; 1_100_000]).await.unwrap();
    slow.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let response = app
        .post_raw_to("/v1/checks/batch", "application/zip", vec![b'P'; 300_000])
        .await;
    assert_eq!(response.headers()["retry-after"], "2");
    let body = problem(response, 503).await;
    assert!(
        body["detail"].as_str().unwrap().contains("临时存储"),
        "{body}"
    );
    // A single check needs no spool space.
    let single = app.post_text("", fixture("wuxing-2024.txt")).await;
    assert_eq!(single.status(), 200);
    drop(slow);
}
