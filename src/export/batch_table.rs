//! The collecting office's table of a batch: a row per report (who, what, which year, the
//! verdict, each required part, when it was published and whether late, the counts), and a row
//! per finding on a second sheet.

use super::spreadsheet::{Cell, Sheet};
use crate::facts::parts::PartStatus;
use crate::lang::Lang;
use crate::report::CheckReport;
use crate::report::batch::BatchLine;
use crate::rules::RuleId;

/// The two sheets of a batch's lines (the summary line is left out: the rows count themselves).
pub fn batch_sheets(lines: &[BatchLine], lang: Lang) -> [Sheet; 2] {
    let parts: Vec<(String, String)> = lines
        .iter()
        .find_map(|line| match line {
            BatchLine::Checked { report, .. } => Some(report),
            _ => None,
        })
        .map(|report| {
            report
                .parts
                .iter()
                .filter(|part| part.required)
                .map(|part| (part.part.clone(), part.short_name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let t = |zh: &str, en: &str| lang.pick(zh.to_owned(), en.to_owned());
    let mut header = vec![
        t("文件", "file"),
        t("发布机关", "issuer"),
        t("标题", "title"),
        t("年度", "year"),
        t("结论", "verdict"),
    ];
    header.extend(parts.iter().map(|(_, name)| name.clone()));
    header.extend([
        t("发布日期", "published on"),
        t("逾期", "late"),
        t("错误", "errors"),
        t("警告", "warnings"),
        t("提示", "notes"),
        t("格式问题", "format findings"),
        t("无法读取的原因", "why it could not be read"),
    ]);
    let mut reports = Vec::new();
    let mut findings = Vec::new();
    for line in lines {
        match line {
            BatchLine::Checked { file, report, .. } => {
                reports.push(report_row(file, report, &parts, lang));
                findings.extend(report.findings.iter().map(|finding| {
                    vec![
                        Cell::from(file.as_str()),
                        Cell::from(finding.rule.as_str()),
                        Cell::from(severity(finding.severity, lang)),
                        Cell::from(finding.span.map(|span| span.line)),
                        Cell::from(finding.message.as_str()),
                    ]
                }));
            }
            BatchLine::Failed { file, error } => {
                let mut row = vec![
                    Cell::from(file.as_str()),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ];
                row.push(t("无法读取", "unreadable").into());
                row.extend(std::iter::repeat_n(Cell::Empty, parts.len() + 6));
                row.push(error.detail.clone().into());
                reports.push(row);
            }
            BatchLine::Summary { .. } => {}
        }
    }
    [
        Sheet {
            name: t("报告", "reports"),
            header,
            rows: reports,
        },
        Sheet {
            name: t("问题", "findings"),
            header: vec![
                t("文件", "file"),
                t("规则", "rule"),
                t("级别", "severity"),
                t("行", "line"),
                t("内容", "message"),
            ],
            rows: findings,
        },
    ]
}

fn report_row(
    file: &str,
    report: &CheckReport,
    parts: &[(String, String)],
    lang: Lang,
) -> Vec<Cell> {
    let info = &report.report;
    let verdict = if report.compliant {
        lang.pick("符合", "compliant")
    } else {
        lang.pick("不符合", "not compliant")
    };
    let late = report
        .findings
        .iter()
        .any(|f| f.rule == RuleId::PublishedLate);
    let mut row = vec![
        Cell::from(file),
        Cell::from(info.issuer.clone()),
        Cell::from(info.title.clone()),
        info.year
            .map_or(Cell::Empty, |year| Cell::Number(f64::from(year))),
        Cell::from(verdict),
    ];
    for (id, _) in parts {
        let status = report
            .parts
            .iter()
            .find(|part| &part.part == id)
            .map(|part| status(part.status, lang));
        row.push(Cell::from(status));
    }
    row.extend([
        Cell::from(info.published_on.map(|day| day.to_string())),
        Cell::from(info.published_on.map(|_| {
            if late {
                lang.pick("是", "yes")
            } else {
                lang.pick("否", "no")
            }
        })),
        Cell::from(report.summary.error),
        Cell::from(report.summary.warning),
        Cell::from(report.summary.info),
        Cell::from(format_findings(report)),
        Cell::Empty,
    ]);
    row
}

/// The findings on the Word document's format (GB/T 9704), which a .docx alone has.
fn format_findings(report: &CheckReport) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.rule.as_str().starts_with("format-"))
        .count()
}

fn status(status: PartStatus, lang: Lang) -> &'static str {
    match status {
        PartStatus::Present => lang.pick("有", "present"),
        PartStatus::Embedded => lang.pick("在其他部分中", "embedded"),
        PartStatus::Missing => lang.pick("缺", "missing"),
        PartStatus::NotChecked => lang.pick("未检查", "not checked"),
    }
}

fn severity(severity: crate::rules::Severity, lang: Lang) -> &'static str {
    match severity {
        crate::rules::Severity::Error => lang.pick("错误", "error"),
        crate::rules::Severity::Warning => lang.pick("警告", "warning"),
        crate::rules::Severity::Info => lang.pick("提示", "info"),
    }
}
