//! The sheets a batch adds for the collecting office: the pairs of reports of different units
//! that share much of their text (雷同), and the roster with the report received from each unit.

use super::spreadsheet::{Cell, Sheet};
use crate::lang::Lang;
use crate::report::batch::BatchSummary;

/// The 雷同 sheet, and the roster's when the batch had one.
pub fn collection_sheets(summary: &BatchSummary, lang: Lang) -> Vec<Sheet> {
    let t = |zh: &str, en: &str| lang.pick(zh.to_owned(), en.to_owned());
    let similar = Sheet {
        name: t("雷同", "similar"),
        header: vec![
            t("文件", "file"),
            t("相似文件", "similar file"),
            t("相同比例", "share"),
            t("例句所在文件", "example in"),
            t("例句行", "line"),
            t("例句", "example"),
        ],
        rows: summary
            .similar
            .iter()
            .map(|pair| {
                vec![
                    Cell::from(pair.files[0].as_str()),
                    Cell::from(pair.files[1].as_str()),
                    Cell::Number(pair.shared_share),
                    Cell::from(pair.example.file.as_str()),
                    Cell::from(pair.example.span.line),
                    Cell::from(pair.example.text.as_str()),
                ]
            })
            .collect(),
    };
    let mut sheets = vec![similar];
    if let Some(units) = &summary.roster {
        sheets.push(Sheet {
            name: t("名单", "roster"),
            header: vec![t("单位", "unit"), t("收到的报告", "report received")],
            rows: units
                .iter()
                .map(|(unit, file)| {
                    vec![
                        Cell::from(unit.as_str()),
                        match file {
                            Some(file) => Cell::from(file.as_str()),
                            None => Cell::from(lang.pick("未收到", "not received")),
                        },
                    ]
                })
                .collect(),
        });
    }
    sheets
}
