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

#[cfg(test)]
mod periods_that_exist {
    use crate::rules::testing::{findings_with, report_with};
    use crate::rules::{CheckOptions, RuleId};

    #[test]
    fn a_title_for_a_period_that_does_not_exist_is_not_suggested() {
        let text = report_with(
            "《法治政府建设实施纲要（2021—2025年）》",
            "《法治政府建设实施纲要(2022-2025)》",
        );
        let inexact = findings_with(&text, RuleId::BasisTitleInexact, CheckOptions::default());
        assert!(inexact.is_empty(), "{inexact:#?}");
        // The years are wrong, and the citation's finding names the real title.
        let years = findings_with(&text, RuleId::CitationMismatch, CheckOptions::default());
        assert_eq!(years.len(), 1, "{years:#?}");
    }
}
