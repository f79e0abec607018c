//! A report beside the same issuer's previous report, judged on pairs written for this test in
//! the style of township reports (tests/fixtures/comparison): one that copies most of last
//! year's, an honest pair that shares only quotations and set phrases, and a pair that lists a
//! shortcoming again (once with no word of what was done, once saying how far it was remedied)
//! and follows three of last year's five plans.

use std::path::Path;

use nianbao::{Cancel, CheckOptions, Engine, Input};
use serde_json::Value;

fn text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/comparison")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn check_beside(this: &str, previous: &str) -> Value {
    let report = Engine::default()
        .check_beside_until(
            Input::Text(text(this)),
            Some(Input::Text(text(previous))),
            &CheckOptions::default(),
            &Cancel::default(),
        )
        .unwrap();
    serde_json::to_value(report).unwrap()
}

/// The findings of the rules on a comparison, by rule.
fn comparison_findings(report: &Value) -> Vec<(String, Option<u64>)> {
    const RULES: [&str; 5] = [
        "reused-from-previous",
        "shortcoming-repeated",
        "plan-not-followed",
        "figure-repeated",
        "previous-mismatch",
    ];
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["span"]["start"].as_u64(),
            )
        })
        .collect()
}

fn slice(text: &str, span: &Value) -> String {
    let (start, end) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn without_a_previous_report_there_is_no_comparison() {
    let report = Engine::default()
        .check_input(
            Input::Text(text("liuxi-2024.txt")),
            &CheckOptions::default(),
        )
        .unwrap();
    let report = serde_json::to_value(report).unwrap();
    assert!(report.get("comparison").is_none());
    assert!(comparison_findings(&report).is_empty());
}

#[test]
fn a_report_that_copies_last_years_is_told_so_at_its_longest_passage() {
    let report = check_beside("shiqiao-2024-copied.txt", "shiqiao-2023.txt");
    let comparison = &report["comparison"];
    println!("{}", serde_json::to_string_pretty(comparison).unwrap());
    assert_eq!(comparison["previous"]["year"], 2023);
    assert_eq!(
        comparison["previous"]["title"],
        "石桥镇人民政府关于2023年度法治政府建设情况的报告"
    );
    let share = comparison["reused_share"].as_f64().unwrap();
    assert!((0.75..=0.95).contains(&share), "reused share {share}");
    let findings = comparison_findings(&report);
    let reused: Vec<_> = findings
        .iter()
        .filter(|(rule, _)| rule == "reused-from-previous")
        .collect();
    assert_eq!(reused.len(), 1);
    let longest = comparison["reused"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|r| r["span"]["end"].as_u64().unwrap() - r["span"]["start"].as_u64().unwrap())
        .unwrap();
    assert_eq!(reused[0].1, longest["span"]["start"].as_u64());
    // Each passage's place in last year's text says the same, figures aside.
    let (now, before) = (text("shiqiao-2024-copied.txt"), text("shiqiao-2023.txt"));
    let passage = &comparison["reused"][0];
    let here = slice(&now, &passage["span"]);
    let there = slice(&before, &passage["previous_span"]);
    let words = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    assert_eq!(
        words(&here).replace("2024", ""),
        words(&there).replace("2023", "")
    );
    // The same township under another form of its name: no mismatch.
    assert!(!findings.iter().any(|(rule, _)| rule == "previous-mismatch"));
    // All three shortcomings are last year's, word for word.
    assert_eq!(
        findings
            .iter()
            .filter(|(rule, _)| rule == "shortcoming-repeated")
            .count(),
        3
    );
}

#[test]
fn an_honest_pair_sharing_quotations_and_set_phrases_stays_quiet() {
    let report = check_beside("liuxi-2024.txt", "liuxi-2023.txt");
    let comparison = &report["comparison"];
    println!("{}", serde_json::to_string_pretty(comparison).unwrap());
    assert!(comparison["reused_share"].as_f64().unwrap() < 0.05);
    assert!(
        comparison["repeated_shortcomings"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let plans = comparison["plan_follow_up"].as_array().unwrap();
    assert_eq!(plans.len(), 3);
    assert!(plans.iter().all(|p| p["followed"] == true));
    assert_eq!(comparison_findings(&report), []);
}

#[test]
fn an_honest_pair_whose_plans_are_followed_up_in_other_words_stays_quiet() {
    let report = check_beside("shijianju-2024.txt", "shijianju-2023.txt");
    let comparison = &report["comparison"];
    let plans = comparison["plan_follow_up"].as_array().unwrap();
    assert_eq!(plans.len(), 3);
    assert!(plans.iter().all(|p| p["followed"] == true), "{comparison}");
    // 青禾县市场监督管理局 both years: no mismatch, nothing repeated.
    assert_eq!(comparison_findings(&report), []);
}

#[test]
fn a_shortcoming_listed_again_is_found_unless_it_says_what_was_done() {
    let report = check_beside("hetang-2024.txt", "hetang-2023.txt");
    let comparison = &report["comparison"];
    println!("{}", serde_json::to_string_pretty(comparison).unwrap());
    let now = text("hetang-2024.txt");
    let repeated = comparison["repeated_shortcomings"].as_array().unwrap();
    assert_eq!(repeated.len(), 2);
    assert_eq!(repeated[0]["remedied"], false);
    assert!(slice(&now, &repeated[0]["span"]).contains("法律顾问作用发挥不充分"));
    assert_eq!(repeated[1]["remedied"], true);
    let findings = comparison_findings(&report);
    let flagged: Vec<_> = findings
        .iter()
        .filter(|(rule, _)| rule == "shortcoming-repeated")
        .collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].1, repeated[0]["span"]["start"].as_u64());
    assert!(
        !findings
            .iter()
            .any(|(rule, _)| rule == "reused-from-previous")
    );
}

#[test]
fn three_of_five_plans_followed_and_the_two_others_listed() {
    let report = check_beside("hetang-2024.txt", "hetang-2023.txt");
    let (now, before) = (text("hetang-2024.txt"), text("hetang-2023.txt"));
    let plans = report["comparison"]["plan_follow_up"].as_array().unwrap();
    let followed: Vec<bool> = plans
        .iter()
        .map(|p| p["followed"].as_bool().unwrap())
        .collect();
    assert_eq!(followed, [true, false, true, false, true]);
    assert!(slice(&before, &plans[1]["previous_span"]).contains("行政执法人员轮训"));
    assert!(slice(&now, &plans[2]["span"]).contains("合同管理办法"));
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "plan-not-followed")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("行政执法人员轮训") && message.contains("智慧调解"),
        "{message}"
    );
    // The same count of contracts reviewed both years.
    let figures = report["comparison"]["repeated_figures"].as_array().unwrap();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0]["label"], "审查合同协议");
    assert_eq!(figures[0]["value"], "46份");
}

#[test]
fn another_townships_or_an_older_report_is_said_to_be_so() {
    let other = check_beside("hetang-2024.txt", "liuxi-2023.txt");
    let messages: Vec<&str> = other["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "previous-mismatch")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("柳溪镇"));
    let older = check_beside("liuxi-2024.txt", "liuxi-2024.txt");
    assert!(
        older["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "previous-mismatch"
                && f["message"].as_str().unwrap().contains("2024年度"))
    );
}

#[test]
fn a_report_whose_every_sentence_is_repeated_is_compared_in_bounded_time() {
    let sentence = "全镇组织开展行政执法人员专题培训，进一步规范执法程序和执法文书制作。";
    let text = format!(
        "石桥镇2024年度法治政府建设情况报告\n{}",
        sentence.repeat(20_000)
    );
    let before = format!(
        "石桥镇2023年度法治政府建设情况报告\n{}",
        sentence.repeat(20_000)
    );
    let started = std::time::Instant::now();
    let report = Engine::default()
        .check_beside_until(
            Input::Text(text),
            Some(Input::Text(before)),
            &CheckOptions::default(),
            &Cancel::default(),
        )
        .unwrap();
    let elapsed = started.elapsed();
    let report = serde_json::to_value(report).unwrap();
    let comparison = &report["comparison"];
    assert!(elapsed < std::time::Duration::from_secs(20), "{elapsed:?}");
    assert!(comparison["reused"].as_array().unwrap().len() <= 200);
    assert!(comparison["reused_share"].as_f64().unwrap() > 0.9);
}
