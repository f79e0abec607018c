//! Rule `wrong-character`; its documentation is `wrong_character.md`.

table_rule!(
    WrongCharacter,
    about_report: false,
    fixes: true,
    zh: "“{written}”疑为“{right}”之误。",
    en: "“{written}” looks like a slip for “{right}”.",
);

#[cfg(test)]
rule_cases!(
    WrongCharacter,
    flags: report_with("审查县政府行政规范性文件16件", "截止2024年底，审查县政府行政规范性文件16件") => 1,
    silent: report_with("审查县政府行政规范性文件16件", "截至2024年底，审查县政府行政规范性文件16件"),
);
