//! `POST /v1/checks/batch`: many reports in one form, one NDJSON line each, then a summary.

use std::io::{Cursor, Write};

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::common::{document, fixture, media_type, zip_part};
use crate::helpers::{problem, spawn_app};

fn part(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(media_type(name))
        .unwrap()
}

#[tokio::test]
async fn every_report_gets_a_line_and_a_bad_file_does_not_fail_the_batch() {
    let app = spawn_app().await;
    let form = Form::new()
        .part(
            "file",
            part("xixing-2024.typed.docx", document("xixing-2024.typed.docx")),
        )
        .part(
            "file",
            part(
                "zhuangshi-2023.txt",
                fixture("zhuangshi-2023.txt").into_bytes(),
            ),
        )
        .part(
            "file",
            part("truncated.pdf", document("hostile/truncated.pdf")),
        );
    let response = app.post_form("/v1/checks/batch?lang=en", form).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let text = response.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    let of = |file: &str| lines.iter().find(|l| l["file"] == file).unwrap();
    assert_eq!(of("xixing-2024.typed.docx")["report"]["compliant"], true);
    assert_eq!(of("zhuangshi-2023.txt")["report"]["compliant"], false);
    assert_eq!(
        of("truncated.pdf")["error"]["type"],
        "/problems/unreadable-document"
    );
    assert_eq!(
        lines[3]["summary"],
        serde_json::json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1, "similar": []})
    );
}

/// A zip as a collecting office packs it: reports in a folder, and an archiver's clutter.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The lines of an NDJSON answer, by file name, and its summary.
async fn lines_of(response: reqwest::Response) -> (Vec<Value>, Value) {
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let mut lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = lines.pop().unwrap()["summary"].clone();
    lines.sort_by_key(|line| line["file"].as_str().unwrap().to_owned());
    (lines, summary)
}

#[tokio::test]
async fn a_zip_of_reports_is_checked_report_by_report() {
    let app = spawn_app().await;
    let archive = zip_of(&[
        (
            "区司法局/xixing-2024.typed.docx",
            document("xixing-2024.typed.docx"),
        ),
        (
            "区司法局/zhuangshi-2023.txt",
            fixture("zhuangshi-2023.txt").into_bytes(),
        ),
        ("truncated.pdf", document("hostile/truncated.pdf")),
        (
            "__MACOSX/区司法局/._zhuangshi-2023.txt",
            b"\0\x05\x16\x07".to_vec(),
        ),
    ]);
    let response = app
        .post_raw_to("/v1/checks/batch", "application/zip", archive.clone())
        .await;
    let (lines, summary) = lines_of(response).await;
    let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "truncated.pdf",
            "区司法局/xixing-2024.typed.docx",
            "区司法局/zhuangshi-2023.txt"
        ]
    );
    assert_eq!(lines[1]["report"]["compliant"], true);
    assert_eq!(lines[1]["report"]["report"]["source"]["format"], "docx");
    assert_eq!(lines[2]["report"]["compliant"], false);
    assert_eq!(lines[0]["error"]["type"], "/problems/unreadable-document");
    assert_eq!(
        summary,
        json!({"files": 3, "compliant": 1, "not_compliant": 1, "failed": 1, "similar": []})
    );

    // A zip among the files of a form is unpacked too, its reports named after it.
    let form = Form::new()
        .part("file", part("2024年报.zip", archive))
        .part(
            "file",
            part("wuxing-2024.txt", fixture("wuxing-2024.txt").into_bytes()),
        );
    let response = app.post_form("/v1/checks/batch", form).await;
    let (lines, summary) = lines_of(response).await;
    assert_eq!(lines[0]["file"], "2024年报.zip/truncated.pdf");
    assert_eq!(lines[3]["file"], "wuxing-2024.txt");
    assert_eq!(summary["files"], 4);
}

#[tokio::test]
async fn a_zip_without_reports_is_a_422() {
    let app = spawn_app().await;
    let archive = zip_of(&[(".DS_Store", b"x".to_vec())]);
    let response = app
        .client
        .post(app.url("/v1/checks/batch?lang=en"))
        .header("content-type", "application/zip")
        .body(archive)
        .send()
        .await
        .unwrap();
    let body = problem(response, 422).await;
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("no report files")
    );
}

#[tokio::test]
async fn a_batch_must_be_a_form_with_files() {
    let app = spawn_app().await;
    let response = app
        .post_raw_to("/v1/checks/batch", "text/plain", "报告")
        .await;
    problem(response, 415).await;
    let empty = Form::new().text("year", "2024");
    let response = app.post_form("/v1/checks/batch", empty).await;
    let body = problem(response, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "file");
}

#[tokio::test]
async fn a_batch_stops_when_its_client_goes_away() {
    let app = crate::helpers::spawn_app().await;
    let pdf = crate::common::document("xixing-2024.pdf");
    let mut form = reqwest::multipart::Form::new();
    for i in 0..200 {
        let part = reqwest::multipart::Part::bytes(pdf.clone()).file_name(format!("{i}.pdf"));
        form = form.part("file", part);
    }
    let mut response = app.post_form("/v1/checks/batch", form).await;
    assert_eq!(response.status(), 200);
    response.chunk().await.unwrap().expect("a first line");
    drop(response);
    // Long enough for all 200 to be checked (about 5 s) had the batch gone on.
    tokio::time::sleep(std::time::Duration::from_secs(8)).await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    let checked: usize = metrics
        .lines()
        .filter(|l| l.starts_with("nianbao_checks_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(
        checked < 20,
        "{checked} of 200 reports checked after the client left"
    );
}

fn corpus_form() -> Form {
    let form = [
        "baishijiang-2024.txt",
        "binjiang-2024-traditional.txt",
        "wuxing-2024.txt",
        "xixing-2024.txt",
        "zhuangshi-2023.txt",
    ]
    .into_iter()
    .fold(Form::new(), |form, name| {
        form.part("file", part(name, fixture(name).into_bytes()))
    });
    form.part(
        "file",
        part("truncated.pdf", document("hostile/truncated.pdf")),
    )
}

#[tokio::test]
async fn the_collecting_office_gets_a_csv_row_per_report_as_the_lines_say() {
    let app = spawn_app().await;
    let (lines, _) = lines_of(
        app.post_form("/v1/checks/batch?lang=en", corpus_form())
            .await,
    )
    .await;
    let response = app
        .post_form("/v1/checks/batch?lang=en&format=csv", corpus_form())
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = response.text().await.unwrap();
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("a byte order mark for Excel");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][..5], ["file", "issuer", "title", "year", "verdict"]);
    assert_eq!(rows.len(), 1 + lines.len());
    for line in &lines {
        let file = line["file"].as_str().unwrap();
        let row = rows.iter().find(|r| r[0] == file).unwrap();
        let verdict = match line["report"]["compliant"].as_bool() {
            Some(true) => "compliant",
            Some(false) => "not compliant",
            None => "unreadable",
        };
        assert_eq!(row[4], verdict, "{file}");
        let issuer = line["report"]["report"]["issuer"]
            .as_str()
            .unwrap_or_default();
        assert_eq!(row[1], issuer, "{file}: the issuer as the report says it");
    }
    let zhuangshi = rows.iter().find(|r| r[0] == "zhuangshi-2023.txt").unwrap();
    assert_eq!(zhuangshi[1], "庄市街道", "read from its page's 发布机构");
}

#[tokio::test]
async fn the_spreadsheet_has_a_sheet_of_reports_and_one_of_findings() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/v1/checks/batch"))
        .header(
            "accept",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .multipart(corpus_form())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let reports = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        reports.matches("<row ").count(),
        7,
        "a header and six reports"
    );
    assert!(reports.contains(r#"state="frozen""#) && reports.contains("<autoFilter"));
    assert!(
        reports.contains("无法读取"),
        "the unreadable file has its row"
    );
    assert!(zip_part(&bytes, "xl/worksheets/sheet2.xml").contains("<sheetData>"));
    let refused = app
        .post_form("/v1/checks/batch?format=pdf", corpus_form())
        .await;
    let body = problem(refused, 422).await;
    assert_eq!(body["errors"][0]["parameter"], "format");
}

/// Eight townships of one county, three of them filing one template with their names swapped
/// in, and the county's roster with two units that sent nothing.
#[tokio::test]
async fn a_collection_names_the_template_group_and_the_rosters_gaps() {
    let app = spawn_app().await;
    let folder = crate::common::fixture_path("collection");
    let mut form = Form::new();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    for name in &names {
        form = form.part(
            "file",
            part(name, std::fs::read(folder.join(name)).unwrap()),
        );
    }
    let roster = std::fs::read(folder.join("roster.csv")).unwrap();
    form = form.part("roster", Part::bytes(roster).file_name("roster.csv"));
    let (lines, summary) = lines_of(app.post_form("/v1/checks/batch", form).await).await;
    assert_eq!(lines.len(), 8);
    assert_eq!(summary["files"], 8);
    let mut pairs: Vec<Vec<&str>> = summary["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            let mut files: Vec<&str> = pair["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            files.sort();
            files
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ["baisha-2024.txt", "xinqiao-2024.txt"],
            ["baisha-2024.txt", "zaolin-2024.txt"],
            ["xinqiao-2024.txt", "zaolin-2024.txt"]
        ]
    );
    for pair in summary["similar"].as_array().unwrap() {
        assert!(pair["shared_share"].as_f64().unwrap() > 0.8, "{pair}");
        assert!(
            pair["files"]
                .as_array()
                .unwrap()
                .contains(&pair["example"]["file"])
        );
    }
    // Each template report's line names those before it; the others name none.
    let named = |file: &str| {
        lines.iter().find(|l| l["file"] == file).unwrap()["similar_to"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(
        named("liuxi-2024.txt") + named("hetang-2024.txt") + named("yunling-2024.txt"),
        0
    );
    assert_eq!(
        named("baisha-2024.txt") + named("xinqiao-2024.txt") + named("zaolin-2024.txt"),
        3
    );
    assert_eq!(
        summary["not_received"],
        json!(["石门乡人民政府", "龙潭镇人民政府"])
    );
    assert_eq!(
        summary["unexpected"],
        json!([{"file": "qingshui-2024.txt", "issuer": "清水镇人民政府"}])
    );
}
