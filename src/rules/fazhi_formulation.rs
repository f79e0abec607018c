//! Rule `fazhi-formulation`; its documentation is `fazhi_formulation.md`.

table_rule!(
    FazhiFormulation,
    about_report: true,
    fixes: true,
    zh: "“{written}”中的“法制”在这一固定提法里应为“法治”：“{right}”。",
    en: "In the fixed formulation “{written}”, “法制” (legal system) is “法治” (rule of law): “{right}”.",
);

#[cfg(test)]
rule_cases!(
    FazhiFormulation,
    flags: report_with("组织执法人员培训12场", "开展法制宣传12场") => 1,
    silent: report_with("组织执法人员培训12场", "落实重大执法决定法制审核12件"),
);
