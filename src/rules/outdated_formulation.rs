//! Rule `outdated-formulation`; its documentation is `outdated_formulation.md`.

table_rule!(
    OutdatedFormulation,
    about_report: true,
    fixes: false,
    zh: "“{written}”是报告年度已不再使用的提法，现在的规范表述是“{right}”。",
    en: "“{written}” was no longer the formulation in the report's year; it is now “{right}”.",
);

#[cfg(test)]
rule_cases!(
    OutdatedFormulation,
    flags: report_with("坚持以习近平法治思想为指导", "坚持以习近平总书记关于全面依法治国的新理念新思想新战略为指导") => 1,
    silent: report_with("坚持以习近平法治思想为指导", "坚持以习近平法治思想为指导，深入学习贯彻中央全面依法治国工作会议精神"),
);
