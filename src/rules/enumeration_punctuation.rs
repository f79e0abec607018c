//! Rule `enumeration-punctuation`; its documentation is `enumeration_punctuation.md`.

table_rule!(
    EnumerationPunctuation,
    about_report: false,
    fixes: true,
    zh: "“{written}”的标点位置有误，应为“{right}”。",
    en: "The punctuation of “{written}” is misplaced; it is “{right}”.",
);

#[cfg(test)]
rule_cases!(
    EnumerationPunctuation,
    flags: report_with("县委、县政府：", "县党、委政府：") => 1,
    silent: report_with("县委、县政府：", "县党委、政府："),
);
