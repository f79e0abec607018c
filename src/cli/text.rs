//! The check report as a clerk reads it: verdict, parts checklist, findings with line numbers.

use std::fmt::Write;

use crate::comparison::Comparison;
use crate::facts::parts::PartStatus;
use crate::lang::Lang;
use crate::report::batch::BatchSummary;
use crate::report::{CheckReport, Severity};

pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "note"),
    }
}

pub fn render(file: &str, report: &CheckReport, lang: Lang) -> String {
    let mut out = String::new();
    let verdict = if report.compliant {
        lang.pick("符合要求", "compliant")
    } else {
        lang.pick("不符合要求", "not compliant")
    };
    let s = report.summary;
    let _ = writeln!(out, "{file}");
    let _ = writeln!(
        out,
        "  {}{verdict}  ({} {}, {} {}, {} {})",
        lang.pick("结论：", "Verdict: "),
        s.error,
        severity_label(Severity::Error, lang),
        s.warning,
        severity_label(Severity::Warning, lang),
        s.info,
        severity_label(Severity::Info, lang),
    );
    let title = report
        .report
        .title
        .as_deref()
        .unwrap_or(lang.pick("（无标题）", "(no title)"));
    let year = report.report.year.map_or_else(
        || lang.pick("年度不明", "year unknown").to_owned(),
        |y| lang.pick(format!("{y}年度"), format!("year {y}")),
    );
    let _ = writeln!(out, "  {}{title} · {year}", lang.pick("报告：", "Report: "));
    let _ = writeln!(out, "  {}", lang.pick("必备部分：", "Required parts:"));
    for part in &report.parts {
        let (mark, place) = match (part.status, part.sections.first(), part.mentions.first()) {
            (PartStatus::Present, Some(section), _) => (
                "✓",
                format!("{} {}", line_label(section.span.line, lang), section.text),
            ),
            (PartStatus::Embedded, _, Some(mention)) => (
                "~",
                format!(
                    "{}{} {}",
                    lang.pick("仅在其他部分中：", "only inside another part: "),
                    line_label(mention.span.line, lang),
                    mention.text
                ),
            ),
            (PartStatus::NotChecked, _, _) => (
                "?",
                lang.pick("未检查（不是年度报告）", "not checked (not a report)")
                    .to_owned(),
            ),
            _ if !part.required => (
                "-",
                lang.pick("未写（非必需）", "absent (optional)").to_owned(),
            ),
            _ => ("✗", lang.pick("缺失", "missing").to_owned()),
        };
        let _ = writeln!(out, "    {mark} {}  {place}", part.short_name);
    }
    if let Some(comparison) = &report.comparison {
        compared(&mut out, comparison, lang);
    }
    if !report.findings.is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("发现的问题：", "Findings:"));
    }
    for finding in &report.findings {
        let place = finding
            .span
            .map(|span| format!("{} ", line_label(span.line, lang)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {place}{}  {} [{}]",
            severity_label(finding.severity, lang),
            finding.message,
            finding.rule
        );
        if let Some(suggestion) = &finding.suggestion {
            let _ = writeln!(
                out,
                "        {}{suggestion}",
                lang.pick("建议：", "Suggestion: ")
            );
        }
    }
    out.push('\n');
    out
}

/// What the report repeats of last year's, and last year's plans with ✓ or ✗.
fn compared(out: &mut String, comparison: &Comparison, lang: Lang) {
    let previous = &comparison.previous;
    let title = previous
        .title
        .as_deref()
        .unwrap_or(lang.pick("（无标题）", "(no title)"));
    let _ = writeln!(
        out,
        "  {}{title}",
        lang.pick("与上一年度报告比对：", "Beside last year's report: ")
    );
    let percent = (comparison.reused_share * 100.0).round();
    let (passages, shortcomings) = (
        comparison.reused.len(),
        comparison.repeated_shortcomings.len(),
    );
    let _ = writeln!(
        out,
        "    {}",
        lang.pick(
            format!("重复上年文字约{percent}%（{passages}段），重复所列不足{shortcomings}条"),
            format!(
                "about {percent}% repeated ({passages} passage(s)), {shortcomings} shortcoming(s) listed again"
            ),
        )
    );
    for item in &comparison.plan_follow_up {
        let (mark, place) = match item.span {
            Some(span) => ("✓", line_label(span.line, lang)),
            None => ("✗", lang.pick("未见落实", "no trace").to_owned()),
        };
        let _ = writeln!(out, "    {mark} {}  {place}", item.opening);
    }
}

fn line_label(line: usize, lang: Lang) -> String {
    lang.pick(format!("第{line}行"), format!("line {line}"))
}

/// The closing table of a run over several files: verdict and counts per file.
pub fn summary_table<'a>(
    reports: impl Iterator<Item = (&'a str, Option<&'a CheckReport>)>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "文件 | 结论 | 错误 | 警告 | 提示",
            "file | verdict | errors | warnings | notes"
        )
    );
    for (file, report) in reports {
        let _ = match report {
            Some(r) => writeln!(
                out,
                "{file} | {} | {} | {} | {}",
                if r.compliant {
                    lang.pick("符合", "compliant")
                } else {
                    lang.pick("不符合", "not compliant")
                },
                r.summary.error,
                r.summary.warning,
                r.summary.info
            ),
            None => writeln!(
                out,
                "{file} | {} | - | - | -",
                lang.pick("无法读取", "unreadable")
            ),
        };
    }
    out
}

/// What the reports of a run share across units, and the roster's gaps.
pub fn collection(summary: &BatchSummary, lang: Lang) -> String {
    let mut out = String::new();
    if !summary.similar.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "\n雷同（不同单位的报告大段相同）：",
                "\nSimilar reports of different units:"
            )
        );
        for pair in &summary.similar {
            let [a, b] = &pair.files;
            let percent = (pair.shared_share * 100.0).round();
            let _ = writeln!(
                out,
                "  {a} ~ {b}  {percent}%  ({} {})",
                pair.example.file,
                line_label(pair.example.span.line, lang)
            );
        }
    }
    if let Some(missing) = &summary.not_received {
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("\n名单中未收到报告：", "\nOn the roster, no report: "),
            if missing.is_empty() {
                lang.pick("无", "none").to_owned()
            } else {
                missing.join("、")
            }
        );
    }
    if let Some(unexpected) = summary.unexpected.as_ref().filter(|u| !u.is_empty()) {
        let listed: Vec<String> = unexpected
            .iter()
            .map(|u| match &u.issuer {
                Some(issuer) => format!("{} ({issuer})", u.file),
                None => u.file.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("不在名单中的报告：", "Reports of units not on the roster: "),
            listed.join("、")
        );
    }
    out
}
