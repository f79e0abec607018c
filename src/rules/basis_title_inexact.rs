//! Rule `basis-title-inexact`; its documentation is `basis_title_inexact.md`.

table_rule!(
    BasisTitleInexact,
    about_report: false,
    fixes: true,
    zh: "文件名称“{written}”与原文不一致，应为“{right}”。",
    en: "The document's title “{written}” differs from the original: “{right}”.",
);

#[cfg(test)]
rule_cases!(
    BasisTitleInexact,
    flags: report_with("《法治政府建设实施纲要（2021—2025年）》", "《法治政府建设实施纲要(2021-2025年)》") => 1,
    silent: REPORT,
);
