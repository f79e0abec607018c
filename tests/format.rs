//! The Word format rules (issue 33) on real .docx files made by `scripts/make_format_fixtures.py`:
//! a report laid out exactly per GB/T 9704-2012 gets no format finding, each variant gets the
//! one finding of its deviation, at its place, and nothing else changes; text formats get none;
//! a province's profile changes the verdicts without a rebuild.

use std::path::{Path, PathBuf};

use nianbao::{CheckOptions, CheckReport, Engine, FormatProfile, Input, RuleSet};

const FORMAT_RULES: [&str; 5] = [
    "format-page",
    "format-title",
    "format-body",
    "format-headings",
    "format-page-number",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format")
        .join(name)
}

fn check_with(engine: &Engine, name: &str) -> CheckReport {
    let bytes = std::fs::read(fixture(name)).unwrap();
    engine
        .check_input(
            Input::Bytes {
                bytes,
                media_type: None,
            },
            &CheckOptions::default(),
        )
        .unwrap()
}

fn check(name: &str) -> CheckReport {
    check_with(&Engine::default(), name)
}

/// The format findings: rule, message, the text where it is, the paragraphs it covers.
fn format_findings(report: &CheckReport) -> Vec<(String, String, Option<String>, Vec<usize>)> {
    let json = serde_json::to_value(report).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| FORMAT_RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
                f["context"]["text"].as_str().map(str::to_owned),
                f["paragraphs"]
                    .as_array()
                    .map(|p| p.iter().map(|i| i.as_u64().unwrap() as usize).collect())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// The other findings, by rule: a variant differs from the correct document in format only.
fn other_rules(report: &CheckReport) -> Vec<String> {
    let json = serde_json::to_value(report).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .filter(|rule| !FORMAT_RULES.contains(&rule.as_str()))
        .collect()
}

#[test]
fn a_report_laid_out_per_gbt_9704_has_no_format_finding() {
    let report = check("gbt9704.docx");
    assert_eq!(format_findings(&report), []);
}

/// Each variant: its one finding, of this rule, whose message says this.
#[track_caller]
fn one_finding(name: &str, rule: &str, says: &str) -> (Option<String>, Vec<usize>) {
    let report = check(name);
    let found = format_findings(&report);
    assert_eq!(found.len(), 1, "{name}: {found:#?}");
    let (found_rule, message, place, paragraphs) = found.into_iter().next().unwrap();
    assert_eq!(found_rule, rule, "{name}");
    assert!(message.contains(says), "{name}: {message}");
    assert_eq!(
        other_rules(&report),
        other_rules(&check("gbt9704.docx")),
        "{name}: only the format differs"
    );
    (place, paragraphs)
}

#[test]
fn word_default_margins_are_one_finding_about_the_page() {
    let (place, paragraphs) = one_finding(
        "margins-word-default.docx",
        "format-page",
        "上边距25.4毫米（应为37毫米）",
    );
    assert_eq!((place, paragraphs), (None, vec![]));
}

#[test]
fn a_body_in_songti_xiaosi_is_one_finding_listing_every_paragraph() {
    let (place, paragraphs) = one_finding(
        "body-songti-xiaosi.docx",
        "format-body",
        "正文8段为宋体小四，应为三号仿宋_GB2312",
    );
    assert!(place.unwrap().contains("2024年，松林县坚持"));
    // Four paragraphs of text and four headings run into theirs.
    assert_eq!(paragraphs.len(), 8);
}

#[test]
fn a_body_without_indent_is_one_finding() {
    one_finding("body-no-indent.docx", "format-body", "首行没有缩进2个字符");
}

#[test]
fn single_spacing_is_one_finding() {
    // python-docx's template, as Word's, spaces lines 1.15 times.
    one_finding(
        "body-single-spacing.docx",
        "format-body",
        "行距为1.15倍行距",
    );
}

#[test]
fn a_title_in_songti_aligned_left_is_one_finding_at_the_title() {
    let (place, paragraphs) = one_finding(
        "title-songti-left.docx",
        "format-title",
        "为宋体三号，应为二号方正小标宋简体，没有居中",
    );
    assert!(place.unwrap().contains("松林县2024年法治政府建设年度报告"));
    assert_eq!(paragraphs, [0]);
}

#[test]
fn first_level_headings_in_the_body_font_are_one_finding() {
    let (place, paragraphs) = one_finding(
        "headings-in-body-font.docx",
        "format-headings",
        "“一、”级标题4处为仿宋_GB2312三号，应为三号黑体",
    );
    assert!(place.unwrap().contains("一、2024年推进"));
    assert_eq!(paragraphs.len(), 4);
}

#[test]
fn a_bare_centred_page_number_is_one_finding() {
    one_finding(
        "page-number-bare.docx",
        "format-page-number",
        "页码两侧没有一字线",
    );
}

#[test]
fn a_number_on_the_right_of_every_page_is_one_finding() {
    // GB/T 9704: even pages' numbers stand on the left; one footer puts them all on the right.
    one_finding(
        "page-number-right-only.docx",
        "format-page-number",
        "页码没有单页居右、双页居左",
    );
}

#[test]
fn no_page_number_is_one_finding() {
    one_finding(
        "page-number-missing.docx",
        "format-page-number",
        "页脚没有页码",
    );
}

#[test]
fn a_text_has_no_format_and_no_format_finding() {
    let engine = Engine::default();
    let report = engine
        .check_input(
            Input::Text(
                "松林县2024年法治政府建设年度报告\n一、主要举措\n全年办理案件93件。".into(),
            ),
            &CheckOptions::default(),
        )
        .unwrap();
    assert_eq!(format_findings(&report), []);
}

#[test]
fn a_provinces_profile_changes_the_verdicts_without_a_rebuild() {
    // Level 3 bold, page numbers centred, a top margin of 35 mm.
    let profile = FormatProfile::from_file(&fixture("province-profile.json")).unwrap();
    let engine = Engine::new(RuleSet::embedded().with_format_profile(profile)).unwrap();
    let found = format_findings(&check_with(&engine, "gbt9704.docx"));
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    // Those without a place come first.
    assert_eq!(
        rules,
        ["format-page", "format-page-number", "format-headings"],
        "{found:#?}"
    );
    assert!(
        found[2].1.contains("“1.”级标题2处为仿宋_GB2312三号未加粗"),
        "{}",
        found[2].1
    );
    assert!(found[1].1.contains("页码没有居中"), "{}", found[1].1);
    let bare = format_findings(&check_with(&engine, "page-number-bare.docx"));
    assert!(bare.iter().all(|f| !f.1.contains("没有居中")), "{bare:#?}");
}

#[test]
fn the_word_answer_carries_the_format_findings_as_comments() {
    let out = std::env::temp_dir().join(format!("nianbao-format-{}.docx", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--annotate", out.to_str().unwrap()])
        .arg(fixture("margins-word-default.docx"))
        .output()
        .unwrap();
    assert!(status.status.code().is_some_and(|c| c <= 1), "{status:?}");
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut comments = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/comments.xml").unwrap(),
        &mut comments,
    )
    .unwrap();
    // The page setup, about the whole document, is noted at its start.
    assert!(
        comments.contains("上边距25.4毫米（应为37毫米）"),
        "{comments}"
    );
    assert!(comments.contains("规则：format-page"), "{comments}");
}

#[test]
fn an_invalid_profile_stops_start_up_naming_the_pointer() {
    let profile = std::fs::read_to_string(fixture("province-profile.json"))
        .unwrap()
        .replace("\"size_pt\": 22", "\"size_pt\": \"二号\"");
    let file = std::env::temp_dir().join(format!("nianbao-profile-{}.json", std::process::id()));
    std::fs::write(&file, profile).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("NIANBAO_FORMAT_PROFILE", &file)
        .output()
        .unwrap();
    std::fs::remove_file(file).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("/title/size_pt"), "{message}");
}

#[test]
fn a_profile_may_want_1_period_rather_than_1_comma() {
    let text = "松林县2024年法治政府建设年度报告\n一、主要举措和成效\n（一）依法行政\n1、严格执法监督。评查案卷286卷。\n2、强化复议应诉。办理复议案件93件。\n";
    let count = |engine: &Engine| {
        let report = engine
            .check_input(Input::Text(text.to_owned()), &CheckOptions::default())
            .unwrap();
        let json = serde_json::to_value(report).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "heading-numbering")
            .map(|f| f["suggestion"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // GB/T 9704 writes 1., but 1、 is common and the default profile accepts it.
    assert_eq!(count(&Engine::default()), Vec::<String>::new());
    let strict = std::fs::read_to_string(fixture("province-profile.json"))
        .unwrap()
        .replacen("{", "{\"numbering\": {\"arabic_period\": true},", 1);
    let profile = FormatProfile::from_json_str(&strict).unwrap();
    let engine = Engine::new(RuleSet::embedded().with_format_profile(profile)).unwrap();
    assert_eq!(count(&engine), ["1.", "2."]);
}
