//! The `nianbao` binary: the same check report as HTTP, exit codes, and its other commands.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

use common::{assert_outcome, expectations, fixture, fixture_path, zip_part};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env_remove("NIANBAO_RULESET")
        .output()
        .expect("the binary runs")
}

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn path(name: &str) -> String {
    fixture_path(name).display().to_string()
}

#[test]
fn corpus_reports_get_the_outcome_domain_md_gives() {
    for (name, expected) in expectations() {
        let output = nianbao(&["check", "--format", "json", &path(&name)]);
        let compliant = expected["compliant"].as_bool().unwrap();
        assert_eq!(
            output.status.code(),
            Some(if compliant { 0 } else { 1 }),
            "{name}"
        );
        assert_outcome(&name, &stdout_json(&output), &expected);
    }
}

#[test]
fn several_files_give_an_array_and_exit_1_when_any_is_not_compliant() {
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        &path("xixing-2024.txt"),
        &path("zhuangshi-2023.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let reports = stdout_json(&output);
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert!(
        reports[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("xixing-2024.txt")
    );
    assert_eq!(reports[0]["compliant"], true);
    assert_eq!(reports[1]["compliant"], false);
}

#[test]
fn text_output_shows_verdict_checklist_and_findings_with_lines() {
    let output = nianbao(&["check", &path("zhuangshi-2023.txt")]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("结论：不符合要求"), "{text}");
    assert!(
        text.contains("✓ 主要举措和成效  第6行 一、2023年工作总结"),
        "{text}"
    );
    assert!(text.contains("✗ 存在的不足和原因  缺失"), "{text}");
    assert!(text.contains("第20行 错误  缺少必需部分"), "{text}");
    assert!(
        text.contains("建议：2023年推进法治政府建设存在的不足和原因"),
        "{text}"
    );

    let english = nianbao(&["check", "--lang", "en", &path("wuxing-2024.txt")]);
    let text = String::from_utf8(english.stdout).unwrap();
    assert!(text.contains("Verdict: compliant"), "{text}");
    assert_eq!(english.status.code(), Some(0));
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", "--year", "2023", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(fixture("zhuangshi-2023.txt").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = stdout_json(&output);
    assert_eq!(report["report"]["year_source"], "request");
}

#[test]
fn a_document_that_is_no_report_lists_its_parts_as_not_checked() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let news = "本报讯 3月20日，青山县司法局召开全县法治政府建设工作推进会，总结2024年工作。\n\
        会议要求，要认真梳理存在的不足，按时报送年度报告。\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(news.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("[not-a-report]"), "{text}");
    assert_eq!(text.matches("未检查（不是年度报告）").count(), 5, "{text}");
    assert!(!text.contains("缺失"), "{text}");
}

#[test]
fn publication_date_and_disabled_rules_apply() {
    let late = nianbao(&[
        "check",
        "--format",
        "json",
        "--published-on",
        "2025-04-02",
        &path("xixing-2024.txt"),
    ]);
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(stdout_json(&late)["findings"][0]["rule"], "published-late");

    let disabled = nianbao(&[
        "check",
        "--disable",
        "part-missing",
        &path("zhuangshi-2023.txt"),
    ]);
    assert_eq!(disabled.status.code(), Some(0));
}

#[test]
fn bad_input_and_usage_exit_2_with_a_message() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0x00, 0x9F, 0x92, 0x96, 0x00, 0x01, 0x02, 0x03]).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let cases: [&[&str]; 6] = [
        &["check", binary.to_str().unwrap()],
        &["check", empty.to_str().unwrap()],
        &["check", "/no/such/report.txt"],
        &[
            "check",
            "--disable",
            "no-such-rule",
            &path("xixing-2024.txt"),
        ],
        &["check", "--year", "1999", &path("xixing-2024.txt")],
        &["check"],
    ];
    for args in cases {
        let output = nianbao(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} explains itself");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let message = String::from_utf8(nianbao(&["check", binary.to_str().unwrap()]).stderr).unwrap();
    assert!(message.contains("not text"), "{message}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn openapi_command_prints_the_committed_document() {
    let output = nianbao(&["openapi"]);
    assert_eq!(output.status.code(), Some(0));
    let committed =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json")).unwrap();
    assert!(output.stdout == committed, "openapi/openapi.json is stale");
}

#[test]
fn rules_command_lists_every_rule() {
    let output = nianbao(&["rules", "--format", "json"]);
    let list = stdout_json(&output);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), nianbao::RuleId::ALL.len());
    assert!(ids.contains(&"shortcomings-without-reasons"));
    let strict = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "title-missing")
        .unwrap();
    assert_eq!(strict["profiles"], json!(["strict"]));
    assert_eq!(strict["default_enabled"], false);
    let text = String::from_utf8(nianbao(&["rules"]).stdout).unwrap();
    for line in [
        "part-missing  [错误]  缺少必需部分",
        "title-missing  [警告] (仅 strict)  缺少标题",
        "half-width-punctuation  [警告] (默认关闭)",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

#[test]
fn a_province_rule_set_changes_the_outcome_without_a_rebuild() {
    let mut rules: Value = serde_json::from_str(nianbao::DEFAULT_RULESET_JSON).unwrap();
    // A province that calls its problems part 短板弱项 and requires the optional part.
    rules["parts"][1]["heading_words"]
        .as_array_mut()
        .unwrap()
        .push("短板弱项".into());
    rules["parts"][4]["required"] = true.into();
    let file = std::env::temp_dir().join(format!("nianbao-province-{}.json", std::process::id()));
    std::fs::write(&file, rules.to_string()).unwrap();
    let text = fixture("wuxing-2024.txt").replace("三、存在不足", "三、短板弱项");
    let report_file = file.with_extension("txt");
    std::fs::write(&report_file, text).unwrap();
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "--ruleset",
        file.to_str().unwrap(),
        report_file.to_str().unwrap(),
    ]);
    let report = stdout_json(&output);
    assert_eq!(report["parts"][1]["status"], "present");
    assert_eq!(report["parts"][4]["status"], "missing");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the other part is now required"
    );
    std::fs::remove_file(file).unwrap();
    std::fs::remove_file(report_file).unwrap();
}

#[test]
fn a_province_may_add_a_required_part_words_and_thresholds() {
    let mut rules: Value = serde_json::from_str(nianbao::DEFAULT_RULESET_JSON).unwrap();
    // A province that also wants the follow-up to inspections, three shortcomings, and a word of
    // its own for the township level.
    rules["parts"].as_array_mut().unwrap().push(json!({
        "id": "inspection_followup",
        "name": "法治督察反馈问题整改情况",
        "short_name": "督察整改情况",
        "required": true,
        "order": 6,
        "basis": "ducha",
        "suggested_heading": "{year}年法治督察反馈问题整改情况",
        "heading_words": ["督察整改", "整改情况"],
        "opening_words": [],
        "facets": {}
    }));
    rules["thresholds"]["min_shortcomings"] = 4.into();
    let file = std::env::temp_dir().join(format!("nianbao-province2-{}.json", std::process::id()));
    std::fs::write(&file, rules.to_string()).unwrap();
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "--ruleset",
        file.to_str().unwrap(),
        fixture_path("xixing-2024.txt").to_str().unwrap(),
    ]);
    std::fs::remove_file(file).unwrap();
    let report = stdout_json(&output);
    assert_eq!(report["parts"][5]["part"], "inspection_followup");
    assert_eq!(report["parts"][5]["status"], "missing");
    let rules_found: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules_found.contains(&"part-missing"), "{rules_found:?}");
    assert!(
        rules_found.contains(&"shortcomings-too-few"),
        "xixing lists three: {rules_found:?}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_invalid_rule_set_stops_start_up_naming_the_pointer() {
    let mut rules: Value = serde_json::from_str(nianbao::DEFAULT_RULESET_JSON).unwrap();
    rules["parts"][0]["required"] = "yes".into();
    rules["deadlines"]["publication"]["government"] = "4月1日".into();
    let file = std::env::temp_dir().join(format!("nianbao-bad-{}.json", std::process::id()));
    std::fs::write(&file, rules.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("NIANBAO_RULESET", &file)
        .output()
        .unwrap();
    std::fs::remove_file(file).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("/parts/0/required"), "{message}");
    assert!(
        message.contains("/deadlines/publication/government"),
        "{message}"
    );
}

#[test]
fn documents_are_checked_like_their_text() {
    documents_checked_like_their_text(|name| !common::converted(name));
}

#[test]
#[ignore = "needs LibreOffice (soffice): .ci/run installs it and runs the ignored tests"]
fn converted_documents_are_checked_like_their_text() {
    assert!(
        common::has_libreoffice(),
        "LibreOffice (soffice) converts .doc and .rtf"
    );
    documents_checked_like_their_text(common::converted);
}

fn documents_checked_like_their_text(which: fn(&str) -> bool) {
    for (name, source) in common::documents()
        .into_iter()
        .filter(|(name, _)| which(name))
    {
        let path = fixture_path("documents").join(&name);
        let output = nianbao(&["check", "--format", "json", path.to_str().unwrap()]);
        let expected = common::expectation(&source);
        assert_outcome(&name, &stdout_json(&output), &expected);
    }
}

#[test]
fn extract_prints_what_nianbao_reads_and_refuses_what_it_cannot() {
    let path = fixture_path("documents").join("zhuangshi-2023.gb18030.txt");
    let output = nianbao(&["extract", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        fixture("zhuangshi-2023.txt")
    );

    let scanned = fixture_path("documents/hostile/scanned.pdf");
    let output = nianbao(&["check", scanned.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("no text layer")
    );
}

#[test]
fn a_directory_is_checked_recursively_with_a_line_per_report_and_a_summary() {
    let dir = std::env::temp_dir().join(format!("nianbao-dir-{}", std::process::id()));
    let inner = dir.join("街道");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy(fixture_path("xixing-2024.txt"), dir.join("xixing.txt")).unwrap();
    let docs = fixture_path("documents");
    std::fs::copy(
        docs.join("zhuangshi-2023.typed.docx"),
        inner.join("zhuangshi.docx"),
    )
    .unwrap();
    std::fs::copy(docs.join("hostile/truncated.pdf"), inner.join("broken.pdf")).unwrap();
    std::fs::write(dir.join("notes.md"), "not a report").unwrap();

    let output = nianbao(&["check", "--format", "ndjson", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        4,
        "three reports and the summary; notes.md is skipped"
    );
    assert!(lines[0]["file"].as_str().unwrap().ends_with("xixing.txt"));
    assert_eq!(lines[0]["report"]["compliant"], true);
    // The same problem object as POST /v1/checks/batch writes.
    assert!(lines[1]["file"].as_str().unwrap().ends_with("broken.pdf"));
    assert_eq!(lines[1]["error"]["type"], "/problems/unreadable-document");
    assert_eq!(lines[1]["error"]["status"], 422);
    assert_eq!(lines[2]["report"]["compliant"], false);
    assert_eq!(
        lines[3]["summary"],
        json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1, "similar": []})
    );

    let text = String::from_utf8(nianbao(&["check", dir.to_str().unwrap()]).stdout).unwrap();
    assert!(text.contains("文件 | 结论 | 错误 | 警告 | 提示"), "{text}");
    assert!(text.contains("broken.pdf | 无法读取"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_zip_of_reports_is_checked_like_a_directory() {
    use zip::write::{SimpleFileOptions, ZipWriter};
    let dir = std::env::temp_dir().join(format!("nianbao-zip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let archive = dir.join("reports.zip");
    let mut writer = ZipWriter::new(std::fs::File::create(&archive).unwrap());
    let docs = fixture_path("documents");
    for (name, source) in [
        (
            "街道/zhuangshi.docx",
            docs.join("zhuangshi-2023.typed.docx"),
        ),
        ("xixing.txt", fixture_path("xixing-2024.txt")),
        ("broken.pdf", docs.join("hostile/truncated.pdf")),
    ] {
        writer
            .start_file(name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&std::fs::read(source).unwrap()).unwrap();
    }
    writer.finish().unwrap();

    let output = nianbao(&["check", "--format", "ndjson", archive.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let file = |i: usize| lines[i]["file"].as_str().unwrap().to_owned();
    assert!(
        file(0).ends_with("reports.zip/街道/zhuangshi.docx"),
        "{lines:?}"
    );
    assert_eq!(lines[0]["report"]["compliant"], false);
    assert!(file(1).ends_with("reports.zip/xixing.txt"));
    assert_eq!(lines[1]["report"]["compliant"], true);
    assert!(lines[2]["file"].as_str().unwrap().ends_with("broken.pdf"));
    assert_eq!(lines[2]["error"]["type"], "/problems/unreadable-document");
    assert_eq!(
        lines[3]["summary"],
        json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1, "similar": []})
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_document_refused_as_a_bomb_is_one_failed_line_of_a_directory_run() {
    let dir = std::env::temp_dir().join(format!("nianbao-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture_path("xixing-2024.txt"), dir.join("a-xixing.txt")).unwrap();
    // Inflating to a gigabyte: refused against the unzip budget before the reader starts.
    std::fs::write(dir.join("b-bomb.pdf"), common::hostile::flate_bomb()).unwrap();
    // This one it walks safely: a PDF of one letter, read and judged no report.
    std::fs::write(
        dir.join("c-cmap.pdf"),
        common::hostile::nested_cmap_arrays(),
    )
    .unwrap();
    let output = nianbao(&["check", "--format", "ndjson", dir.to_str().unwrap()]);
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0]["report"]["compliant"], true);
    assert_eq!(lines[1]["error"]["status"], 413);
    assert_eq!(lines[2]["report"]["compliant"], false);
    assert_eq!(
        lines[3]["summary"],
        json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1, "similar": []})
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        !stderr.contains("memory allocation"),
        "no parser message on standard error: {stderr}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn annotate_writes_the_docx_with_a_comment_per_finding_for_one_file_only() {
    let out = std::env::temp_dir().join(format!("nianbao-annotated-{}.docx", std::process::id()));
    let docx = format!(
        "{}/tests/fixtures/documents/wuxing-2024.typed.docx",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "--annotate",
        out.to_str().unwrap(),
        &docx,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = stdout_json(&output);
    // A comment for each finding with a place, and for the Word format's findings about the
    // whole document (at its first character).
    let placed = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["span"].is_null() || f["rule"].as_str().unwrap().starts_with("format-"))
        .count();
    let comments = zip_part(&std::fs::read(&out).unwrap(), "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), placed);
    std::fs::remove_file(&out).unwrap();
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let refused = nianbao(&["check", "--annotate", out.to_str().unwrap(), &dir]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--annotate takes one report file"));
}

#[test]
fn a_directory_becomes_a_spreadsheet_or_a_csv_for_the_collecting_office() {
    let dir = std::env::temp_dir().join(format!("nianbao-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["wuxing-2024.txt", "zhuangshi-2023.txt"] {
        std::fs::write(dir.join(name), fixture(name)).unwrap();
    }
    std::fs::write(dir.join("broken.pdf"), "%PDF-1.7 broken").unwrap();
    let table = dir.join("table.xlsx");
    let dir_arg = dir.to_str().unwrap();
    assert_eq!(
        nianbao(&["check", "--format", "xlsx", dir_arg])
            .status
            .code(),
        Some(2),
        "needs --output"
    );
    let output = nianbao(&[
        "check",
        "--format",
        "xlsx",
        "--output",
        table.to_str().unwrap(),
        dir_arg,
    ]);
    assert_eq!(output.status.code(), Some(1), "zhuangshi is not compliant");
    let reports = zip_part(&std::fs::read(&table).unwrap(), "xl/worksheets/sheet1.xml");
    assert_eq!(
        reports.matches("<row ").count(),
        4,
        "a header and three files"
    );
    assert!(
        reports.contains(r#"<t xml:space="preserve">庄市街道</t>"#),
        "the issuer of zhuangshi's row, read from its page's 发布机构: {reports}"
    );
    std::fs::remove_file(&table).unwrap();
    let csv = nianbao(&["check", "--format", "csv", "--lang", "en", dir_arg]);
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(text.lines().count(), 4);
    assert!(
        text.lines()
            .any(|l| l.contains("zhuangshi-2023.txt") && l.contains(",not compliant,"))
    );
    let zhuangshi: Vec<&str> = text
        .lines()
        .find(|l| l.contains("zhuangshi-2023.txt"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(zhuangshi[1], "庄市街道", "the issuer column");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fix_writes_the_corrected_report_and_a_second_check_finds_none_of_those_slips() {
    let dir = std::env::temp_dir().join(format!("nianbao-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("fixable/slips-town-2024.txt", "fixed.txt"),
        ("documents/wuxing-2024.typed.docx", "fixed.docx"),
    ];
    for (source, fixed) in cases {
        let out = dir.join(fixed);
        let output = nianbao(&[
            "check",
            "--format",
            "json",
            "--fix",
            out.to_str().unwrap(),
            &path(source),
        ]);
        assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
        let before = stdout_json(&output);
        let fixes: Vec<&Value> = before["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["fix"].is_null())
            .collect();
        assert!(!fixes.is_empty(), "{source}: no fix to make");
        let again = stdout_json(&nianbao(&[
            "check",
            "--format",
            "json",
            out.to_str().unwrap(),
        ]));
        let left: Vec<&Value> = again["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["fix"].is_null())
            .collect();
        assert!(
            left.is_empty(),
            "{source}: still to fix after --fix: {left:?}"
        );
        // Nothing else changed: the findings without a fix are the same.
        let unfixed = |report: &Value| {
            let mut rules: Vec<String> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["fix"].is_null())
                .map(|f| f["rule"].as_str().unwrap().to_owned())
                .collect();
            rules.sort();
            rules
        };
        assert_eq!(unfixed(&again), unfixed(&before), "{source}");
    }
    let text = std::fs::read_to_string(dir.join("fixed.txt")).unwrap();
    let original = std::fs::read_to_string(fixture_path("fixable/slips-town-2024.txt")).unwrap();
    let expected = original
        .replace("（一）、", "（一）")
        .replace("截止目前", "截至目前")
        .replace("布署", "部署")
        .replace("法制宣传", "法治宣传")
        .replace("发发挥", "发挥");
    assert_eq!(text, expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn revisions_give_each_fix_as_a_tracked_change_beside_its_comment() {
    let out = std::env::temp_dir().join(format!("nianbao-revisions-{}.docx", std::process::id()));
    let output = nianbao(&[
        "check",
        "--annotate",
        out.to_str().unwrap(),
        "--revisions",
        &path("documents/wuxing-2024.typed.docx"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let document = zip_part(&std::fs::read(&out).unwrap(), "word/document.xml");
    assert!(
        document.contains(r#"w:author="nianbao"><w:r>"#) && document.contains("<w:delText"),
        "{document}"
    );
    assert!(
        document.contains("截至目前"),
        "the correction is in the document"
    );
    let comments = zip_part(&std::fs::read(&out).unwrap(), "word/comments.xml");
    assert!(
        comments.contains("截止目前"),
        "the comment stays beside the revision"
    );
    std::fs::remove_file(&out).unwrap();
    let without = nianbao(&["check", "--revisions", &path("wuxing-2024.txt")]);
    assert_eq!(
        without.status.code(),
        Some(2),
        "--revisions needs --annotate"
    );
}

#[test]
fn a_report_beside_last_years_with_previous() {
    let pair = |name: &str| path(&format!("comparison/{name}"));
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        &pair("hetang-2024.txt"),
        "--previous",
        &pair("hetang-2023.txt"),
    ]);
    let report = stdout_json(&output);
    let comparison = &report["comparison"];
    assert_eq!(comparison["previous"]["year"], 2023);
    assert_eq!(
        comparison["repeated_shortcomings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"shortcoming-repeated") && rules.contains(&"plan-not-followed"));

    // The clerk's text shows last year's plans with ✓ or ✗.
    let output = nianbao(&[
        "check",
        &pair("hetang-2024.txt"),
        "--previous",
        &pair("hetang-2023.txt"),
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("与上一年度报告比对"), "{text}");
    let compared = text.split("与上一年度报告比对").nth(1).unwrap();
    let compared = compared.split("发现的问题").next().unwrap();
    assert_eq!(compared.matches("    ✓ ").count(), 3, "{text}");
    assert_eq!(text.matches("未见落实").count(), 2, "{text}");

    // One report only; an unreadable previous report is a usage error naming it.
    let output = nianbao(&[
        "check",
        &pair("hetang-2024.txt"),
        &pair("liuxi-2024.txt"),
        "--previous",
        &pair("hetang-2023.txt"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let output = nianbao(&[
        "check",
        &pair("hetang-2024.txt"),
        "--previous",
        &pair("no-such-file.txt"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.txt"));
}

#[test]
fn every_rule_that_fixes_gives_its_fix_and_the_fixed_copy_has_them_all() {
    let rules = stdout_json(&nianbao(&["rules", "--format", "json"]));
    let mut fixing: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|rule| rule["fixable"] == true)
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    fixing.sort();
    let source = path("fixable/every-kind-town-2024.txt");
    let out = std::env::temp_dir().join(format!("nianbao-every-fix-{}.txt", std::process::id()));
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "--profile",
        "strict",
        "--enable",
        "half-width-punctuation",
        "--fix",
        out.to_str().unwrap(),
        &source,
    ]);
    let report = stdout_json(&output);
    let mut fixed_by: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fix"].is_null())
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    fixed_by.sort();
    fixed_by.dedup();
    assert_eq!(
        fixed_by, fixing,
        "the fixture has a slip of every kind that fixes"
    );
    let fixed = std::fs::read_to_string(&out).unwrap();
    assert!(
        fixed.contains("在镇党委、政府的坚强领导下，深入贯彻《法治政府建设实施纲要（2021—2025年）》，截至目前已部署专项工作，深化法治宣传，充分发挥法律顾问作用，全年召开会议26次。\n二、存在的不足和原因"),
        "{fixed}"
    );
    assert!(
        fixed.ends_with("青石镇人民政府\n2025年3月18日\n"),
        "{fixed}"
    );
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn a_directory_of_townships_with_a_roster() {
    let folder = path("collection");
    let roster = path("collection/roster.csv");
    let output = nianbao(&["check", "--format", "ndjson", &folder, "--roster", &roster]);
    let text = String::from_utf8(output.stdout).unwrap();
    let summary: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let summary = &summary["summary"];
    let template = ["baisha-2024.txt", "xinqiao-2024.txt", "zaolin-2024.txt"];
    let similar = summary["similar"].as_array().unwrap();
    assert_eq!(similar.len(), 3, "{summary}");
    for pair in similar {
        for file in pair["files"].as_array().unwrap() {
            let file = file.as_str().unwrap();
            assert!(template.iter().any(|t| file.ends_with(t)), "{file}");
        }
    }
    assert_eq!(
        summary["not_received"],
        json!(["石门乡人民政府", "龙潭镇人民政府"])
    );
    assert_eq!(summary["unexpected"].as_array().unwrap().len(), 1);

    // The clerk's text: a section of similar reports and the roster's gaps.
    let output = nianbao(&["check", &folder, "--roster", &roster]);
    let text = String::from_utf8(output.stdout).unwrap();
    let section = text
        .split("雷同（不同单位的报告大段相同）：")
        .nth(1)
        .unwrap();
    assert_eq!(section.matches(" ~ ").count(), 3, "{text}");
    assert!(
        text.contains("名单中未收到报告：石门乡人民政府、龙潭镇人民政府"),
        "{text}"
    );

    // The spreadsheet: a sheet 雷同 with the three pairs, and a row per unit of the roster.
    let xlsx = std::env::temp_dir().join(format!("nianbao-collection-{}.xlsx", std::process::id()));
    let out = xlsx.display().to_string();
    nianbao(&[
        "check", "--format", "xlsx", "--output", &out, &folder, "--roster", &roster,
    ]);
    let package = std::fs::read(&xlsx).unwrap();
    std::fs::remove_file(&xlsx).unwrap();
    assert!(zip_part(&package, "xl/workbook.xml").contains("雷同"));
    let similar = zip_part(&package, "xl/worksheets/sheet3.xml");
    assert_eq!(
        similar.matches("<row ").count(),
        4,
        "a header and three pairs"
    );
    let units = zip_part(&package, "xl/worksheets/sheet4.xml");
    assert_eq!(
        units.matches("<row ").count(),
        10,
        "a header and nine units"
    );
    assert_eq!(units.matches("未收到").count(), 2);
}

#[test]
fn a_directory_pairs_each_units_consecutive_years_by_itself() {
    let output = nianbao(&["check", "--format", "ndjson", &path("comparison")]);
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    common::assert_years_paired(&lines);
    // One unit's two years are no pair of similar reports.
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["similar"], json!([]));
}

#[test]
fn the_word_answer_beside_last_year_comments_on_the_repeats() {
    let pair = |name: &str| path(&format!("comparison/{name}"));
    let out = std::env::temp_dir().join(format!("nianbao-beside-{}.docx", std::process::id()));
    let output = nianbao(&[
        "check",
        &pair("hetang-2024.txt"),
        "--previous",
        &pair("hetang-2023.txt"),
        "--annotate",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let docx = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    let comments = zip_part(&docx, "word/comments.xml");
    assert!(
        comments.contains("这条不足上一年度报告已经写过"),
        "{comments}"
    );
    assert!(comments.contains("审查合同协议46份"), "{comments}");
}
