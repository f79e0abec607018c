//! The service as a process: graceful shutdown on SIGTERM, and request ids in its JSON logs.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::fixture;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until `/readyz` answers 200, as an orchestrator would before sending traffic.
fn wait_until_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = TcpStream::connect(("127.0.0.1", port)).and_then(|mut stream| {
            stream.write_all(
                b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            )?;
            let mut answer = String::new();
            stream.read_to_string(&mut answer)?;
            Ok(answer)
        });
        match answer {
            Ok(answer) if answer.starts_with("HTTP/1.1 200") => return,
            _ if Instant::now() < deadline => sleep(Duration::from_millis(50)),
            other => panic!("the service did not become ready: {other:?}"),
        }
    }
}

#[test]
fn sigterm_lets_the_running_check_finish_and_exits_0() {
    let port = free_port();
    let mut service = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("NIANBAO_LOG_FORMAT", "json")
        .env("NIANBAO_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_ready(port);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let body = fixture("xixing-2024.txt");
    let (first, rest) = body.as_bytes().split_at(1000);
    write!(
        stream,
        "POST /v1/checks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: oa-sigterm-1\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(first).unwrap();
    stream.flush().unwrap();
    sleep(Duration::from_millis(300));

    // The check is in flight when the signal comes.
    let killed = Command::new("kill")
        .args(["-TERM", &service.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    sleep(Duration::from_millis(300));
    stream.write_all(rest).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.300}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-request-id: oa-sigterm-1")
    );
    assert!(answer.contains("\"compliant\":true"));

    let status = service.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut logs = String::new();
    service
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    let checked = logs
        .lines()
        .find(|line| line.contains("checked a report"))
        .expect("the check is logged");
    let line: serde_json::Value = serde_json::from_str(checked).expect("a JSON log line");
    assert_eq!(line["span"]["request_id"], "oa-sigterm-1", "{checked}");
    assert!(!logs.contains("西兴街道"), "no report text in the logs");
}
