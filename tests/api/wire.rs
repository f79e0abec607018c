//! What a client gets that actix-http refuses before any handler runs, and a sender that asks
//! before sending its body (`Expect: 100-continue`).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// Sends `bytes` on a new connection and reads until the server closes it (or `wait` passes).
async fn exchange(app: &TestApp, bytes: &[u8], wait: Duration) -> String {
    let address = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    // A refused head may be answered before all of it is written: a failed write is fine.
    let _ = stream.write_all(bytes).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

fn assert_problem(answer: &str, status: u16, kind: &str) {
    assert!(
        answer.starts_with(&format!("HTTP/1.1 {status} ")),
        "{answer}"
    );
    assert!(
        answer.contains("content-type: application/problem+json"),
        "{answer}"
    );
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let problem: serde_json::Value = serde_json::from_str(body).expect("a JSON problem");
    assert_eq!(problem["status"], status, "{answer}");
    assert_eq!(problem["type"], format!("/problems/{kind}"), "{answer}");
    assert!(!problem["detail"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn headers_too_large_get_a_431_problem() {
    let app = spawn_app().await;
    let cookie = "a".repeat(200 * 1024);
    let head = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n");
    let answer = exchange(&app, head.as_bytes(), Duration::from_secs(10)).await;
    assert_problem(&answer, 431, "headers-too-large");
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn a_request_that_is_not_http_gets_a_400_problem() {
    let app = spawn_app().await;
    let answer = exchange(&app, b"\x01\x02 nonsense\r\n\r\n", Duration::from_secs(10)).await;
    assert_problem(&answer, 400, "malformed-request");
}

#[tokio::test]
async fn headers_not_sent_in_time_get_a_408_problem() {
    let app = spawn_app_with(|settings| settings.client_timeout = 1).await;
    let answer = exchange(
        &app,
        b"POST /v1/checks HTTP/1.1\r\nHost: x\r\n",
        Duration::from_secs(10),
    )
    .await;
    assert_problem(&answer, 408, "request-timeout");
}

#[tokio::test]
async fn a_body_declared_over_the_limit_is_refused_before_100_continue() {
    let app = spawn_app().await;
    for (path, content_type) in [
        ("/v1/checks", "application/pdf"),
        ("/v1/checks", "application/json"),
        ("/v1/checks/batch", "application/zip"),
    ] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: 900000000\r\nExpect: 100-continue\r\n\r\n"
        );
        let answer = exchange(&app, head.as_bytes(), Duration::from_secs(10)).await;
        assert!(!answer.contains("100 Continue"), "{answer}");
        assert_problem(&answer, 413, "payload-too-large");
    }
}

#[tokio::test]
async fn a_body_within_the_limit_is_invited_and_checked() {
    let app = spawn_app().await;
    let body = "一、2024年推进法治政府建设的主要举措和成效\n全年办理行政复议案件12件。".as_bytes();
    let address = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/checks HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut invitation = [0u8; 25];
    stream.read_exact(&mut invitation).await.unwrap();
    assert_eq!(&invitation, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
}
