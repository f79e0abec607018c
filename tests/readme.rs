//! README.md as a newcomer follows it: every ```sh example runs as written from the root of the
//! repository, against the real binary and a real server, and the rules table is what
//! `GET /v1/rules` says.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use common::has_libreoffice;
use common::server::{free_port, wait_until_ready};

const README: &str = include_str!("../README.md");
/// How the README starts the command line, and the port its examples call.
const CLI: &str = "cargo run --release --";
const ADDRESS: &str = "127.0.0.1:8080";
/// The longest an example may take.
const EXAMPLE_TIME: Duration = Duration::from_secs(120);

/// A command of an example: one line, or several joined by a trailing `\` or `|`.
#[derive(Debug)]
struct Example {
    /// Its first line in README.md.
    line: usize,
    text: String,
    /// The exit status README gives it (`# exit status 1: …`), 0 otherwise.
    status: i32,
}

/// The commands of every ```sh block, in order.
fn examples() -> Vec<Example> {
    let mut examples = Vec::new();
    let mut in_sh = false;
    let mut current: Option<Example> = None;
    for (index, line) in README.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        if !in_sh || (current.is_none() && (trimmed.is_empty() || trimmed.starts_with('#'))) {
            continue;
        }
        let example = current.get_or_insert_with(|| Example {
            line: index + 1,
            text: String::new(),
            status: 0,
        });
        example.text.push_str(line);
        example.text.push('\n');
        if !(trimmed.ends_with('\\') || trimmed.ends_with('|')) {
            let mut done = current.take().expect("a command was started");
            if let Some(at) = done.text.find("# exit status ") {
                let digits = &done.text[at + "# exit status ".len()..];
                done.status = digits[..digits
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(digits.len())]
                    .parse()
                    .expect("a number after `exit status`");
            }
            examples.push(done);
        }
    }
    assert!(!in_sh, "README.md ends inside a ```sh block");
    examples
}

/// Why an example is not run here, if it is not.
fn skipped(example: &Example) -> Option<&'static str> {
    let command = example.text.split(" #").next().unwrap_or_default().trim();
    if command == "cargo run --release" || command == "cargo test" {
        return Some(
            "it starts the service or runs this very suite: this test starts the same binary as its server",
        );
    }
    if command.starts_with("docker ") {
        return Some("it needs Docker and minutes to build the image");
    }
    let converts = [".doc ", ".wps ", ".rtf "]
        .iter()
        .any(|extension| format!("{command} ").contains(extension));
    if converts && !has_libreoffice() {
        return Some(
            "LibreOffice (soffice) is not installed to convert the document; .ci/run installs it",
        );
    }
    if command.contains("curl ") && !on_path("curl") {
        return Some("curl is not installed");
    }
    None
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// The service as README starts it, on a free port, stopped when dropped.
struct Service {
    child: Child,
    port: u16,
}

impl Service {
    fn start() -> Self {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env_remove("NIANBAO_RULESET")
            .env_remove("NIANBAO_API_KEYS")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        wait_until_ready(port);
        Self { child, port }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A directory standing for a fresh clone: the repository's files, linked, so the examples read
/// them by the same paths, and write what they write here instead of into the working tree.
fn clone_like() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("nianbao-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name();
        if name != "target" && !name.to_string_lossy().starts_with('.') {
            std::os::unix::fs::symlink(root.join(&name), dir.join(&name)).unwrap();
        }
    }
    dir
}

/// Runs a command with bash, as a terminal would, killed after [`EXAMPLE_TIME`].
fn run(command: &str, dir: &Path) -> (Option<i32>, String, String) {
    let mut child = Command::new("bash")
        .args(["-o", "pipefail", "-c", command])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    // Read while waiting, so a large answer does not fill the pipe and stall the command.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut text).ok();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut text).ok();
        text
    });
    let deadline = Instant::now() + EXAMPLE_TIME;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    (status, text(out.join().unwrap()), text(err.join().unwrap()))
}

fn tail(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(600)..].iter().collect()
}

#[test]
fn every_shell_example_runs_as_written() {
    let examples = examples();
    assert!(
        examples.len() >= 15,
        "the examples are found: {examples:#?}"
    );
    if !on_path("bash") {
        eprintln!(
            "skipped every README example: they are bash commands, and bash is not installed"
        );
        return;
    }
    let service = Service::start();
    let dir = clone_like();
    let binary = format!("'{}'", env!("CARGO_BIN_EXE_nianbao"));
    let (mut ran, mut skips) = (0, Vec::new());
    for example in &examples {
        if example.text.contains("curl ") {
            assert!(
                example.text.contains("--fail-with-body") || example.text.contains("curl -f"),
                "README.md:{}: curl without --fail-with-body hides a failed call\n{}",
                example.line,
                example.text
            );
        }
        if let Some(reason) = skipped(example) {
            skips.push(format!("README.md:{}: {reason}", example.line));
            continue;
        }
        let command = example
            .text
            .replace(CLI, &binary)
            .replace(ADDRESS, &format!("127.0.0.1:{}", service.port));
        let (status, stdout, stderr) = run(&command, &dir);
        assert_eq!(
            status,
            Some(example.status),
            "README.md:{}: the example exits otherwise\n{}\nstdout: …{}\nstderr: …{}",
            example.line,
            example.text,
            tail(&stdout),
            tail(&stderr)
        );
        ran += 1;
    }
    // Seen with --nocapture, and in the failure report of any test of this file.
    for skip in &skips {
        eprintln!("skipped {skip}");
    }
    eprintln!("ran {ran} README examples, skipped {}", skips.len());
    assert!(ran >= 12, "most examples run here: {skips:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// README's rules table, one line per rule.
fn readme_rules_table() -> Vec<&'static str> {
    let start = README
        .find("<!-- rules table:")
        .expect("README.md marks its rules table");
    let end = README[start..]
        .find("<!-- end of rules table -->")
        .expect("README.md marks the end of its rules table")
        + start;
    README[start..end]
        .lines()
        .filter(|line| line.starts_with("| `"))
        .collect()
}

async fn rules(port: u16, lang: &str) -> Vec<Value> {
    let url = format!("http://127.0.0.1:{port}/v1/rules?lang={lang}");
    let answer = reqwest::get(url).await.unwrap();
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

#[tokio::test]
async fn the_rules_table_is_every_rule_of_get_v1_rules() {
    let service = Service::start();
    let (zh, en) = (
        rules(service.port, "zh").await,
        rules(service.port, "en").await,
    );
    let expected: Vec<String> = zh
        .iter()
        .zip(&en)
        .map(|(zh, en)| {
            assert_eq!(zh["id"], en["id"]);
            let profiles: Vec<&str> = zh["profiles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            let profiles = if profiles.is_empty() {
                "when enabled".to_owned()
            } else {
                profiles.join(", ")
            };
            let cell = |value: &Value| value.as_str().unwrap().replace('|', "\\|");
            format!(
                "| `{}` | {} | {profiles} | {} | {} |",
                zh["id"].as_str().unwrap(),
                zh["default_severity"].as_str().unwrap(),
                cell(&zh["title"]),
                cell(&en["title"]),
            )
        })
        .collect();
    assert_eq!(
        readme_rules_table(),
        expected,
        "README.md's rules table differs from GET /v1/rules: paste `cargo run -- rules --format markdown` into it"
    );
}
