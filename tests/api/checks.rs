//! The corpus through HTTP, both ways in, and the shape of a check report.

use serde_json::{Value, json};

use crate::common::{assert_outcome, expectations, findings, fixture, part, spanned, status};
use crate::helpers::spawn_app;

#[tokio::test]
async fn corpus_reports_get_the_outcome_domain_md_gives_as_json() {
    let app = spawn_app().await;
    for (name, expected) in expectations() {
        let report = app.check_text(&fixture(&name)).await;
        assert_outcome(&name, &report, &expected);
    }
}

#[tokio::test]
async fn corpus_reports_get_the_same_outcome_as_plain_text() {
    let app = spawn_app().await;
    for (name, expected) in expectations() {
        let response = app
            .post_raw("text/plain; charset=utf-8", fixture(&name))
            .await;
        assert_eq!(response.status(), 200, "{name}");
        let report: Value = response.json().await.unwrap();
        assert_outcome(&name, &report, &expected);
    }
}

#[tokio::test]
async fn missing_parts_point_where_they_belong_with_the_heading_to_add() {
    let app = spawn_app().await;
    let text = fixture("zhuangshi-2023.txt");
    let report = app.check_text(&text).await;
    let missing = findings(&report, "part-missing");
    assert_eq!(missing[0]["part"], "shortcomings");
    assert_eq!(missing[1]["part"], "first_responsible");
    // Both belong before "二、2024年工作思路", at the start of line 20.
    let span = &missing[0]["span"];
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(20), Some(1))
    );
    assert_eq!(span["start"], span["end"]);
    assert!(
        text.chars()
            .skip(span["start"].as_u64().unwrap() as usize)
            .collect::<String>()
            .starts_with("二、2024年工作思路")
    );
    assert_eq!(
        missing[0]["suggestion"],
        "2023年推进法治政府建设存在的不足和原因"
    );
    assert_eq!(missing[0]["severity"], "error");
    assert_eq!(missing[0]["basis"]["number"], "厅字〔2019〕28号");
    assert_eq!(missing[0]["context"]["offset"], 40);
}

#[tokio::test]
async fn spans_count_code_points_of_the_submitted_traditional_text() {
    let app = spawn_app().await;
    let text = fixture("binjiang-2024-traditional.txt");
    let report = app.check_text(&text).await;
    let shortcomings = part(&report, "shortcomings");
    let section = &shortcomings["sections"][0];
    assert_eq!(section["text"], "二、存在的問題短板");
    assert_eq!(spanned(&text, &section["span"]), "二、存在的問題短板");
    let warning = &findings(&report, "shortcomings-without-reasons")[0];
    assert_eq!(spanned(&text, &warning["span"]), "二、存在的問題短板");
}

#[tokio::test]
async fn report_carries_title_outline_and_part_placement() {
    let app = spawn_app().await;
    let report = app.check_text(&fixture("wuxing-2024.txt")).await;
    assert_eq!(report["schema_version"], "1.0");
    assert_eq!(
        report["report"]["title"],
        "五星街道2024年度法治政府建设情况报告"
    );
    assert_eq!(report["report"]["year_source"], "title");
    assert_eq!(report["ruleset"]["id"], "cn-fazhi-zhengfu-annual-report");
    let outline = report["outline"].as_array().unwrap();
    let headings: Vec<&str> = outline
        .iter()
        .map(|h| h["heading"].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "一、推进法治政府建设第一责任人履职情况",
            "二、主要举措和成效",
            "三、存在不足",
            "四、下一年度主要安排"
        ]
    );
    assert_eq!(outline[0]["parts"], json!(["first_responsible"]));
    assert_eq!(outline[0]["numbering"], "一、");
    let order = &findings(&report, "part-order")[0];
    assert_eq!(order["severity"], "info");
    assert_eq!(order["span"]["line"], 3);
    assert_eq!(
        report["summary"],
        json!({"error": 0, "warning": 2, "info": 2})
    );
}

#[tokio::test]
async fn first_responsible_duties_inside_part_one_are_listed_as_mentions() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let report = app.check_text(&text).await;
    assert_eq!(status(&report, "first_responsible"), "present");
    let duties = part(&report, "first_responsible");
    assert_eq!(
        duties["mentions"][0]["text"],
        "全面落实法治建设第一责任人职责"
    );
    assert_eq!(report["report"]["year_source"], "opening");
}

#[tokio::test]
async fn messages_follow_lang_and_accept_language() {
    let app = spawn_app().await;
    let text = fixture("zhuangshi-2023.txt");
    let english = app.check(json!({"text": text, "lang": "en"})).await;
    let message = findings(&english, "part-missing")[0]["message"]
        .as_str()
        .unwrap();
    assert!(message.starts_with("The required part"), "{message}");
    assert_eq!(
        english["parts"][0]["name"],
        "Main measures and results of the past year"
    );

    let response = app
        .client
        .post(app.url("/v1/checks"))
        .header("accept-language", "en-GB,en;q=0.9")
        .json(&json!({"text": text}))
        .send()
        .await
        .unwrap();
    let report: Value = response.json().await.unwrap();
    assert!(
        findings(&report, "part-missing")[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("The required part")
    );

    let chinese = app.check_text(&text).await;
    assert!(
        findings(&chinese, "part-missing")[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("缺少必需部分")
    );
}

#[tokio::test]
async fn rules_can_be_disabled_per_request_and_compliance_follows() {
    let app = spawn_app().await;
    let text = fixture("zhuangshi-2023.txt");
    let report = app
        .check(json!({"text": text, "rules": {"disable": ["part-missing"]}}))
        .await;
    assert_eq!(report["compliant"], true);
    assert!(findings(&report, "part-missing").is_empty());

    let response = app.post_raw("text/plain", text).await;
    assert_eq!(response.json::<Value>().await.unwrap()["compliant"], false);
}

#[tokio::test]
async fn plain_text_takes_options_from_the_query_string() {
    let app = spawn_app().await;
    let response = app
        .post_text(
            "published_on=2025-04-15&lang=en&disable=part-order",
            fixture("wuxing-2024.txt"),
        )
        .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["compliant"], false);
    let late = &findings(&report, "published-late")[0];
    assert!(late["message"].as_str().unwrap().contains("2025-04-01"));
    assert!(findings(&report, "part-order").is_empty());
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn request_ids_are_taken_from_the_caller_or_generated_and_returned() {
    let app = spawn_app().await;
    let send = |id: Option<&'static str>| {
        let mut request = app.client.get(app.url("/healthz"));
        if let Some(id) = id {
            request = request.header("x-request-id", id);
        }
        request.send()
    };
    let taken = send(Some("oa-2025-000123")).await.unwrap();
    assert_eq!(taken.headers()["x-request-id"], "oa-2025-000123");
    let generated = send(None).await.unwrap();
    let id = generated.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let replaced = send(Some("not a token")).await.unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "not a token");
    // Problems carry it too.
    let missing = app
        .client
        .get(app.url("/nowhere"))
        .header("x-request-id", "oa-404")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.headers()["x-request-id"], "oa-404");
}

#[tokio::test]
async fn json_text_and_a_text_body_report_the_same_source() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let as_json = app.check_text(&text).await;
    let response = app.post_text("", text.clone()).await;
    assert_eq!(response.status(), 200);
    let as_body: Value = response.json().await.unwrap();
    let paragraphs = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(as_json["report"]["source"]["paragraphs"], paragraphs);
    assert_eq!(
        as_json["report"]["source"]["paragraphs"],
        as_body["report"]["source"]["paragraphs"]
    );
}

/// A message's own words, without what it quotes from the report (“…”, one level nested, and 《…》).
fn unquoted(message: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in message.chars() {
        match c {
            '“' | '《' => depth += 1,
            '”' | '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn english_messages_name_documents_parts_and_dates_in_english() {
    let app = spawn_app().await;
    let mut names: Vec<String> = ["tests/fixtures", "tests/fixtures/realistic"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut seen = 0;
    for name in &names {
        let text = std::fs::read_to_string(name).unwrap();
        let report = app
            .check(json!({"text": text, "lang": "en", "profile": "strict"}))
            .await;
        for finding in report["findings"].as_array().unwrap() {
            let message = finding["message"].as_str().unwrap();
            let own = unquoted(message);
            assert!(
                !own.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: {} says in Chinese what it should say in English: {message}",
                finding["rule"]
            );
            seen += 1;
        }
    }
    assert!(seen > 100, "{seen} messages read");
}
