//! Engine-level helpers for rule tests, like harper's `assert_lint_count`: check a text with the
//! embedded rule set and count one rule's findings.

use std::sync::LazyLock;

use super::{CheckOptions, Finding, RuleId};
use crate::engine::{Engine, Input};
use crate::report::CheckReport;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::default);

/// The check report on `text`.
pub fn check(text: &str, options: &CheckOptions) -> CheckReport {
    ENGINE
        .check_input(Input::Text(text.to_owned()), options)
        .expect("a text within the limits can always be checked")
}

/// The findings of `rule` on `text`, with `options` (the rule itself enabled).
pub fn findings_with(text: &str, rule: RuleId, mut options: CheckOptions) -> Vec<Finding> {
    options.enable.push(rule);
    check(text, &options)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// A rule's two engine-level cases: a text it must flag (so many times) and a near miss it must
/// leave alone. Texts may use [`REPORT`] and [`report_with`].
macro_rules! rule_cases {
    ($rule:ident, flags: $flagged:expr => $count:expr, silent: $silent:expr $(,)?) => {
        mod cases {
            #[allow(unused_imports)]
            use crate::rules::testing::{REPORT, assert_findings, report_with};

            #[test]
            fn flags_what_it_checks() {
                assert_findings(&$flagged, crate::rules::RuleId::$rule, $count);
            }

            #[test]
            fn stays_silent_on_a_near_miss() {
                assert_findings(&$silent, crate::rules::RuleId::$rule, 0);
            }
        }
    };
}

/// Asserts how many findings `rule` reports on `text` with the default options.
#[track_caller]
pub fn assert_findings(text: &str, rule: RuleId, count: usize) {
    let found = findings_with(text, rule, CheckOptions::default());
    assert_eq!(
        found.len(),
        count,
        "{rule} on:\n{text}\nfound: {:#?}",
        found.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// A complete report on 2024 in the canonical order, written for these tests in the style of
/// published ones: each rule's test changes one thing in it.
pub const REPORT: &str = "\
青山县2024年法治政府建设年度报告

县委、县政府：
2024年，青山县坚持以习近平法治思想为指导，深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，现将有关情况报告如下。

一、2024年推进法治政府建设的主要举措和成效
（一）依法全面履行政府职能。深化“放管服”改革，公布权责清单事项3120项，政务服务事项网上可办率达到98.6%，办理企业开办业务1450件。
（二）健全依法行政制度体系。审查县政府行政规范性文件16件，清理规章和规范性文件42件，重大行政决策事项全部经过合法性审查。
（三）严格规范公正文明执法。开展行政执法案卷评查2次，评查案卷260卷，组织执法人员培训12场、参训560人次，全面推行行政执法三项制度。
（四）强化行政权力制约和监督。办理行政复议案件85件，纠错率为11.8%，行政机关负责人出庭应诉率达到100%。

二、2024年推进法治政府建设存在的不足和原因
一是部分单位依法行政意识有待增强，个别执法人员程序意识不强。二是基层法治力量较为薄弱，乡镇法治审核人员不足。究其原因，主要是法治学习培训的针对性不够，基层法治队伍建设投入不足。

三、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次，县长带头述法，出庭应诉2次。

四、2025年推进法治政府建设的主要安排
2025年，我县将持续深化法治政府建设：一是健全依法决策机制，严格落实重大行政决策程序；二是加强行政执法队伍建设，开展执法人员轮训；三是加强基层法治力量，配齐乡镇法治审核人员。

青山县人民政府
2025年3月20日
";

/// [`REPORT`] with `from` replaced by `to` (which must be there).
pub fn report_with(from: &str, to: &str) -> String {
    assert!(REPORT.contains(from), "the test report has {from:?}");
    REPORT.replacen(from, to, 1)
}

#[test]
fn the_test_report_is_clean_for_every_rule() {
    let mut options = CheckOptions {
        profile: super::Profile::Strict,
        ..CheckOptions::default()
    };
    options.enable = RuleId::ALL.to_vec();
    let report = ENGINE
        .check_input(Input::Text(REPORT.to_owned()), &options)
        .unwrap();
    let noisy: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule != RuleId::MeasuresCoverage)
        .map(|f| (f.rule, &f.message))
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    assert!(report.compliant);
}
