//! styles.xml as a cascade: the document defaults, then each style over the one it is based on.
//! Chains are followed iteratively and at most [`MAX_DEPTH`] deep, a style met twice ends its
//! chain: a loop or a chain 10,000 styles deep costs no more than a short one.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::props::{ParaProps, RunProps};
use crate::extract::ExtractError;
use crate::extract::xml::local;

/// Word's own limit is not documented; real chains are a few styles long.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, Default)]
struct StyleDef {
    para: ParaProps,
    run: RunProps,
}

/// One style as the index found it: what it is based on and its XML, read when first needed.
#[derive(Debug)]
struct Entry<'a> {
    based_on: Option<&'a str>,
    xml: &'a str,
    def: Option<StyleDef>,
}

/// styles.xml indexed, not read: Word's is 350 KB (table styles, latent styles), of which a
/// report needs the defaults and the few styles its paragraphs use. Each `<w:style>` is found
/// with a substring search and read only when a paragraph draws on it or on a style based on it.
#[derive(Debug, Default)]
pub struct Styles<'a> {
    para_defaults: ParaProps,
    run_defaults: RunProps,
    styles: HashMap<&'a str, Entry<'a>>,
    /// The paragraph style of a paragraph that names none ("Normal").
    default_paragraph: Option<&'a str>,
    /// Chains already resolved, by style id (empty for the default paragraph style).
    resolved: HashMap<String, (ParaProps, RunProps)>,
}

/// Where in a piece of styles.xml the reader is.
#[derive(PartialEq)]
enum Within {
    Nothing,
    ParaDefaults,
    RunDefaults,
    Style,
}

const STYLE_START: &str = "<w:style ";
const STYLE_END: &str = "</w:style>";

impl<'a> Styles<'a> {
    pub fn parse(
        xml: &'a str,
        error: impl Fn(quick_xml::Error) -> ExtractError,
    ) -> Result<Self, ExtractError> {
        let mut styles = Styles::default();
        if let Some(defaults) = slice(xml, "<w:docDefaults", "</w:docDefaults>") {
            let def = read_piece(defaults, &mut styles, &error)?;
            debug_assert!(def.is_none());
        }
        for element in elements(xml) {
            let head = &element[..element.find('>').unwrap_or(element.len())];
            let kind = attribute(head, "w:type=\"");
            // Table and numbering styles shape no paragraph's text here.
            if matches!(kind, Some("table" | "numbering")) {
                continue;
            }
            let Some(id) = attribute(head, "w:styleId=\"") else {
                continue;
            };
            if kind == Some("paragraph")
                && attribute(head, "w:default=\"").is_some_and(|d| d == "1" || d == "true")
            {
                styles.default_paragraph = Some(id);
            }
            let based_on = element
                .find("<w:basedOn ")
                .and_then(|at| attribute(&element[at..], "w:val=\""));
            styles.styles.entry(id).or_insert(Entry {
                based_on,
                xml: element,
                def: None,
            });
        }
        Ok(styles)
    }

    /// What a paragraph of style `id` (or of the default style) has before direct formatting.
    pub fn paragraph(&mut self, id: Option<&str>) -> (ParaProps, RunProps) {
        let id = id.or(self.default_paragraph).unwrap_or_default().to_owned();
        if let Some(done) = self.resolved.get(&id) {
            return done.clone();
        }
        let mut para = self.para_defaults.clone();
        let mut run = self.run_defaults.clone();
        for def in self.chain(&id).iter().rev() {
            para.overlay(&def.para);
            run.overlay(&def.run);
        }
        self.resolved.insert(id, (para.clone(), run.clone()));
        (para, run)
    }

    /// A character style's run properties, its chain overlaid (without the defaults).
    pub fn character(&mut self, id: &str) -> RunProps {
        let mut run = RunProps::default();
        for def in self.chain(id).iter().rev() {
            run.overlay(&def.run);
        }
        run
    }

    /// The style and those it is based on, nearest first, each read on first use; bounded and
    /// loop-safe.
    fn chain(&mut self, id: &str) -> Vec<StyleDef> {
        let mut chain = Vec::new();
        let mut seen: Vec<&'a str> = Vec::new();
        let mut next = self.styles.get_key_value(id).map(|(k, _)| *k);
        while let Some(id) = next {
            if chain.len() >= MAX_DEPTH || seen.contains(&id) {
                break;
            }
            let Some(entry) = self.styles.get_mut(id) else {
                break;
            };
            seen.push(id);
            let def = entry.def.get_or_insert_with(|| read_style(entry.xml));
            chain.push(def.clone());
            next = entry.based_on;
        }
        chain
    }
}

/// The text from `start` to the end of `end` in `xml`, if both are there.
fn slice<'a>(xml: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = xml.find(start)?;
    let to = from + xml[from..].find(end)? + end.len();
    Some(&xml[from..to])
}

/// Each `<w:style>…</w:style>` element of a styles.xml, found by substring search: the rest of
/// Word's 350 KB (latent styles, table styles' contents) is never parsed.
pub fn elements(xml: &str) -> impl Iterator<Item = &str> {
    let (starts, ends) = (
        memchr::memmem::Finder::new(STYLE_START),
        memchr::memmem::Finder::new(STYLE_END),
    );
    let mut rest = xml;
    std::iter::from_fn(move || {
        let at = starts.find(rest.as_bytes())?;
        let tail = &rest[at..];
        let end = ends.find(tail.as_bytes())?;
        let element = &tail[..end + STYLE_END.len()];
        rest = &tail[element.len()..];
        Some(element)
    })
}

/// The `w:styleId` of a style element.
pub fn style_id(element: &str) -> Option<&str> {
    attribute(
        &element[..element.find('>').unwrap_or(element.len())],
        "w:styleId=\"",
    )
}

/// An attribute's value in an element's text, `key` being `name="`.
fn attribute<'a>(element: &'a str, key: &str) -> Option<&'a str> {
    let from = element.find(key)? + key.len();
    let len = element[from..].find('"')?;
    Some(&element[from..from + len])
}

/// One style element read into its properties; a broken one gives none.
fn read_style(xml: &str) -> StyleDef {
    let mut scratch = Styles::default();
    read_piece(xml, &mut scratch, |e| {
        ExtractError::Unsupported(e.to_string())
    })
    .ok()
    .flatten()
    .unwrap_or_default()
}

/// Reads a piece of styles.xml: the defaults into `styles`, or one style, returned.
fn read_piece(
    xml: &str,
    styles: &mut Styles,
    error: impl Fn(quick_xml::Error) -> ExtractError,
) -> Result<Option<StyleDef>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut within = Within::Nothing;
    let mut current: Option<StyleDef> = None;
    let mut done: Option<StyleDef> = None;
    // Inside a w:rPr or w:pPr of the current definition.
    let (mut in_run, mut in_para) = (false, false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e) {
                "pPrDefault" => within = Within::ParaDefaults,
                "rPrDefault" => within = Within::RunDefaults,
                "style" => {
                    within = Within::Style;
                    current = Some(StyleDef::default());
                }
                "rPr" => in_run = true,
                "pPr" => in_para = true,
                _ => read_property(styles, &e, &within, current.as_mut(), in_run, in_para),
            },
            Ok(Event::Empty(e)) => {
                read_property(styles, &e, &within, current.as_mut(), in_run, in_para)
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "rPr" => in_run = false,
                "pPr" => in_para = false,
                "pPrDefault" | "rPrDefault" => within = Within::Nothing,
                "style" => {
                    within = Within::Nothing;
                    done = current.take();
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(error(e)),
        }
    }
    Ok(done)
}

fn read_property(
    styles: &mut Styles,
    element: &quick_xml::events::BytesStart,
    within: &Within,
    current: Option<&mut StyleDef>,
    in_run: bool,
    in_para: bool,
) {
    match within {
        Within::ParaDefaults if in_para && !in_run => styles.para_defaults.read(element),
        Within::RunDefaults if in_run => styles.run_defaults.read(element),
        Within::Style => {
            let Some(def) = current else { return };
            if in_run && !in_para {
                def.run.read(element);
            } else if in_para && !in_run {
                def.para.read(element);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::docx_format::props::FontRef;

    fn parse(xml: &str) -> Styles<'_> {
        Styles::parse(xml, |e| ExtractError::Unsupported(e.to_string())).unwrap()
    }

    #[test]
    fn defaults_then_the_chain_then_the_style() {
        let mut styles = parse(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="仿宋"/></w:rPr></w:style></w:styles>"#,
        );
        let (para, run) = styles.paragraph(Some("Body"));
        assert_eq!(run.font, Some(FontRef::Name("仿宋".into())));
        assert_eq!(run.size_half_points, Some(32));
        assert_eq!(para.align, Some(crate::format::Align::Center));
        let (_, normal) = styles.paragraph(None);
        assert_eq!(normal.font, Some(FontRef::ThemeMinor));
    }

    #[test]
    fn a_loop_and_a_deep_chain_end() {
        let mut xml = String::from(r#"<w:styles xmlns:w="w">"#);
        xml.push_str(r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>"#);
        for i in 0..10_000 {
            xml.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="S{i}"><w:basedOn w:val="S{}"/></w:style>"#,
                i + 1
            ));
        }
        xml.push_str("</w:styles>");
        let mut styles = parse(&xml);
        assert_eq!(styles.paragraph(Some("A")).1, RunProps::default());
        assert_eq!(styles.paragraph(Some("S0")).1, RunProps::default());
    }
}
