//! Rule `first-responsible-shallow`; its documentation is `first_responsible_shallow.md`.

use crate::ruleset::IssuerKind;
use crate::text::figures;

use super::{Analysis, Findings, Need, Rule};
use crate::ruleset::Facet;

pub struct FirstResponsibleShallow;

/// The rule set's facets of the part: leaders named jointly, the Party head, the government
/// head, and duties carried out.
const WHO: Facet = Facet::Who;
const WHO_PARTY: Facet = Facet::WhoParty;
const WHO_GOVERNMENT: Facet = Facet::WhoGovernment;
const WHAT: Facet = Facet::What;
/// Set phrases of the duty, left out before the others are looked for.
const SLOGANS: Facet = Facet::Slogans;

impl Rule for FirstResponsibleShallow {
    const NEEDS: &'static [Need] = &[
        Need::Facet(WHO),
        Need::Facet(WHO_PARTY),
        Need::Facet(WHO_GOVERNMENT),
        Need::Facet(WHAT),
    ];

    fn check(analysis: &Analysis, out: &mut Findings) {
        for (part, spec) in analysis.rules.indexed_parts() {
            if spec.facet(WHAT).is_none() {
                continue;
            }
            // The part's own heading repeats the duty's name; the body must say who did what.
            let ranges = analysis.part_body(part);
            if ranges.is_empty() {
                continue;
            }
            let texts: Vec<&str> = ranges.iter().map(|r| analysis.document.text(*r)).collect();
            // A duty quoted (落实“重要工作亲自部署……”要求) or said as a set phrase (一把手工程,
            // 关键少数, 领导干部带头尊法学法守法用法) names no one and reports nothing done.
            let without_slogans = |text: &str| match spec.facet(SLOGANS) {
                Some(slogans) => slogans.erase(text),
                None => text.to_owned(),
            };
            let acts: Vec<String> = texts
                .iter()
                .map(|t| without_slogans(&unquoted(t)))
                .collect();
            // Leaders are looked for in the quotations too (“一把手”末位表态制度 names the head).
            let said: Vec<String> = texts.iter().map(|t| without_slogans(t)).collect();
            let names = |facet: Facet| {
                spec.facet(facet)
                    .is_some_and(|words| said.iter().any(|t| words.is_match(t)))
            };
            let (party, government) = (names(WHO_PARTY), names(WHO_GOVERNMENT));
            let lang = analysis.lang();
            let mut problems = Vec::new();
            let names_leaders = names(WHO)
                || (party && government)
                || (analysis.facts.issuer_kind == IssuerKind::Department && (party || government));
            if !names_leaders {
                problems.push(match (party, government) {
                    (true, _) => lang.pick(
                        "只写了党委（党工委）主要负责人，没有写政府（办事处）主要负责人怎样履职",
                        "it names the Party head but not how the government head fulfilled the duty",
                    ),
                    (_, true) => lang.pick(
                        "只写了政府（办事处）主要负责人，没有写党委（党工委）主要负责人怎样履职",
                        "it names the government head but not how the Party head fulfilled the duty",
                    ),
                    _ => lang.pick(
                        "没有写明党委、政府主要负责人是谁",
                        "it does not name the Party and government heads",
                    ),
                });
            }
            let units = &analysis.rules.data.coverage.figure_units;
            let did_something = spec
                .facet(WHAT)
                .is_some_and(|words| acts.iter().any(|t| words.is_match(t)))
                || texts.iter().any(|t| figures::count(t, units) > 0);
            if !did_something {
                problems.push(lang.pick(
                    "只重申了第一责任人职责，没有写亲自部署、专题研究、会前学法、述法、出庭应诉等具体履职情况和次数",
                    "it restates the duty without anything done: no meetings, study sessions, reporting on rule of law or court appearances, and no counts",
                ));
            }
            if problems.is_empty() {
                continue;
            }
            let name = analysis.part_name(part);
            let message = lang.pick(
                format!("“{name}”{}。", problems.join("；")),
                format!("“{name}”: {}.", problems.join("; ")),
            );
            let suggestion = lang.pick(
                "写明党政主要负责人（党委和政府各自的主要负责人）亲自部署、亲自过问、亲自协调、亲自督办的具体事项，召开常务会议专题研究的次数，会前学法、述法和出庭应诉情况。",
                "Name the Party and government heads and what each did in person, with counts: meetings that studied rule-of-law work, study before meetings, year-end reporting on rule of law, court appearances.",
            );
            out.report(message).at_part(part).suggest(suggestion).push();
        }
    }
}

/// The text without what stands between “ and ”.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
rule_cases!(
    FirstResponsibleShallow,
    flags: report_with("县委书记、县长认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次，县长带头述法，出庭应诉2次。", "县委、县政府高度重视法治建设，切实履行推进法治建设第一责任人职责。") => 1,
    silent: REPORT,
);

#[cfg(test)]
mod depth {
    use crate::rules::RuleId;
    use crate::rules::testing::{assert_findings, report_with};

    const PART: &str = "县委书记、县长认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、重大问题亲自过问。县政府常务会议专题研究法治政府建设工作4次，开展会前学法12次，县长带头述法，出庭应诉2次。";

    #[test]
    fn slogans_alone_report_nothing_done() {
        let slogans = report_with(
            PART,
            "县委、县政府把法治建设作为“一把手”工程，落实“重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办”要求，抓住“关键少数”。",
        );
        assert_findings(&slogans, RuleId::FirstResponsibleShallow, 1);
        // The same slogans beside what the heads did.
        let acts = report_with(
            PART,
            "县委、县政府落实“重要工作亲自部署、重大问题亲自过问”要求。县委书记主持县委常委会会议专题研究法治建设3次，县长带头述法。",
        );
        assert_findings(&acts, RuleId::FirstResponsibleShallow, 0);
    }

    /// The one finding on the report with `part`, whose message says each of `said`.
    fn one_finding_saying(part: &str, said: &[&str]) {
        let found = crate::rules::testing::findings_with(
            &report_with(PART, part),
            RuleId::FirstResponsibleShallow,
            Default::default(),
        );
        assert_eq!(found.len(), 1, "{part}");
        for words in said {
            assert!(found[0].message.contains(words), "{}", found[0].message);
        }
    }

    #[test]
    fn set_phrases_unquoted_name_no_one_and_report_nothing_done() {
        let no_one = "没有写明党委、政府主要负责人是谁";
        one_finding_saying(
            "县委、县政府把法治建设作为一把手工程，抓住领导干部这个关键少数，落实四个亲自要求，推动领导干部带头尊法学法守法用法。",
            &[no_one, "没有写亲自部署"],
        );
        one_finding_saying(
            "县委、县政府把法治建设作为“一把手”工程，抓住领导干部这个“关键少数”，推动领导干部带头尊法学法守法用法。",
            &[no_one],
        );
        // The same phrases beside heads who did something.
        let acts = report_with(
            PART,
            "县委、县政府把法治建设作为一把手工程，抓住关键少数。县委书记主持县委常委会会议专题研究法治建设3次，县长带头述法。",
        );
        assert_findings(&acts, RuleId::FirstResponsibleShallow, 0);
    }

    #[test]
    fn heads_named_by_their_office_are_named() {
        let province = report_with(PART, "省委书记主持省委常委会会议专题研究法治建设6次。省长主持省政府常务会议12次，会前学法12次。")
            .replace("青山县", "青山省");
        assert_findings(&province, RuleId::FirstResponsibleShallow, 0);
        // A department has one head to name.
        let department = report_with(
            PART,
            "厅长主持厅务会议专题研究法治工作5次，带头出庭应诉1次。",
        )
        .replacen("青山县2024年", "青山省交通运输厅2024年", 1);
        assert_findings(&department, RuleId::FirstResponsibleShallow, 0);
        // A government names both.
        let one_head = report_with(PART, "县长主持县政府常务会议专题研究法治工作5次。");
        assert_findings(&one_head, RuleId::FirstResponsibleShallow, 1);
    }
}
