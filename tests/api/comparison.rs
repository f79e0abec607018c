//! Last year's report beside this year's over HTTP: as JSON text or file, as a multipart part,
//! and a previous report that is a bomb refused as the report itself would be.

use base64::Engine as _;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{problem, spawn_app};

fn pair(name: &str) -> String {
    let path = crate::common::fixture_path("comparison").join(name);
    std::fs::read_to_string(path).unwrap()
}

fn rules_found(report: &Value) -> Vec<&str> {
    crate::common::rules_of(report)
}

#[tokio::test]
async fn last_years_report_as_text_or_file_in_json_gives_a_comparison() {
    let app = spawn_app().await;
    let as_text = app
        .check(json!({
            "text": pair("shiqiao-2024-copied.txt"),
            "previous": {"text": pair("shiqiao-2023.txt")}
        }))
        .await;
    let comparison = &as_text["comparison"];
    assert_eq!(comparison["previous"]["year"], 2023);
    assert!(comparison["reused_share"].as_f64().unwrap() > 0.75);
    assert!(rules_found(&as_text).contains(&"reused-from-previous"));

    let encoded =
        base64::engine::general_purpose::STANDARD.encode(pair("shiqiao-2023.txt").as_bytes());
    let as_file = app
        .check(json!({
            "text": pair("shiqiao-2024-copied.txt"),
            "previous": {"file": {"name": "2023.txt", "content_base64": encoded}}
        }))
        .await;
    assert_eq!(as_file["comparison"], as_text["comparison"]);

    // Without it, no comparison at all.
    let alone = app.check_text(&pair("shiqiao-2024-copied.txt")).await;
    assert!(alone.get("comparison").is_none());
    assert!(!rules_found(&alone).contains(&"reused-from-previous"));
}

#[tokio::test]
async fn a_previous_report_that_is_neither_text_nor_file_is_named_in_the_problem() {
    let app = spawn_app().await;
    let response = app
        .post_json(&json!({"text": pair("liuxi-2024.txt"), "previous": {}}))
        .await;
    let body = problem(response, 422).await;
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(pointers, ["/previous/text"]);
}

#[tokio::test]
async fn last_years_report_as_a_form_part() {
    let app = spawn_app().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(pair("hetang-2024.txt").into_bytes()).file_name("2024.txt"),
        )
        .part(
            "previous",
            Part::bytes(pair("hetang-2023.txt").into_bytes()).file_name("2023.txt"),
        );
    let response = app.post_form("/v1/checks", form).await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    let plans = report["comparison"]["plan_follow_up"].as_array().unwrap();
    let followed = plans.iter().filter(|p| p["followed"] == true).count();
    assert_eq!((plans.len(), followed), (5, 3));
    assert_eq!(report["report"]["year"], 2024);
    // The previous part, sent first, is not taken for the report.
    let form = Form::new()
        .part(
            "previous",
            Part::bytes(pair("hetang-2023.txt").into_bytes()).file_name("2023.txt"),
        )
        .part(
            "file",
            Part::bytes(pair("hetang-2024.txt").into_bytes()).file_name("2024.txt"),
        );
    let report: Value = app
        .post_form("/v1/checks", form)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(report["report"]["year"], 2024);
    assert_eq!(report["comparison"]["previous"]["year"], 2023);
}

#[tokio::test]
async fn a_bomb_as_the_previous_report_gets_the_same_4xx_as_the_report() {
    let app = spawn_app().await;
    let bomb =
        std::fs::read(crate::common::fixture_path("documents/hostile").join("bomb.docx")).unwrap();
    let as_report = problem(
        app.post_raw(crate::common::media_type("x.docx"), bomb.clone())
            .await,
        413,
    )
    .await;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bomb);
    let response = app
        .post_json(&json!({
            "text": pair("liuxi-2024.txt"),
            "previous": {"file": {"name": "bomb.docx", "content_base64": encoded}}
        }))
        .await;
    let as_previous = problem(response, 413).await;
    assert_eq!(as_previous["type"], as_report["type"]);
    let form = Form::new()
        .part(
            "file",
            Part::bytes(pair("liuxi-2024.txt").into_bytes()).file_name("2024.txt"),
        )
        .part("previous", Part::bytes(bomb).file_name("bomb.docx"));
    let in_form = problem(app.post_form("/v1/checks", form).await, 413).await;
    assert_eq!(in_form["type"], as_report["type"]);
    // The service goes on.
    let fine = app.check_text(&pair("liuxi-2024.txt")).await;
    assert_eq!(fine["report"]["year"], 2024);
}

#[tokio::test]
async fn last_years_report_is_held_in_the_same_share_of_the_memory_budget() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.memory_budget = 2 * 1024 * 1024;
        s.client_idle_timeout = 30;
    })
    .await;
    // 1.5 MiB held by a slow sender: about 512 KiB left.
    let sender = crate::memory::slow_large_sender(&app, 1536 * 1024).await;
    // Some 70 KB of text: its footprint (six times its bytes) fits alone, not twice over.
    let long = |name: &str| pair(name).repeat(30);
    let alone = app
        .post_json(&json!({"text": long("liuxi-2024.txt")}))
        .await;
    assert_eq!(alone.status(), 200);
    let beside = app
        .post_json(&json!({
            "text": long("liuxi-2024.txt"),
            "previous": {"text": long("liuxi-2023.txt")}
        }))
        .await;
    let body = problem(beside, 503).await;
    assert_eq!(body["type"], "/problems/overloaded");
    drop(sender);
}

#[tokio::test]
async fn a_batch_pairs_each_units_consecutive_years_by_itself() {
    let app = spawn_app().await;
    let folder = crate::common::fixture_path("comparison");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Sent latest first: the batch reads them in name order all the same.
    names.sort();
    names.reverse();
    let mut form = Form::new();
    for name in &names {
        let bytes = std::fs::read(folder.join(name)).unwrap();
        form = form.part("file", Part::bytes(bytes).file_name(name.clone()));
    }
    let response = app.post_form("/v1/checks/batch", form).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), names.len() + 1);
    crate::common::assert_years_paired(&lines);
    let copied = lines
        .iter()
        .find(|l| l["file"] == "shiqiao-2024-copied.txt")
        .unwrap();
    assert!(rules_found(&copied["report"]).contains(&"reused-from-previous"));
}

#[tokio::test]
async fn the_word_answer_beside_last_year_comments_on_the_repeats() {
    let app = spawn_app().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(pair("hetang-2024.txt").into_bytes()).file_name("2024.txt"),
        )
        .part(
            "previous",
            Part::bytes(pair("hetang-2023.txt").into_bytes()).file_name("2023.txt"),
        );
    let response = app
        .client
        .post(app.url("/v1/checks"))
        .header(
            "accept",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let docx = response.bytes().await.unwrap();
    let comments = crate::common::zip_part(&docx, "word/comments.xml");
    assert!(
        comments.contains("这条不足上一年度报告已经写过"),
        "{comments}"
    );
}

#[tokio::test]
async fn a_roster_of_100000_lines_is_read_in_bounded_time() {
    let app = spawn_app().await;
    let roster: String = (0..100_000)
        .map(|n| format!("第{n}号镇人民政府,联系人,电话\n"))
        .collect();
    let form = Form::new()
        .part(
            "file",
            Part::bytes(pair("liuxi-2024.txt").into_bytes()).file_name("liuxi.txt"),
        )
        .part(
            "roster",
            Part::bytes(roster.into_bytes()).file_name("roster.csv"),
        );
    let started = std::time::Instant::now();
    let response = app.post_form("/v1/checks/batch", form).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let summary: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let summary = &summary["summary"];
    assert_eq!(summary["not_received"].as_array().unwrap().len(), 100_000);
    assert_eq!(summary["unexpected"][0]["issuer"], "柳溪镇人民政府");
}
