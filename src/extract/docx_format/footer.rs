//! The page number in the footers: a PAGE field (`w:fldSimple` or a complex field's
//! `w:instrText`), the dashes around it, and the font, size and alignment of its paragraph.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::paragraphs::font_name;
use super::props::{ParaProps, RunProps};
use super::styles::Styles;
use super::theme::ThemeFonts;
use crate::extract::xml::{attr, local};
use crate::format::PageNumber;

/// The footer parts the relationships name, by relationship id.
pub fn footer_targets(rels: &str, ids: &[String]) -> Vec<String> {
    let mut reader = Reader::from_str(rels);
    let mut targets = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if local(&e) == "Relationship" => {
                let is_footer = attr(&e, "Type").is_some_and(|t| t.ends_with("/footer"));
                let wanted = attr(&e, "Id").is_some_and(|id| ids.is_empty() || ids.contains(&id));
                if let (true, true, Some(target)) = (is_footer, wanted, attr(&e, "Target")) {
                    let target = target.trim_start_matches('/');
                    let target = target.strip_prefix("word/").unwrap_or(target);
                    targets.push(format!("word/{target}"));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        if targets.len() >= 8 {
            break;
        }
    }
    targets
}

/// The page number in one footer, if it has a PAGE field.
pub fn page_number(xml: &str, styles: &mut Styles, theme: &ThemeFonts) -> Option<PageNumber> {
    let mut reader = Reader::from_str(xml);
    // The paragraph being read: style, properties, text, whether it holds the field, runs.
    let mut style: Option<String> = None;
    let mut para = ParaProps::default();
    let mut text = String::new();
    let mut field = false;
    let mut run = RunProps::default();
    let mut field_run: Option<RunProps> = None;
    let (mut in_ppr, mut in_rpr, mut in_text, mut in_instr) = (false, false, false, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e) {
                "p" => {
                    (style, para, text, field) = (None, ParaProps::default(), String::new(), false);
                }
                "pPr" => in_ppr = true,
                "rPr" => in_rpr = true,
                "r" => run = RunProps::default(),
                "t" => in_text = true,
                "instrText" => in_instr = true,
                "fldSimple" if attr(&e, "instr").is_some_and(|i| is_page(&i)) => field = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(&e) {
                "pStyle" if in_ppr => style = attr(&e, "val"),
                "fldSimple" if attr(&e, "instr").is_some_and(|i| is_page(&i)) => field = true,
                _ if in_rpr && !in_ppr => run.read(&e),
                _ if in_ppr && !in_rpr => para.read(&e),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text || in_instr => {
                let content = t.xml10_content();
                if in_instr && is_page(&content) {
                    field = true;
                    field_run.get_or_insert_with(|| run.clone());
                } else if in_text && text.len() < 200 {
                    text.push_str(&content);
                    if field_run.is_none() && content.chars().any(|c| c.is_ascii_digit()) {
                        field_run = Some(run.clone());
                    }
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "t" => in_text = false,
                "instrText" => in_instr = false,
                "p" if field => {
                    let (mut resolved_para, mut resolved_run) = styles.paragraph(style.as_deref());
                    resolved_para.overlay(&para);
                    resolved_run.overlay(&field_run.unwrap_or(run));
                    return Some(PageNumber {
                        field: true,
                        dashes: text.contains(['—', '－', '-', '–']),
                        font: resolved_run.font.as_ref().and_then(|f| font_name(f, theme)),
                        size_pt: resolved_run.size_half_points.map(|h| h as f32 / 2.0),
                        align: resolved_para.align,
                        even_align: resolved_para.align,
                    });
                }
                "p" => field_run = None,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Whether settings.xml gives odd and even pages their own headers and footers
/// (`w:evenAndOddHeaders`, on unless its value says off).
pub fn odd_and_even_differ(settings: &str) -> bool {
    let mut reader = Reader::from_str(settings);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if local(&e) == "evenAndOddHeaders" => {
                return !attr(&e, "val")
                    .is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

fn is_page(instruction: &str) -> bool {
    instruction.split_whitespace().next() == Some("PAGE")
}
