//! What a seasoned reviewer checks beyond the part headings: the title, years and dates that
//! agree, citations, the sign-off and addressee, and the depth of each part.

use serde_json::{Value, json};

use crate::common::{findings, fixture, spanned};
use crate::helpers::{TestApp, spawn_app};

/// A short but complete district report that every rule accepts, even in the strict profile.
const SOUND: &str = "某某区2025年度法治政府建设情况报告
市委、市政府：
2025年，某某区坚持以习近平法治思想为指导，深入推进依法行政。现将2025年法治政府建设情况报告如下。
一、2025年推进法治政府建设的主要举措和成效
（一）深化行政执法改革。全面落实行政执法三项制度，全年办理行政处罚案件1260件，开展执法监督检查32次。
（二）规范重大行政决策。坚持重大行政决策合法性审查，审查决策事项48件，法律顾问参与论证56次。
（三）化解矛盾纠纷。人民调解组织调解矛盾纠纷3200件，行政复议案件办结126件。
二、2025年推进法治政府建设存在的不足和原因
（一）行政执法规范化水平有待提升，个别执法人员程序意识不强。
（二）基层法治力量仍然薄弱，法治专业人员不足。
究其原因，主要是对法治队伍建设投入不够。
三、2025年党政主要负责人履行推进法治建设第一责任人职责情况
区委书记、区长带头学法，主持区委常委会会议、区政府常务会议专题研究法治工作6次，区长出庭应诉2次。
四、2026年推进法治政府建设的主要安排
一是深化行政执法规范化建设；二是加强法治队伍建设；三是推进矛盾纠纷多元化解。
某某区人民政府
2026年3月20日";

/// The sound report with one passage replaced.
fn with(from: &str, to: &str) -> String {
    assert!(SOUND.contains(from), "{from}");
    SOUND.replacen(from, to, 1)
}

async fn check(app: &TestApp, text: &str, options: Value) -> Value {
    let mut body = json!({"text": text});
    body.as_object_mut()
        .unwrap()
        .extend(options.as_object().unwrap().clone());
    app.check(body).await
}

fn rules_found(report: &Value) -> Vec<&str> {
    crate::common::rules_of(report)
}

#[tokio::test]
async fn a_sound_report_passes_every_check_in_both_profiles() {
    let app = spawn_app().await;
    for profile in ["default", "strict"] {
        let report = check(&app, SOUND, json!({"profile": profile})).await;
        assert_eq!(rules_found(&report), ["measures-coverage"], "{profile}");
    }
}

#[tokio::test]
async fn a_title_without_year_called_a_work_summary_gets_one_finding_per_gap() {
    let app = spawn_app().await;
    let text = with(
        "某某区2025年度法治政府建设情况报告",
        "某某区法治政府建设工作总结",
    );
    let report = check(&app, &text, json!({"year": 2025})).await;
    let found = findings(&report, "title-malformed");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0]["message"].as_str().unwrap().contains("年度"));
    assert!(found[1]["message"].as_str().unwrap().contains("工作总结"));
    assert_eq!(
        spanned(&text, &found[0]["span"]),
        "某某区法治政府建设工作总结"
    );
    assert_eq!(found[0]["suggestion"], "××2025年度法治政府建设情况报告");

    // A title given in the request is checked the same way.
    let body = SOUND.replacen("某某区2025年度法治政府建设情况报告\n", "", 1);
    let report = check(&app, &body, json!({"title": "某某区2025年度工作报告"})).await;
    let found = findings(&report, "title-malformed");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("法治政府建设")
    );
    assert!(found[0]["span"].is_null());
}

#[tokio::test]
async fn a_missing_title_or_sign_off_matters_only_to_the_strict_profile() {
    let app = spawn_app().await;
    let text = with("某某区2025年度法治政府建设情况报告\n", "")
        .replace("某某区人民政府\n2026年3月20日", "");
    let drafter = check(&app, &text, json!({})).await;
    assert!(findings(&drafter, "title-missing").is_empty());
    assert!(findings(&drafter, "sign-off-missing").is_empty());
    let office = check(&app, &text, json!({"profile": "strict"})).await;
    assert_eq!(findings(&office, "title-missing").len(), 1);
    assert_eq!(findings(&office, "sign-off-missing").len(), 1);
    assert_eq!(
        findings(&office, "title-missing")[0]["suggestion"],
        "××2025年度法治政府建设情况报告"
    );

    // A sign-off with a date but no issuer.
    let text = with("某某区人民政府\n", "");
    let office = check(&app, &text, json!({"profile": "strict", "lang": "en"})).await;
    let found = findings(&office, "sign-off-missing");
    assert_eq!(found[0]["message"], "The sign-off lacks the issuer.");
    assert_eq!(spanned(&text, &found[0]["span"]), "2026年3月20日");
}

#[tokio::test]
async fn a_part_headed_with_last_years_year_is_found() {
    let app = spawn_app().await;
    let text = with("一、2025年推进", "一、2024年推进");
    let report = check(&app, &text, json!({})).await;
    let found = findings(&report, "year-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(spanned(&text, &found[0]["span"]), "2024");
    assert_eq!(found[0]["suggestion"], "2025");
    assert_eq!(found[0]["span"]["line"], 4);

    // The request's year against the title and the opening.
    let report = check(&app, SOUND, json!({"year": 2026})).await;
    let lines: Vec<u64> = findings(&report, "year-mismatch")
        .iter()
        .map(|f| f["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        lines,
        [1, 3, 3, 4, 8, 12],
        "title, opening (twice), three headings"
    );
}

#[tokio::test]
async fn dates_in_the_text_are_held_to_the_deadline_and_the_year_end() {
    let app = spawn_app().await;
    let text = with("2026年3月20日", "二〇二六年四月十五日");
    let report = check(&app, &text, json!({})).await;
    let late = findings(&report, "published-late");
    assert_eq!(late.len(), 1);
    assert_eq!(spanned(&text, &late[0]["span"]), "二〇二六年四月十五日");
    assert!(
        late[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("落款日期2026-04-15")
    );

    let text = format!(
        "索引号: | 0001/2025-01 | 主题分类: | 司法 |\n成文日期: | 2025-12-20 | 发布日期: | 2026-01-05 |\n{SOUND}"
    );
    let report = check(&app, &text, json!({})).await;
    let early = findings(&report, "published-early");
    assert_eq!(early.len(), 1, "{early:?}");
    assert_eq!(spanned(&text, &early[0]["span"]), "2025-12-20");
    assert!(
        early[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("成文日期2025-12-20")
    );

    // A department signs on 20 March and publishes by 1 April, as a government does; it
    // submits by 1 March, which only the office system's date tells.
    let report = check(&app, SOUND, json!({"issuer_kind": "department"})).await;
    assert_eq!(findings(&report, "published-late").len(), 0);
    let report = check(
        &app,
        SOUND,
        json!({"issuer_kind": "department", "submitted_on": "2026-03-05"}),
    )
    .await;
    let late = findings(&report, "published-late");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(
        late[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("报送日期2026-03-05晚于2025年度报告的报送期限2026-03-01")
    );
    assert_eq!(late[0]["basis"]["id"], "ducha");
}

#[tokio::test]
async fn a_wrong_document_number_is_corrected_and_other_outlines_are_left_alone() {
    let app = spawn_app().await;
    let text = with(
        "深入推进依法行政。",
        "认真落实《法治政府建设与责任落实督察工作规定》（厅字〔2019〕18号）和《法治社会建设实施纲要（2020—2025年）》，对照《法治政府建设实施纲要（2021—2025年）》（中发〔2021〕33号）。",
    );
    let report = check(&app, &text, json!({})).await;
    let found = findings(&report, "citation-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(spanned(&text, &found[0]["span"]), "厅字〔2019〕18号");
    assert_eq!(found[0]["suggestion"], "厅字〔2019〕28号");
    assert_eq!(found[0]["basis"]["id"], "ducha");
}

#[tokio::test]
async fn an_addressee_must_be_where_the_report_goes() {
    let app = spawn_app().await;
    let speech = with("市委、市政府：", "各位代表、各位委员：");
    let report = check(&app, &speech, json!({})).await;
    let found = findings(&report, "addressee-mismatch");
    assert_eq!(found.len(), 1);
    assert_eq!(spanned(&speech, &found[0]["span"]), "各位代表、各位委员：");

    // A department reports to its government, not to the Party committee alone.
    let department = with("市委、市政府：", "区委：");
    let report = check(&app, &department, json!({"issuer_kind": "department"})).await;
    assert_eq!(findings(&report, "addressee-mismatch").len(), 1);
    let to_government = with("市委、市政府：", "区人民政府：");
    let report = check(&app, &to_government, json!({"issuer_kind": "department"})).await;
    assert!(findings(&report, "addressee-mismatch").is_empty());
}

#[tokio::test]
async fn a_first_responsible_part_that_only_restates_the_duty_is_found() {
    let app = spawn_app().await;
    let restated = with(
        "区委书记、区长带头学法，主持区委常委会会议、区政府常务会议专题研究法治工作6次，区长出庭应诉2次。",
        "区委、区政府高度重视法治建设，切实履行第一责任人职责，把法治建设摆在全局工作的重要位置。",
    );
    let report = check(&app, &restated, json!({})).await;
    let found = findings(&report, "first-responsible-shallow");
    assert_eq!(found.len(), 1);
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("没有写明党委、政府主要负责人") && message.contains("只重申"),
        "{message}"
    );
    assert_eq!(found[0]["part"], "first_responsible");
    assert_eq!(found[0]["span"]["line"], 12);

    // Only the Party head: fine for a department, not for a committee-and-government pair.
    let party_only = with("区委书记、区长带头学法", "区委书记带头学法")
        .replace("区长出庭应诉2次", "出庭应诉2次");
    let report = check(&app, &party_only, json!({})).await;
    let message = findings(&report, "first-responsible-shallow")[0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("没有写政府"), "{message}");
    let report = check(&app, &party_only, json!({"issuer_kind": "department"})).await;
    assert!(findings(&report, "first-responsible-shallow").is_empty());
}

#[tokio::test]
async fn one_vague_shortcoming_is_too_few() {
    let app = spawn_app().await;
    let text = with(
        "（一）行政执法规范化水平有待提升，个别执法人员程序意识不强。\n（二）基层法治力量仍然薄弱，法治专业人员不足。",
        "对照上级要求，我区法治政府建设工作还存在一定差距。",
    );
    let report = check(&app, &text, json!({"lang": "en"})).await;
    let found = findings(&report, "shortcomings-too-few");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("states 1 concrete")
    );
}

#[tokio::test]
async fn a_sub_district_claiming_a_legislative_weakness_is_found() {
    let shortcoming = "（二）基层法治力量仍然薄弱，法治专业人员不足。";
    let borrowed = "（二）地方立法质量有待提高，立法项目论证不够充分。";
    let app = spawn_app().await;
    let district = with(shortcoming, borrowed);
    let report = check(&app, &district, json!({})).await;
    assert!(
        findings(&report, "shortcoming-beyond-powers").is_empty(),
        "a district may say it"
    );

    let sub_district = district
        .replace("某某区2025年度", "某某街道2025年度")
        .replace("某某区人民政府\n", "某某区人民政府某某街道办事处\n");
    let report = check(&app, &sub_district, json!({})).await;
    // One finding for the one sentence, at the first word beyond its powers.
    let found = findings(&report, "shortcoming-beyond-powers");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(spanned(&sub_district, &found[0]["span"]), "地方立法");
}

#[tokio::test]
async fn the_coverage_of_xixing_names_the_areas_its_measures_discuss() {
    let app = spawn_app().await;
    let report = app.check_text(&fixture("xixing-2024.txt")).await;
    let coverage = &report["report"]["coverage"];
    let covered: Vec<&str> = coverage["areas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["covered"] == true)
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        covered,
        [
            "functions",
            "decisions",
            "enforcement",
            "disputes",
            "technology",
            "leadership"
        ]
    );
    assert_eq!(coverage["part"], "measures");
    assert!(coverage["figures_per_1000_chars"].as_f64().unwrap() > 10.0);
    let note = &findings(&report, "measures-coverage")[0];
    assert_eq!(note["severity"], "info");
    assert!(
        note["message"]
            .as_str()
            .unwrap()
            .contains("9个任务领域中的6个")
    );

    // A report without a measures part has no coverage.
    let report = app.check_text("一、存在的不足和原因\n执法力量不足。").await;
    assert!(report["report"]["coverage"].is_null());
}

#[tokio::test]
async fn measures_of_slogans_are_found() {
    let app = spawn_app().await;
    let slogans = "坚持高位推动，强化责任落实，持续深化依法行政，不断提升法治化水平，推动法治政府建设迈上新台阶。";
    let text = SOUND
        .lines()
        .map(|line| {
            if line.starts_with('（') && line.contains("件") && !line.contains("不足") {
                slogans
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let report = check(&app, &text, json!({})).await;
    let found = findings(&report, "measures-without-figures");
    assert_eq!(found.len(), 1, "{}", report["findings"]);
    assert_eq!(report["report"]["coverage"]["figures"], 0);
}

#[tokio::test]
async fn plans_that_repeat_the_year_are_found() {
    let app = spawn_app().await;
    let text = with(
        "一是深化行政执法规范化建设；二是加强法治队伍建设；三是推进矛盾纠纷多元化解。",
        "今年以来共开展法治讲座12场。\n人民调解组织调解矛盾纠纷3200件，行政复议案件办结126件。\n加强法治队伍建设。",
    );
    let report = check(&app, &text, json!({})).await;
    let found = findings(&report, "plan-restates-year");
    assert_eq!(found.len(), 1, "{}", report["findings"]);
    assert_eq!(
        spanned(&text, &found[0]["span"]),
        "今年以来共开展法治讲座12场。"
    );
}
