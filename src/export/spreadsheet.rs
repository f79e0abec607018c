//! A sheet of cells, written as .xlsx (SpreadsheetML in a zip, strings inline, a bold frozen
//! header with filters, columns wide enough for Chinese text) or as CSV (UTF-8 with a byte order
//! mark, so Excel reads it as UTF-8; RFC 4180 quoting).

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(number) => number.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// Display width in columns: a Chinese character takes two.
    fn width(&self) -> usize {
        self.text()
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum()
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<usize> for Cell {
    fn from(number: usize) -> Self {
        Cell::Number(number as f64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Column widths in Excel's units: the widest cell, within bounds.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

pub fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_owned(),
            content_types(sheets.len()),
        ),
        ("_rels/.rels".to_owned(), PACKAGE_RELS.to_owned()),
        ("xl/workbook.xml".to_owned(), workbook(sheets)),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".to_owned(), STYLES.to_owned()),
    ];
    for (index, sheet) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", index + 1),
            worksheet(sheet),
        ));
    }
    super::zip_package(
        parts
            .iter()
            .map(|(name, part)| (name.as_str(), part.as_bytes())),
    )
}

pub fn csv(sheet: &Sheet) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let header = sheet
        .header
        .iter()
        .map(|h| Cell::Text(h.clone()))
        .collect::<Vec<_>>();
    for row in std::iter::once(&header).chain(&sheet.rows) {
        let fields: Vec<String> = row.iter().map(|cell| csv_field(&cell.text())).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// Style 0 is the default; style 1 is the bold header.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

fn content_types(sheets: usize) -> String {
    let overrides: String = (1..=sheets)
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
    )
}

fn workbook(sheets: &[Sheet]) -> String {
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                escape(&sheet.name),
                i + 1,
                i + 1
            )
        })
        .collect();
    let filters: String = sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            format!(
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!$A$1:${}${}</definedName>"#,
                escape(&sheet.name),
                column(sheet.header.len().max(1) - 1),
                sheet.rows.len() + 1
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets><definedNames>{filters}</definedNames></workbook>"#
    )
}

fn workbook_rels(sheets: usize) -> String {
    let sheet_rels: String = (1..=sheets)
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheet_rels}<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    )
}

fn worksheet(sheet: &Sheet) -> String {
    let columns = sheet.header.len().max(1);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            let header = sheet
                .header
                .get(c)
                .map_or(0, |h| Cell::from(h.as_str()).width());
            let widest = sheet
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(Cell::width)
                .max();
            (header.max(widest.unwrap_or(0)) + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect();
    let cols: String = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            format!(
                r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
                i + 1
            )
        })
        .collect();
    let mut data = String::new();
    let header: Vec<Cell> = sheet.header.iter().map(|h| Cell::Text(h.clone())).collect();
    for (r, row) in std::iter::once(&header).chain(&sheet.rows).enumerate() {
        data.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{}", column(c), r + 1);
            let style = if r == 0 { r#" s="1""# } else { "" };
            match cell {
                Cell::Text(text) => data.push_str(&format!(
                    r#"<c r="{reference}"{style} t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(text)
                )),
                Cell::Number(number) => {
                    data.push_str(&format!(r#"<c r="{reference}"{style}><v>{number}</v></c>"#))
                }
                Cell::Empty => {}
            }
        }
        data.push_str("</row>");
    }
    let last = format!("{}{}", column(columns - 1), sheet.rows.len() + 1);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>{cols}</cols><sheetData>{data}</sheetData><autoFilter ref="A1:{last}"/></worksheet>"#
    )
}

/// A column's letters: 0 → A, 25 → Z, 26 → AA.
fn column(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// XML text, without the characters XML 1.0 cannot carry.
fn escape(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .collect();
    quick_xml::escape::escape(&clean).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_letters_them() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_starts_with_a_bom() {
        let sheet = Sheet {
            name: "s".into(),
            header: vec!["文件".into(), "消息".into()],
            rows: vec![vec!["a,b.docx".into(), "说“是”\n".into()]],
        };
        let text = String::from_utf8(csv(&sheet)).unwrap();
        assert_eq!(text, "\u{FEFF}文件,消息\r\n\"a,b.docx\",\"说“是”\n\"\r\n");
    }
}
