//! .docx: paragraphs in order (table cells included), headings from styles and outline levels,
//! and the numbers Word generates itself (`w:numPr`), written out as the reader sees them.

use std::collections::{HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::xml::{attr, entity, local};
use super::zipped::Container;
use super::{ExtractError, Extracted, Format, Limits};

/// What a paragraph style says: its outline level (0 = top) and its numbering.
#[derive(Debug, Clone, Default)]
struct Style {
    outline: Option<usize>,
    numbering: Option<(String, usize)>,
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: usize,
}

#[derive(Debug, Default)]
struct Numbering {
    /// numId → abstractNumId.
    instances: HashMap<String, String>,
    /// abstractNumId → its levels by ilvl.
    abstracts: HashMap<String, HashMap<usize, Level>>,
    /// Counters per abstractNumId and level.
    counters: HashMap<String, [usize; 9]>,
}

pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut container = Container::open(bytes, Format::Docx, limits)?;
    let document = container
        .text("word/document.xml")?
        .ok_or_else(|| malformed("word/document.xml is missing"))?;
    let paragraphs = parse_paragraphs(&document)?;
    let used: HashSet<&str> = paragraphs
        .iter()
        .filter_map(|p| p.style.as_deref())
        .collect();
    // Word writes a styles.xml of 350 KB for any document; the format needs its defaults and
    // the styles in use (the cascade), so it is inflated once, here, for both readers.
    let styles_xml = container.text("word/styles.xml")?;
    let styles = match &styles_xml {
        Some(xml) if !used.is_empty() => parse_styles(xml, &used)?,
        _ => HashMap::new(),
    };
    let numbered = paragraphs.iter().any(|p| p.numbering.is_some())
        || styles.values().any(|s| s.numbering.is_some());
    let mut numbering = if numbered {
        read_part(&mut container, "word/numbering.xml", parse_numbering)?
    } else {
        Numbering::default()
    };
    let mut text = String::new();
    let mut heading_levels = Vec::new();
    let mut line_paragraphs = Vec::new();
    let mut paragraph_starts = Vec::with_capacity(paragraphs.len());
    let mut chars = 0;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let style = paragraph.style.as_ref().and_then(|id| styles.get(id));
        let numbered = paragraph
            .numbering
            .clone()
            .or_else(|| style.and_then(|s| s.numbering.clone()));
        let number = numbered
            .map(|(id, level)| numbering.next(&id, level))
            .unwrap_or_default();
        let outline = paragraph.outline.or_else(|| style.and_then(|s| s.outline));
        if let Some(level) = outline.filter(|&l| l < 9 && !paragraph.text.trim().is_empty()) {
            heading_levels.push((line_paragraphs.len(), level + 1));
        }
        paragraph_starts.push(chars + number.chars().count());
        let line = format!("{number}{}", paragraph.text);
        for piece in line.split('\n') {
            text.push_str(piece);
            text.push('\n');
            chars += piece.chars().count() + 1;
            line_paragraphs.push(index);
        }
    }
    let mut format = super::docx_format::read(&mut container, &document, styles_xml.as_deref())?;
    format.lines = line_paragraphs.clone();
    let mut extracted = Extracted::new(text, Format::Docx);
    extracted.word_format = Some(format);
    extracted.heading_levels = heading_levels;
    extracted.line_paragraphs = Some(line_paragraphs);
    extracted.paragraph_starts = Some(paragraph_starts);
    Ok(extracted)
}

/// A part of the package read by `parse`, or its empty value when the package has none.
fn read_part<T: Default>(
    container: &mut Container,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, ExtractError>,
) -> Result<T, ExtractError> {
    match container.text(name)? {
        Some(xml) => parse(&xml),
        None => Ok(T::default()),
    }
}

fn malformed(reason: &str) -> ExtractError {
    ExtractError::Malformed {
        format: Format::Docx,
        reason: reason.to_owned(),
    }
}

fn xml_error(error: quick_xml::Error) -> ExtractError {
    malformed(&format!("broken XML ({error})"))
}

#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    outline: Option<usize>,
    numbering: Option<(String, usize)>,
}

/// Every `w:p` in document order, with its text, style, outline level and numbering.
fn parse_paragraphs(xml: &str) -> Result<Vec<Paragraph>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    let mut num_id: Option<String> = None;
    let mut ilvl = 0usize;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if is(&e, "p") => {
                current = Some(Paragraph::default());
                num_id = None;
                ilvl = 0;
            }
            Event::Empty(e) if is(&e, "p") => paragraphs.push(Paragraph::default()),
            Event::Start(e) => match local(&e) {
                "t" => in_text = true,
                _ => paragraph_property(&e, current.as_mut(), &mut num_id, &mut ilvl),
            },
            Event::Empty(e) => {
                if let Some(p) = current.as_mut() {
                    match local(&e) {
                        "tab" => p.text.push('\t'),
                        "br" | "cr" if attr(&e, "type").is_none_or(|t| t == "textWrapping") => {
                            p.text.push('\n')
                        }
                        _ => {}
                    }
                }
                paragraph_property(&e, current.as_mut(), &mut num_id, &mut ilvl);
            }
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let (Some(p), Some(text)) = (current.as_mut(), entity(&r)) {
                    p.text.push_str(&text);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "numPr" => {
                    if let (Some(p), Some(id)) = (current.as_mut(), num_id.take()) {
                        // numId 0 switches numbering off.
                        p.numbering = (id != "0").then_some((id, ilvl));
                    }
                }
                "p" => paragraphs.extend(current.take()),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(paragraphs)
}

fn is(element: &BytesStart, name: &str) -> bool {
    element.local_name().as_ref() == name
}

fn paragraph_property(
    element: &BytesStart,
    paragraph: Option<&mut Paragraph>,
    num_id: &mut Option<String>,
    ilvl: &mut usize,
) {
    let Some(paragraph) = paragraph else { return };
    match local(element) {
        "pStyle" => paragraph.style = attr(element, "val"),
        "outlineLvl" => paragraph.outline = attr(element, "val").and_then(|v| v.parse().ok()),
        "numId" => *num_id = attr(element, "val"),
        "ilvl" => {
            *ilvl = attr(element, "val")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        }
        _ => {}
    }
}

/// Paragraph styles: outline levels from `w:outlineLvl` or a heading name (Heading 1, 标题 1),
/// and numbering from the style's `w:numPr`. Only the styles in `used` are read: Word writes
/// hundreds it offers (a 350 KB styles.xml for a 20 KB document), and those no paragraph has
/// are passed over whole, as are the latent styles.
fn parse_styles(xml: &str, used: &HashSet<&str>) -> Result<HashMap<String, Style>, ExtractError> {
    // Word writes the `w` prefix: its styles are found by substring search and only those in use
    // parsed. Another prefix (no Word writes one, but XML allows it) is parsed whole.
    if !xml.contains("<w:styles") {
        return parse_style_elements(xml, used);
    }
    let mut styles = HashMap::new();
    for element in super::docx_format::styles::elements(xml) {
        if super::docx_format::styles::style_id(element).is_some_and(|id| used.contains(id)) {
            styles.extend(parse_style_elements(element, used)?);
        }
    }
    Ok(styles)
}

/// The styles of `xml` (a styles.xml, or one style element of it) that are in `used`.
fn parse_style_elements(
    xml: &str,
    used: &HashSet<&str>,
) -> Result<HashMap<String, Style>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    let mut num_id: Option<String> = None;
    let mut ilvl = 0usize;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if is(&e, "latentStyles") => {
                reader.read_to_end(e.name()).map_err(xml_error)?;
            }
            Event::Start(e) if is(&e, "style") => {
                current = attr(&e, "styleId")
                    .filter(|id| used.contains(id.as_str()))
                    .map(|id| (id, Style::default()));
                if current.is_none() {
                    reader.read_to_end(e.name()).map_err(xml_error)?;
                }
                num_id = None;
                ilvl = 0;
            }
            Event::Start(e) | Event::Empty(e) => {
                if let Some((_, style)) = current.as_mut() {
                    match local(&e) {
                        "name" if style.outline.is_none() => {
                            style.outline = attr(&e, "val").and_then(|n| heading_level(&n));
                        }
                        "outlineLvl" => {
                            style.outline = attr(&e, "val").and_then(|v| v.parse().ok())
                        }
                        "numId" => num_id = attr(&e, "val"),
                        "ilvl" => ilvl = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "numPr" => {
                if let (Some((_, style)), Some(id)) = (current.as_mut(), num_id.take()) {
                    style.numbering = (id != "0").then_some((id, ilvl));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// "heading 2" or "标题 2" → 1 (outline levels count from 0).
fn heading_level(name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let level: usize = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then(|| level - 1)
}

/// Characters of a numbering level's text (`w:lvlText`, "第%1部分") that are read.
const MAX_LEVEL_TEXT_CHARS: usize = 64;

fn parse_numbering(xml: &str) -> Result<Numbering, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut numbering = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(usize, Level)> = None;
    let mut num_id: Option<String> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => match local(&e) {
                "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                "lvl" => {
                    let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                "start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.format = attr(&e, "val").unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = level.as_mut() {
                        // Word's own dialog allows far less; a longer one is a bomb, not a label.
                        l.text = attr(&e, "val")
                            .unwrap_or_default()
                            .chars()
                            .take(MAX_LEVEL_TEXT_CHARS)
                            .collect();
                    }
                }
                "num" => num_id = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(id), Some(target)) = (num_id.clone(), attr(&e, "val")) {
                        numbering.instances.insert(id, target);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "lvl" => {
                    if let (Some(id), Some((ilvl, l))) = (abstract_id.as_ref(), level.take()) {
                        numbering
                            .abstracts
                            .entry(id.clone())
                            .or_default()
                            .insert(ilvl, l);
                    }
                }
                "abstractNum" => abstract_id = None,
                "num" => num_id = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(numbering)
}

impl Numbering {
    /// The number Word shows for the next paragraph of numbering `num_id` at level `ilvl`.
    fn next(&mut self, num_id: &str, ilvl: usize) -> String {
        let ilvl = ilvl.min(8);
        let Some(abstract_id) = self.instances.get(num_id).cloned() else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(&abstract_id) else {
            return String::new();
        };
        let counters = self.counters.entry(abstract_id).or_insert([0; 9]);
        let start = |l: usize| levels.get(&l).map_or(1, |level| level.start);
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl] + 1
        };
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        let Some(level) = levels.get(&ilvl) else {
            return String::new();
        };
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let mut text = level.text.clone();
        for l in (0..=ilvl).rev() {
            let value = counters[l].max(start(l));
            let format = levels.get(&l).map_or("decimal", |x| x.format.as_str());
            text = text.replace(&format!("%{}", l + 1), &format_number(value, format));
        }
        text
    }
}

fn format_number(value: usize, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "japaneseCounting"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(value),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => value
            .to_string()
            .chars()
            .map(|d| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(d.to_digit(10).unwrap_or(0) as usize)
                    .unwrap_or('〇')
            })
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&value) => {
            char::from_u32(0x2460 + value as u32 - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => value
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d))
            .collect(),
        "lowerLetter" => letter(value, b'a'),
        "upperLetter" => letter(value, b'A'),
        _ => value.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 100 and above in digits.
fn chinese(value: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match value {
        0..=9 => DIGITS[value].to_owned(),
        10..=19 => format!("十{}", if value == 10 { "" } else { DIGITS[value - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[value / 10],
            if value.is_multiple_of(10) {
                ""
            } else {
                DIGITS[value % 10]
            }
        ),
        _ => value.to_string(),
    }
}

fn letter(value: usize, base: u8) -> String {
    let index = (value.max(1) - 1) % 26;
    char::from(base + index as u8).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let numbers: Vec<String> = [1, 4, 10, 11, 20, 23].iter().map(|&n| chinese(n)).collect();
        assert_eq!(numbers, ["一", "四", "十", "十一", "二十", "二十三"]);
    }

    #[test]
    fn a_numbering_text_bomb_is_cut_to_a_label() {
        let bomb = "%1".repeat(270_000);
        let xml = format!(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{bomb}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        );
        let mut numbering = parse_numbering(&xml).unwrap();
        let label = numbering.next("1", 0);
        assert_eq!(label, "1".repeat(MAX_LEVEL_TEXT_CHARS / 2));
    }

    #[test]
    fn heading_style_names_give_levels() {
        assert_eq!(heading_level("heading 1"), Some(0));
        assert_eq!(heading_level("标题 2"), Some(1));
        assert_eq!(heading_level("Normal"), None);
    }

    #[test]
    fn only_the_styles_paragraphs_have_are_read() {
        let xml = r#"<w:styles xmlns:w="w"><w:latentStyles><w:lsdException w:name="heading 1"/></w:latentStyles><w:style w:styleId="Unused"><w:name w:val="heading 1"/></w:style><w:style w:styleId="Title2"><w:name w:val="标题 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>"#;
        let styles = parse_styles(xml, &HashSet::from(["Title2"])).unwrap();
        assert_eq!(styles.keys().collect::<Vec<_>>(), ["Title2"]);
        let style = &styles["Title2"];
        assert_eq!(style.outline, Some(1));
        assert_eq!(style.numbering, Some(("3".to_owned(), 1)));
    }

    #[test]
    fn a_style_in_use_must_be_well_formed_and_one_passed_over_is_not_read() {
        let xml = r#"<w:styles xmlns:w="w"><w:style w:styleId="Broken"><w:name></w:style><w:style w:styleId="Title2"><w:name w:val="标题 2"/></w:style></w:styles>"#;
        assert!(parse_styles(xml, &HashSet::from(["Broken"])).is_err());
        // Word's 350 KB of styles is found by substring search, and only the styles in use parsed.
        let styles = parse_styles(xml, &HashSet::from(["Title2"])).unwrap();
        assert_eq!(styles["Title2"].outline, Some(1));
    }

    #[test]
    fn styles_under_another_prefix_are_read_whole() {
        let xml = r#"<x:styles xmlns:x="w"><x:style x:styleId="Unused"><x:name x:val="heading 1"/></x:style><x:style x:styleId="Title2"><x:name x:val="标题 2"/></x:style></x:styles>"#;
        let styles = parse_styles(xml, &HashSet::from(["Title2"])).unwrap();
        assert_eq!(styles.keys().collect::<Vec<_>>(), ["Title2"]);
        assert_eq!(styles["Title2"].outline, Some(1));
    }
}
