//! Rule `outdated-formulation`; its documentation is `outdated_formulation.md`.

table_rule!(
    OutdatedFormulation,
    about_report: true,
    zh: "“{written}”是报告年度已不再使用的提法，现在的规范表述是“{right}”。",
    en: "“{written}” was no longer the formulation in the report's year; it is now “{right}”.",
);
