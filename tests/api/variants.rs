//! Reports changed the ways real reports differ: parts removed, reworded, merged, reordered,
//! headings gone, wrong years and dates, and texts that are no report at all.

use serde_json::json;

use crate::common::{findings, fixture, part, spanned, status};
use crate::helpers::spawn_app;

/// The lines of a corpus report.
fn lines(name: &str) -> Vec<String> {
    fixture(name).lines().map(str::to_owned).collect()
}

/// The report without the lines from the one starting with `from` up to the one starting with
/// `to` (or the end).
fn without_section(name: &str, from: &str, to: Option<&str>) -> String {
    let lines = lines(name);
    let start = lines
        .iter()
        .position(|l| l.starts_with(from))
        .expect("section exists");
    let end = to.map_or(lines.len(), |to| {
        lines.iter().position(|l| l.starts_with(to)).unwrap()
    });
    [&lines[..start], &lines[end..]].concat().join("\n")
}

fn replace_line(text: &str, from: &str, to: &str) -> String {
    let replaced = text
        .lines()
        .map(|l| if l.starts_with(from) { to } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(replaced, text, "the line starting with {from} exists");
    replaced
}

#[tokio::test]
async fn a_removed_part_is_missing_and_makes_the_report_non_compliant() {
    let app = spawn_app().await;
    let text = without_section("baishijiang-2024.txt", "二、", Some("三、"));
    let report = app.check_text(&text).await;
    assert_eq!(report["compliant"], false);
    assert_eq!(status(&report, "shortcomings"), "missing");
    let missing = &findings(&report, "part-missing")[0];
    assert_eq!(
        missing["suggestion"],
        "2024年推进法治政府建设存在的不足和原因"
    );
    let rest: String = text
        .chars()
        .skip(missing["span"]["start"].as_u64().unwrap() as usize)
        .collect();
    assert!(rest.starts_with("三、2024年党政主要负责人"), "{rest:.20}");
}

#[tokio::test]
async fn a_removed_part_still_reported_inside_another_is_embedded() {
    let app = spawn_app().await;
    let text = without_section("xixing-2024.txt", "三、", Some("四、"));
    let report = app.check_text(&text).await;
    assert_eq!(status(&report, "first_responsible"), "embedded");
    assert_eq!(report["compliant"], true);
    let embedded = &findings(&report, "part-embedded")[0];
    assert_eq!(embedded["severity"], "warning");
    assert_eq!(
        spanned(&text, &embedded["span"]),
        "全面落实法治建设第一责任人职责"
    );
    assert_eq!(
        embedded["suggestion"],
        "2024年党政主要负责人履行推进法治建设第一责任人职责情况"
    );
}

#[tokio::test]
async fn a_sub_heading_on_the_duties_inside_the_measures_is_embedded() {
    let app = spawn_app().await;
    let text = "2024年度某县法治政府建设情况报告\n\
        一、2024年主要举措和成效\n(一)党政主要负责人严格履行推进法治建设第一责任人职责\n县委书记、县长带头学法，全年主持专题研究法治工作4次。\n(二)深化行政执法改革\n全年办理行政执法案件320件。\n\
        二、存在的问题和原因\n执法力量不足，原因在于编制紧张。\n\
        三、2025年工作安排\n进一步压实党政主要负责人第一责任人职责。";
    let report = app.check_text(text).await;
    assert_eq!(status(&report, "first_responsible"), "embedded");
    let embedded = &findings(&report, "part-embedded")[0];
    assert!(spanned(text, &embedded["span"]).starts_with("党政主要负责人严格履行"));
    // The plan to do it next year is no report on it.
    assert_eq!(report["parts"][2]["mentions"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn headings_reworded_with_other_words_are_still_found() {
    let app = spawn_app().await;
    let mut text = fixture("xixing-2024.txt");
    for (from, to) in [
        ("一、", "一、2024年法治政府建设工作开展情况"),
        ("二、", "二、问题短板"),
        ("三、", "三、主要负责同志履行推进法治建设第一责任人职责情况"),
        ("四、", "四、下一步工作打算"),
    ] {
        text = replace_line(&text, from, to);
    }
    let report = app.check_text(&text).await;
    for part in [
        "measures",
        "shortcomings",
        "first_responsible",
        "next_year_plan",
    ] {
        assert_eq!(status(&report, part), "present", "{part}");
    }
    assert_eq!(report["compliant"], true);
}

/// A paragraph long enough not to count as an empty part.
const BODY: &str = "区委常委会全年专题研究法治工作3次，区长出庭应诉2次，举办领导干部学法讲座6场，办理行政复议案件41件。";

#[tokio::test]
async fn thematic_headings_before_the_problems_count_as_measures() {
    let app = spawn_app().await;
    let text = &"2024年某区法治政府建设年度报告\n\
        一、坚持党的全面领导，统筹推进法治建设\n{BODY}\n\
        二、强化法治思维，筑牢法治建设根基\n{BODY}\n\
        三、党政主要负责人履行推进法治建设第一责任人职责情况\n{BODY}\n\
        四、存在的不足和原因\n基层执法人员不足，原因是编制有限。{BODY}\n\
        五、2025年工作安排\n{BODY}"
        .replace("{BODY}", BODY);
    let report = app.check_text(text).await;
    assert_eq!(report["compliant"], true, "{report}");
    let measures = part(&report, "measures");
    assert_eq!(measures["sections"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_merged_heading_counts_for_both_parts() {
    let app = spawn_app().await;
    let text = replace_line(
        &fixture("wuxing-2024.txt"),
        "三、存在不足",
        "三、存在的问题及下一步工作打算",
    );
    let text = without_section_text(&text, "四、下一年度主要安排");
    let report = app.check_text(&text).await;
    assert_eq!(status(&report, "shortcomings"), "present");
    assert_eq!(status(&report, "next_year_plan"), "present");
    assert_eq!(
        report["outline"][2]["parts"],
        json!(["shortcomings", "next_year_plan"])
    );
    assert!(findings(&report, "part-missing").is_empty());
}

/// The text without one line.
fn without_section_text(text: &str, line: &str) -> String {
    text.lines()
        .filter(|l| *l != line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn parts_out_of_order_are_a_note_not_an_error() {
    let app = spawn_app().await;
    let lines = lines("xixing-2024.txt");
    let three = lines.iter().position(|l| l.starts_with("三、")).unwrap();
    let four = lines.iter().position(|l| l.starts_with("四、")).unwrap();
    let one = lines.iter().position(|l| l.starts_with("一、")).unwrap();
    let text = [
        &lines[..one],
        &lines[three..four],
        &lines[one..three],
        &lines[four..],
    ]
    .concat()
    .join("\n");
    let report = app.check_text(&text).await;
    assert_eq!(report["compliant"], true);
    let order = findings(&report, "part-order");
    assert_eq!(order.len(), 1);
    assert!(spanned(&text, &order[0]["span"]).starts_with("三、党政主要负责人"));
}

#[tokio::test]
async fn a_report_without_headings_gets_no_structure_and_guessed_parts() {
    let app = spawn_app().await;
    let text: String = fixture("wuxing-2024.txt")
        .lines()
        .filter(|l| {
            !["一、", "二、", "三、", "四、"]
                .iter()
                .any(|n| l.starts_with(n))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let report = app.check_text(&text).await;
    assert_eq!(findings(&report, "no-structure").len(), 1);
    assert!(report["outline"].as_array().unwrap().is_empty());
    assert_eq!(status(&report, "measures"), "embedded");
    assert_eq!(status(&report, "shortcomings"), "missing");
    assert_eq!(report["compliant"], false);
}

#[tokio::test]
async fn an_empty_part_is_an_error() {
    let app = spawn_app().await;
    let text = without_section(
        "xixing-2024.txt",
        "政治建设、法治建设同频推进",
        Some("四、"),
    );
    let report = app.check_text(&text).await;
    let empty = &findings(&report, "part-empty")[0];
    assert_eq!(empty["part"], "first_responsible");
    assert_eq!(
        spanned(&text, &empty["span"]),
        "三、党政主要负责人履行推进法治建设第一责任人职责情况"
    );
    assert_eq!(report["compliant"], false);
}

#[tokio::test]
async fn plans_for_the_wrong_year_are_pointed_at() {
    let app = spawn_app().await;
    let text = replace_line(
        &fixture("xixing-2024.txt"),
        "四、",
        "四、2024年推进法治政府建设的主要安排",
    );
    let report = app.check_text(&text).await;
    let mismatch = findings(&report, "plan-year-mismatch");
    assert_eq!(mismatch.len(), 1);
    assert_eq!(spanned(&text, &mismatch[0]["span"]), "2024");
    assert_eq!(mismatch[0]["suggestion"], "2025");
    assert_eq!(report["compliant"], true);
}

#[tokio::test]
async fn publication_dates_are_checked_against_the_deadline_and_the_year_end() {
    let app = spawn_app().await;
    let text = fixture("xixing-2024.txt");
    let cases = [
        ("2025-03-28", "government", None),
        ("2025-04-01", "government", None),
        ("2025-04-02", "government", Some("published-late")),
        ("2025-03-15", "department", None),
        ("2025-04-02", "department", Some("published-late")),
        ("2024-12-31", "government", Some("published-early")),
    ];
    for (date, kind, rule) in cases {
        let report = app
            .check(json!({"text": text, "published_on": date, "issuer_kind": kind}))
            .await;
        let errors: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert_eq!(
            errors,
            rule.into_iter().collect::<Vec<_>>(),
            "{date} {kind}"
        );
        assert_eq!(report["compliant"], rule.is_none());
    }
}

#[tokio::test]
async fn a_year_given_in_the_request_is_the_report_year() {
    let app = spawn_app().await;
    let text: String = fixture("wuxing-2024.txt")
        .replace("2024年度", "")
        .replace("2024年,", "");
    let unknown = app.check_text(&text).await;
    assert_eq!(unknown["report"]["year"], json!(null));
    assert_eq!(findings(&unknown, "year-unknown").len(), 1);

    let given = app.check(json!({"text": text, "year": 2024})).await;
    assert_eq!(given["report"]["year"], 2024);
    assert_eq!(given["report"]["year_source"], "request");
    assert!(findings(&given, "year-unknown").is_empty());
}

#[tokio::test]
async fn a_text_that_is_no_report_is_told_apart_and_not_judged_as_one() {
    let app = spawn_app().await;
    let text = "今天天气晴朗，气温二十度，市民在公园里散步，孩子们在草地上放风筝。\n\
        傍晚起风，晚上有小雨，气温下降到十二度，出门请注意携带雨具，注意保暖。\n\
        明天多云转晴，适宜外出。";
    let report = app.check_text(text).await;
    assert_eq!(report["compliant"], false);
    assert_eq!(findings(&report, "not-a-report").len(), 1);
    for rule in ["no-structure", "year-unknown", "part-missing"] {
        assert!(findings(&report, rule).is_empty(), "{rule}");
    }
    // Its parts were not looked for: none is present, missing or placed anywhere.
    for part in report["parts"].as_array().unwrap() {
        assert_eq!(part["status"], "not_checked", "{part}");
        assert_eq!(part["sections"], json!([]), "{part}");
        assert_eq!(part["mentions"], json!([]), "{part}");
    }
    // A news item about a report, whose opening reads like part of one.
    let news = "本报讯 3月20日，青山县司法局召开全县法治政府建设工作推进会，总结2024年工作。\n\
        会议指出，主要举措和成效明显，要认真梳理存在的不足，按时报送年度报告。";
    let report = app.check_text(news).await;
    assert_eq!(findings(&report, "not-a-report").len(), 1, "{report}");
    let statuses: Vec<&str> = report["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["not_checked"; 5]);
}

#[tokio::test]
async fn full_width_punctuation_and_crlf_line_ends_read_the_same() {
    let app = spawn_app().await;
    let text = fixture("wuxing-2024.txt")
        .replace(',', "，")
        .replace('\n', "\r\n");
    let report = app.check_text(&text).await;
    assert_eq!(report["compliant"], true);
    // 截止目前 for 截至目前 (wrong-character) and one more.
    assert_eq!(report["summary"]["warning"], 2);
    let order = &findings(&report, "part-order")[0];
    assert_eq!(
        spanned(&text, &order["span"]),
        "一、推进法治政府建设第一责任人履职情况"
    );
}
