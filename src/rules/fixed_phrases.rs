//! The rules over the rule set's table of formulations share this: each entry's pattern found
//! line by line, left alone inside a right phrase that contains it, outside the years it is
//! wrong in, or where the text already says it right; each finding suggests the right form and
//! gives the entry's source as its basis.

use crate::lang::Lang;
use crate::ruleset::formulations::CompiledFormulation;
use crate::text::is_han;

use super::{Analysis, Findings, RuleId};

/// What a rule says of one slip: the words as written, and the right form.
pub type Message = fn(Lang, &str, &str) -> String;

/// A rule over the table: its struct, whether it judges a report's content, and its message
/// with `{written}` and `{right}`, in Chinese and English.
macro_rules! table_rule {
    ($rule:ident, about_report: $about:expr, fixes: $fixes:expr, zh: $zh:literal, en: $en:literal $(,)?) => {
        pub struct $rule;

        impl super::Rule for $rule {
            const ABOUT_REPORT: bool = $about;
            const FIXES: bool = $fixes;

            fn check(analysis: &super::Analysis, out: &mut super::Findings) {
                super::fixed_phrases::check(
                    analysis,
                    out,
                    super::RuleId::$rule,
                    |lang, written, right| {
                        lang.pick(
                            format!($zh, written = written, right = right),
                            format!($en, written = written, right = right),
                        )
                    },
                );
            }
        }
    };
}

pub fn check(analysis: &Analysis, out: &mut Findings, rule: RuleId, message: Message) {
    let year = analysis.year().map(|y| y.year);
    let entries: Vec<(usize, &CompiledFormulation)> = analysis
        .rules
        .formulations
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.spec.rule == rule.as_str() && entry.applies_in(year))
        .collect();
    if entries.is_empty() {
        return;
    }
    let document = analysis.document;
    for hits in analysis.formulation_hits() {
        let line = document.line(hits.line);
        let text = document.text(line.range());
        for &(index, entry) in &entries {
            if !hits.patterns.contains(&index) {
                continue;
            }
            for found in entry.pattern.captures_iter(text) {
                let whole = found.get(0).expect("group 0 is the match");
                if whole.is_empty() || inside_right_phrase(text, whole.range(), &entry.spec.unless)
                {
                    continue;
                }
                let range = line.range().sub(whole.range());
                let mut right = String::new();
                found.expand(&entry.spec.right, &mut right);
                let written = document.original_text(range);
                let exists = |titles: &[String]| titles.is_empty() || titles.contains(&right);
                if same_words(written, whole.as_str(), &right) || !exists(&entry.spec.right_among) {
                    continue;
                }
                if out.is_full() {
                    out.count();
                    continue;
                }
                out.report(message(analysis.lang(), written, &right))
                    .at(range)
                    .replace_with(right)
                    .basis_of(entry.basis())
                    .push();
            }
        }
    }
}

/// Whether one of the right phrases covers the match: 法制宣传日 around 法制宣传.
fn inside_right_phrase(text: &str, found: std::ops::Range<usize>, unless: &[String]) -> bool {
    unless.iter().any(|phrase| {
        text.match_indices(phrase.as_str())
            .any(|(at, _)| at <= found.start && found.end <= at + phrase.len())
    })
}

/// Whether the text already has the right form: character for character, a Traditional
/// character counting as the Simplified one it normalises to.
fn same_words(written: &str, normalized: &str, right: &str) -> bool {
    written.chars().count() == right.chars().count()
        && written
            .chars()
            .zip(normalized.chars())
            .zip(right.chars())
            .all(|((original, simplified), right)| {
                original == right || (simplified == right && is_han(original))
            })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings_with, report_with};
    use super::super::{CheckOptions, RuleId};
    use crate::ruleset::RuleSet;

    /// One entry of the embedded table: a sentence with the wrong form and the right form
    /// suggested, a report year in which the wrong form was still right (when it has one), and
    /// a near miss that must stay unflagged. A sentence starting with a line break is a line of
    /// its own.
    struct Case {
        entry: &'static str,
        rule: RuleId,
        wrong: &'static str,
        right: &'static str,
        not_wrong_in: Option<i32>,
        near_miss: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            entry: "xin-linian-xin-sixiang",
            rule: RuleId::OutdatedFormulation,
            wrong: "深入学习贯彻习近平总书记关于全面依法治国的新理念新思想新战略。",
            right: "习近平法治思想",
            not_wrong_in: Some(2019),
            near_miss: "深入学习贯彻习近平法治思想，坚持全面依法治国。",
        },
        Case {
            entry: "xinfang-tiaoli",
            rule: RuleId::OutdatedFormulation,
            wrong: "严格执行《信访条例》，信访事项按期办结率达到98%。",
            right: "《信访工作条例》",
            not_wrong_in: Some(2021),
            near_miss: "严格执行《信访工作条例》，信访事项按期办结率达到98%。",
        },
        Case {
            entry: "fazhi-ribao",
            rule: RuleId::OutdatedFormulation,
            wrong: "我县经验被法制日报刊发。",
            right: "法治日报",
            not_wrong_in: Some(2019),
            near_miss: "我县经验被法治日报刊发。",
        },
        Case {
            entry: "qiwu-pufa-dangqian",
            rule: RuleId::OutdatedFormulation,
            wrong: "深入推进“七五”普法，开展送法下乡活动40场。",
            right: "深入推进“八五”普法",
            not_wrong_in: Some(2020),
            near_miss: "完成“七五”普法总结验收，启动“八五”普法，开展送法下乡活动40场。",
        },
        Case {
            entry: "xianfa-ri",
            rule: RuleId::OutdatedFormulation,
            wrong: "围绕“12·4”全国法制宣传日开展集中宣传。",
            right: "国家宪法日",
            not_wrong_in: Some(2013),
            near_miss: "围绕“12·4”国家宪法日开展集中宣传。",
        },
        Case {
            entry: "juece-fazhihua",
            rule: RuleId::FazhiFormulation,
            wrong: "推进行政决策科学化、民主化、法制化。",
            right: "民主化、法治化",
            not_wrong_in: Some(2014),
            near_miss: "重大行政执法决定法制审核率达到100%，推进行政决策科学化、民主化、法治化。",
        },
        Case {
            entry: "fazhi-xuanchuan-jiaoyu",
            rule: RuleId::FazhiFormulation,
            wrong: "开展法制宣传进机关、进乡村活动26场。",
            right: "法治宣传",
            not_wrong_in: Some(2015),
            near_miss: "县司法局法制机构负责重大行政执法决定法制审核，全年审核86件。",
        },
        Case {
            entry: "tuijin-fazhi-zhengfu",
            rule: RuleId::WrongCharacter,
            wrong: "全力推荐法治政府建设各项任务落地见效。",
            right: "推进法治政府建设",
            not_wrong_in: None,
            near_miss: "向市里推荐法治政府建设示范项目2个。",
        },
        Case {
            entry: "qieshi-jiaqiang",
            rule: RuleId::WrongCharacter,
            wrong: "确实加强行政执法监督。",
            right: "切实加强",
            not_wrong_in: None,
            near_miss: "经过整改，执法监督确实加强了，投诉减少三成。",
        },
        Case {
            entry: "jiezhi-shijian",
            rule: RuleId::WrongCharacter,
            wrong: "截止2024年底，全县共有执法人员560名。",
            right: "截至2024年",
            not_wrong_in: None,
            near_miss: "申报工作到2024年11月底截止，全县共有执法人员560名。",
        },
        Case {
            entry: "bushu",
            rule: RuleId::WrongCharacter,
            wrong: "县政府专题布署法治政府建设工作。",
            right: "部署",
            not_wrong_in: None,
            near_miss: "县政府专题部署法治政府建设工作，合理布局执法站所。",
        },
        Case {
            entry: "dangwei-dunhao",
            rule: RuleId::EnumerationPunctuation,
            wrong: "在镇党、委政府的领导下，各村完成法律顾问全覆盖。",
            right: "镇党委、",
            not_wrong_in: None,
            near_miss: "在镇党委、政府的领导下，党、政、群各部门协同推进。",
        },
        Case {
            entry: "niandu-pozhehao",
            rule: RuleId::EnumerationPunctuation,
            wrong: "制定《青山县法治政府建设规划（20212025年）》。",
            right: "（2021—2025年）",
            not_wrong_in: None,
            near_miss: "制定《青山县法治政府建设规划（2021—2025年）》，电话（0571）88000000。",
        },
        Case {
            entry: "xuhao-kuohao",
            rule: RuleId::EnumerationPunctuation,
            wrong: "\n五)加强行政复议工作。全年办理复议案件85件。",
            right: "（五）",
            not_wrong_in: None,
            near_miss: "\n（五）加强行政复议工作。全年办理复议案件85件，其中一)类案件不再单列。",
        },
        Case {
            entry: "gangyao-biaoti",
            rule: RuleId::BasisTitleInexact,
            wrong: "对照《法治中国建设规划(2020-2025年)》逐项落实。",
            right: "《法治中国建设规划（2020—2025年）》",
            not_wrong_in: None,
            near_miss: "对照《法治中国建设规划（2020—2025年）》和法治政府建设实施纲要逐项落实。",
        },
    ];

    const ANCHOR: &str = "办理行政复议案件85件，纠错率为11.8%，行政机关负责人出庭应诉率达到100%。";

    fn report_saying(sentence: &str) -> String {
        report_with(ANCHOR, &format!("{ANCHOR}{sentence}"))
    }

    fn findings(case: &Case, text: &str, year: Option<i32>) -> Vec<super::super::Finding> {
        let options = CheckOptions {
            year,
            ..CheckOptions::default()
        };
        findings_with(text, case.rule, options)
    }

    #[test]
    fn every_entry_flags_its_wrong_form_where_it_is_wrong_and_not_elsewhere() {
        for case in CASES {
            let wrong = report_saying(case.wrong);
            let found = findings(case, &wrong, None);
            assert_eq!(found.len(), 1, "{}: {found:#?}", case.entry);
            assert!(
                found[0]
                    .suggestion
                    .as_deref()
                    .is_some_and(|s| s.contains(case.right)),
                "{}: {:?}",
                case.entry,
                found[0].suggestion
            );
            assert_eq!(
                found[0].basis.as_ref().map(|b| b.id.as_str()),
                Some(case.entry)
            );
            if let Some(year) = case.not_wrong_in {
                let earlier = findings(case, &wrong, Some(year));
                assert!(earlier.is_empty(), "{} in {year}: {earlier:#?}", case.entry);
            }
            let near_miss = findings(case, &report_saying(case.near_miss), None);
            assert!(near_miss.is_empty(), "{}: {near_miss:#?}", case.entry);
        }
    }

    #[test]
    fn every_entry_of_the_embedded_table_has_a_case() {
        let rules = RuleSet::embedded();
        let ids: Vec<&str> = rules
            .formulations
            .iter()
            .map(|f| f.spec.id.as_str())
            .collect();
        let cased: Vec<&str> = CASES.iter().map(|c| c.entry).collect();
        assert_eq!(ids, cased);
    }

    #[test]
    fn a_formulation_already_written_right_in_traditional_script_is_not_flagged() {
        let case = CASES.iter().find(|c| c.entry == "gangyao-biaoti").unwrap();
        let text = report_saying("對照《法治中國建設規劃（2020—2025年）》逐項落實。");
        assert!(findings(case, &text, None).is_empty());
    }
}
