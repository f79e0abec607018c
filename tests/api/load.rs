//! Holding under load: a bounded number of checks in flight, and no waiting on slow senders.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::document;
use crate::helpers::{TestApp, problem, spawn_app_with};

/// Starts a check whose body never finishes arriving: the headers and a tenth of the body.
async fn slow_sender(app: &TestApp) -> TcpStream {
    let address = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /v1/checks HTTP/1.1\r\nHost: {address}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 1000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
        .write_all("一、主要举措".repeat(5).as_bytes())
        .await
        .unwrap();
    stream.flush().await.unwrap();
    // Let the server take it in and start the check.
    tokio::time::sleep(Duration::from_millis(300)).await;
    stream
}

#[tokio::test]
async fn beyond_the_limit_in_flight_a_check_gets_503_with_retry_after() {
    let app = spawn_app_with(|settings| settings.max_in_flight = 1).await;
    // A batch holds its slot until its last report is checked.
    let pdf = document("xixing-2024.pdf");
    let mut form = reqwest::multipart::Form::new();
    for i in 0..60 {
        let part = reqwest::multipart::Part::bytes(pdf.clone()).file_name(format!("{i}.pdf"));
        form = form.part("file", part);
    }
    let batch = app.post_form("/v1/checks/batch", form).await;
    assert_eq!(batch.status(), 200);
    let response = app.post_text("", "一、2024年主要举措和成效").await;
    assert_eq!(response.headers()["retry-after"], "1");
    let body = problem(response, 503).await;
    assert_eq!(body["type"], "/problems/overloaded");
    // Health stays reachable while checks are refused.
    assert_eq!(app.get("/healthz").await.status(), 200);

    // Once the batch is done its place is free again.
    batch.text().await.unwrap();
    let mut status = 0;
    for _ in 0..50 {
        status = app
            .post_text("", "一、2024年主要举措和成效")
            .await
            .status()
            .as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_sender_still_sending_holds_no_slot_and_a_stalled_one_gets_408_and_a_closed_connection() {
    let app = spawn_app_with(|settings| {
        settings.client_idle_timeout = 1;
        settings.max_in_flight = 1;
    })
    .await;
    let mut slow = slow_sender(&app).await;
    assert_eq!(
        app.post_text("", "一、2024年主要举措和成效").await.status(),
        200,
        "the only slot is not the slow sender's"
    );
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut answer))
        .await
        .expect("the server answers and closes the connection")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
}

#[tokio::test]
async fn a_sender_too_slow_gets_408_and_frees_its_place() {
    let app = spawn_app_with(|settings| {
        settings.client_timeout = 1;
        settings.max_in_flight = 1;
    })
    .await;
    let mut slow = slow_sender(&app).await;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut answer))
        .await
        .expect("the server answers within its time-out")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("/problems/request-timeout"), "{answer}");
    assert_eq!(
        app.post_text("", "一、2024年主要举措和成效").await.status(),
        200
    );
}
