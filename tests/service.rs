//! The service as a process: SIGTERM and Ctrl-C (SIGINT) let checks in flight finish, a second
//! Ctrl-C stops at once, LibreOffice leaves nothing behind, and request ids in its JSON logs.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::server::{free_port, wait_until_ready};
use common::{document, fixture, has_libreoffice};

/// The service on a free port, in a process group of its own as a shell starts a job (so a
/// signal sent to the group reaches what a terminal's Ctrl-C reaches), its logs piped.
fn start(envs: &[(&str, &Path)], json_logs: bool) -> (Child, u16) {
    let port = free_port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    command
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("NIANBAO_LOG", "info")
        .env_remove("NIANBAO_LOG_FORMAT")
        .stderr(Stdio::piped())
        .process_group(0);
    if json_logs {
        command.env("NIANBAO_LOG_FORMAT", "json");
    }
    for (key, value) in envs {
        command.env(key, value);
    }
    let service = command.spawn().unwrap();
    wait_until_ready(port);
    (service, port)
}

/// Sends `signal` (`TERM`, `INT`) to the service's whole process group, as Ctrl-C does.
fn signal(service: &Child, signal: &str) {
    send(signal, &format!("-{}", service.id()));
}

fn signal_process(process: &Child, signal: &str) {
    send(signal, &process.id().to_string());
}

fn send(signal: &str, target: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), "--", target])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Starts a POST of `body` and sends all but its last `held` bytes.
fn post_partly(
    port: u16,
    request_id: &str,
    media_type: &str,
    body: &[u8],
    held: usize,
) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST /v1/checks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: {request_id}\r\n\
         Content-Type: {media_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(&body[..body.len() - held]).unwrap();
    stream.flush().unwrap();
    stream
}

fn logs_of(service: &mut Child) -> String {
    let mut logs = String::new();
    service
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    logs
}

/// A check whose body is still arriving when `signal` comes is answered, then the service
/// exits 0; its logs (a pipe, not a terminal) have no colour codes.
fn the_running_check_finishes_on(kind: &str, request_id: &str, json_logs: bool) -> String {
    let (mut service, port) = start(&[], json_logs);
    let body = fixture("xixing-2024.txt");
    let held = body.len() - 1000;
    let mut stream = post_partly(
        port,
        request_id,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        held,
    );
    sleep(Duration::from_millis(300));

    signal(&service, kind);
    sleep(Duration::from_millis(300));
    stream.write_all(&body.as_bytes()[1000..]).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.300}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains(&format!("x-request-id: {request_id}"))
    );
    assert!(answer.contains("\"compliant\":true"));

    let status = service.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let logs = logs_of(&mut service);
    assert!(
        !logs.contains('\u{1b}'),
        "no ANSI codes in a pipe: {logs:.300}"
    );
    assert!(!logs.contains("西兴街道"), "no report text in the logs");
    logs
}

#[test]
fn sigterm_lets_the_running_check_finish_and_exits_0() {
    let logs = the_running_check_finishes_on("TERM", "oa-sigterm-1", true);
    let checked = logs
        .lines()
        .find(|line| line.contains("checked a report"))
        .expect("the check is logged");
    let line: serde_json::Value = serde_json::from_str(checked).expect("a JSON log line");
    assert_eq!(line["span"]["request_id"], "oa-sigterm-1", "{checked}");
}

#[test]
fn ctrl_c_lets_the_running_check_finish_and_exits_0() {
    let logs = the_running_check_finishes_on("INT", "oa-sigint-1", false);
    assert!(logs.contains("checked a report"), "{logs}");
}

#[test]
fn a_second_ctrl_c_stops_at_once() {
    let (mut service, port) = start(&[], false);
    let body = fixture("xixing-2024.txt");
    let _waiting = post_partly(
        port,
        "oa-sigint-2",
        "text/plain; charset=utf-8",
        body.as_bytes(),
        10,
    );
    sleep(Duration::from_millis(300));
    signal(&service, "INT");
    sleep(Duration::from_millis(300));
    assert!(
        service.try_wait().unwrap().is_none(),
        "waiting for the check"
    );
    let second = Instant::now();
    signal(&service, "INT");
    let status = service.wait().unwrap();
    assert!(second.elapsed() < Duration::from_secs(5));
    assert_eq!(status.code(), Some(130));
}

/// What of LibreOffice's is left under `dir`: directories of conversions, and processes whose
/// command line names one (`-env:UserInstallation=file://…/profile`).
fn libreoffice_left(dir: &Path) -> Vec<String> {
    let needle = dir.display().to_string();
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().display().to_string())
        .collect();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let command_line = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let command_line = String::from_utf8_lossy(&command_line).replace('\0', " ");
        if command_line.contains(&needle) {
            left.push(format!(
                "process {}: {command_line}",
                entry.file_name().display()
            ));
        }
    }
    left
}

/// Waits until LibreOffice has made its profile in a conversion's directory under `dir`.
fn wait_for_profile(dir: &Path) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let profile = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path().join("profile"))
            .find(|profile| profile.exists());
        match profile {
            Some(profile) => return profile,
            None if Instant::now() < deadline => sleep(Duration::from_millis(20)),
            None => panic!("no conversion started under {}", dir.display()),
        }
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs the ignored tests"]
fn ctrl_c_during_a_doc_conversion_answers_and_leaves_no_libreoffice_behind() {
    assert!(has_libreoffice(), "LibreOffice (soffice) converts the .doc");
    let temp = std::env::temp_dir().join(format!("nianbao-sigint-doc-{}", std::process::id()));
    std::fs::create_dir_all(&temp).unwrap();
    let (mut service, port) = start(&[("TMPDIR", &temp)], false);
    let body = document("wuxing-2024.doc");
    let mut stream = post_partly(port, "oa-sigint-doc", "application/msword", &body, 0);

    let profile = wait_for_profile(&temp);
    signal(&service, "INT");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.300}");
    assert!(
        answer.contains("五星街道"),
        "the converted report is checked"
    );
    assert_eq!(service.wait().unwrap().code(), Some(0));
    assert!(!profile.exists());
    assert_eq!(libreoffice_left(&temp), Vec::<String>::new());
    std::fs::remove_dir_all(&temp).unwrap();
}

#[test]
fn a_readers_worker_outlives_ctrl_c_its_parent_is_finishing() {
    let mut worker = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("extract-worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    sleep(Duration::from_millis(200));
    signal_process(&worker, "INT");
    sleep(Duration::from_millis(300));
    assert!(
        worker.try_wait().unwrap().is_none(),
        "still reading its job"
    );
    drop(worker.stdin.take());
    let status = worker.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "it ends as a worker given no job does"
    );
}
