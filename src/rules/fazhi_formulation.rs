//! Rule `fazhi-formulation`; its documentation is `fazhi_formulation.md`.

table_rule!(
    FazhiFormulation,
    about_report: true,
    zh: "“{written}”中的“法制”在这一固定提法里应为“法治”：“{right}”。",
    en: "In the fixed formulation “{written}”, 法制 is 法治 (rule of law): “{right}”.",
);
