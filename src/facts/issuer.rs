//! Who issues the report: its kind (a government or a department) and its level (a township or
//! sub-district), read from the issuer's name in the title, the line under it, the sign-off or
//! the page's metadata (发布机构, 发文机关), so that rules can tell its deadline and what it has
//! the power to do.

use crate::document::Document;
use crate::outline::Outline;
use crate::outline::layout::is_short_unpunctuated;
use crate::ruleset::{IssuerKind, RuleSet};

/// The longest line under the title that is taken for the issuer's name.
const NAME_MAX_CHARS: usize = 24;
/// Where the issuer's name in a title ends: at the year or the subject.
const NAME_ENDS: [&str; 6] = ["关于", "法治", "年度", "依法", "全面", "推进"];

/// The kind the first of the issuer's `names` with a known ending shows; a government when
/// none does.
pub fn kind(rules: &RuleSet, names: &[&str]) -> IssuerKind {
    let suffixes = &rules.data.layout.issuer_suffixes;
    let ends = |name: &str, words: &[String]| words.iter().any(|w| name.ends_with(w.as_str()));
    names
        .iter()
        .find_map(|name| {
            if name.starts_with("中共") || ends(name, &suffixes.government) {
                Some(IssuerKind::Government)
            } else if ends(name, &suffixes.department) {
                Some(IssuerKind::Department)
            } else {
                None
            }
        })
        .unwrap_or_default()
}

/// The index of the first level of the rule set whose markers the title, sign-off or opening
/// sentence carries, or whose endings one of the issuer's `names` has.
pub fn level(
    document: &Document,
    outline: &Outline,
    rules: &RuleSet,
    title: Option<&str>,
    names: &[&str],
) -> Option<usize> {
    // The issuer's name decides when it is known: a city's report that speaks of 乡镇（街道）
    // is still a city's.
    if !names.is_empty() {
        return rules.issuer_levels.iter().position(|level| {
            names.iter().any(|name| {
                level.markers.is_match(name)
                    || level
                        .spec
                        .suffixes
                        .iter()
                        .any(|suffix| name.ends_with(suffix.as_str()))
            })
        });
    }
    let mut places: Vec<&str> = Vec::new();
    places.extend(title);
    if let Some(range) = outline.layout.sign_off_range(document) {
        places.push(document.text(range));
    }
    if let Some(first) = outline.paragraphs().iter().find(|p| p.heading.is_none()) {
        let text = document.text(first.range);
        let sentence = text.find('。').map_or(text, |end| &text[..end]);
        places.push(sentence);
    }
    // The level's own name (乡镇（街道）) is a mention of townships, not the issuer.
    rules.issuer_levels.iter().position(|level| {
        places.iter().any(|place| {
            level
                .markers
                .is_match(&place.replace(level.spec.name.as_str(), ""))
        })
    })
}

/// The issuer's name as the title starts with it ("某某市卫生健康委员会2024年……"), a short line
/// under the title ("某某市生态环境局"), the sign-off's first line, and the value of a metadata
/// label (发布机构: | 某某街道 |). The page's label comes last: the report's own words say who
/// issues it before the portal that posted it does.
pub fn names<'a>(
    document: &'a Document,
    outline: &Outline,
    rules: &RuleSet,
    title: Option<&'a str>,
) -> Vec<&'a str> {
    let mut names = Vec::new();
    if let Some(title) = title {
        let end = NAME_ENDS
            .iter()
            .filter_map(|word| title.find(word))
            .chain(title.find(|c: char| c.is_ascii_digit()))
            .min()
            .unwrap_or(title.len());
        names.push(title[..end].trim());
    }
    if let Some(first) = outline.paragraphs().first() {
        let line = document.text(first.range).trim();
        if is_short_unpunctuated(line, NAME_MAX_CHARS) && first.heading.is_none() {
            names.push(line);
        }
    }
    if let Some(range) = outline.layout.sign_off_range(document) {
        names.extend(
            document
                .text(range)
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty()),
        );
    }
    names.extend(
        outline
            .layout
            .labelled_values(document, rules, &rules.issuer_labels)
            .into_iter()
            .map(|value| {
                document
                    .text(value.range)
                    .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|'))
            })
            .filter(|name| is_short_unpunctuated(name, NAME_MAX_CHARS)),
    );
    names.retain(|name| !name.is_empty());
    names
}

#[cfg(test)]
mod tests {
    use crate::engine::{Engine, Input};
    use crate::report::CheckReport;
    use crate::rules::{CheckOptions, RuleId};
    use crate::ruleset::IssuerKind;

    /// A report on 2024 under the page's metadata rows, its title naming no issuer.
    fn report(metadata: &str, title: &str) -> CheckReport {
        let text = format!(
            "{metadata}\n{title}\n\
             一、2024年推进法治政府建设的主要举措和成效\n审查规范性文件16件，办理行政复议案件85件。\n\
             二、存在的不足和原因\n基层法治力量较为薄弱，究其原因，主要是培训投入不足。\n\
             三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人专题研究法治工作4次。\n\
             四、2025年推进法治政府建设的主要安排\n继续深化行政执法改革。\n"
        );
        Engine::default()
            .check_input(Input::Text(text), &CheckOptions::default())
            .expect("the text can be checked")
    }

    fn late(report: &CheckReport) -> bool {
        report
            .findings
            .iter()
            .any(|f| f.rule == RuleId::PublishedLate)
    }

    #[test]
    fn a_portals_issuer_label_names_the_issuer_when_the_report_does_not() {
        let checked = report(
            "索引号: | 0012/2025-0031 | 主题分类: | 司法 |\n发布机构: | 青山街道 | 公开方式: | 主动公开 |",
            "2024年青山街道法治政府建设工作报告",
        );
        assert_eq!(checked.report.issuer.as_deref(), Some("青山街道"));
        let checked = report(
            "发文机关：青山县司法局\n发布日期：2025-03-15",
            "2024年法治政府建设年度报告",
        );
        assert_eq!(checked.report.issuer.as_deref(), Some("青山县司法局"));
        assert_eq!(checked.report.issuer_kind, IssuerKind::Department);
        // A department publishes by 1 April, like a government (督察规定).
        assert!(!late(&checked), "published on 15 March, in time");
        let unnamed = report("发布日期：2025-03-15", "2024年法治政府建设年度报告");
        assert_eq!(unnamed.report.issuer, None);
        assert_eq!(unnamed.report.issuer_kind, IssuerKind::Government);
        let department_late = report(
            "发文机关：青山县司法局\n发布日期：2025-04-10",
            "2024年法治政府建设年度报告",
        );
        assert!(late(&department_late), "published on 10 April, late");
    }

    #[test]
    fn the_reports_own_name_for_its_issuer_wins_over_the_portals() {
        let checked = report(
            "发布机构：青山县司法局 发布日期：2025-03-15",
            "青山县人民政府2024年法治政府建设年度报告",
        );
        assert_eq!(checked.report.issuer.as_deref(), Some("青山县人民政府"));
        assert!(
            !late(&checked),
            "a government's report posted by its 司法局"
        );
    }
}
